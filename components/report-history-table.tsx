import Link from 'next/link';
import type { ReportHistoryRow } from '@/lib/dashboard/overview';
import { formatCount, formatDuration, formatUtc } from '@/lib/dashboard/format';
import { StatusBadge } from './status-badge';

/** Recent reports, newest first, each linking to its page. */
export function ReportHistoryTable({ reports }: { reports: ReportHistoryRow[] }) {
  if (reports.length === 0) return <p className="subtle">No reports yet.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="report-history">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Status</th>
            <th scope="col">As of (UTC)</th>
            <th scope="col">Requested (UTC)</th>
            <th scope="col" className="num">Duration</th>
            <th scope="col" className="num">Rows</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} data-report-id={r.id}>
              <td><Link href={`/reports/${r.id}`} className="mono" title={r.id}>{r.id.slice(0, 8)}</Link></td>
              <td>
                <StatusBadge status={r.status} />
                {r.status === 'running' && r.storesTotal ? <span className="small subtle"> {Math.floor((100 * r.storesDone) / r.storesTotal)}%</span> : null}
              </td>
              <td>{formatUtc(r.asOf)}</td>
              <td>{formatUtc(r.createdAt)}</td>
              <td className="num">{r.durationMs === null ? '—' : formatDuration(r.durationMs / 1000)}</td>
              <td className="num">{r.status === 'complete' ? formatCount(r.rows) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
