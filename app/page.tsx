import { getDb } from '@/db/client';
import { GenerateReportButton } from '@/components/generate-report-button';
import { listReports } from '@/lib/reports/read';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const reports = await listReports(await getDb());
  return (
    <>
      <h1>Reports</h1>
      <GenerateReportButton />
      <table>
        <thead>
          <tr><th>Report</th><th>Status</th><th>As of (UTC)</th><th>Stores</th><th>CSV</th></tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{r.status}{r.error ? `: ${r.error}` : ''}</td>
              <td>{r.asOf ?? '—'}</td>
              <td>{r.storesDone}{r.storesTotal !== null ? ` / ${r.storesTotal}` : ''}</td>
              <td>{r.status === 'complete' && <a href={`/api/get_report?report_id=${r.id}`}>Download</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
