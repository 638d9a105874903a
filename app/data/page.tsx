import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { LocalTime } from '@/components/local-time';
import { UploadForm } from '@/components/upload-form';
import { dataSummary } from '@/lib/dashboard/data-summary';
import { formatCount, formatUtc } from '@/lib/dashboard/format';
import { uploadMaxBytes } from '@/lib/dashboard/upload-limit';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Data' };

export default async function DataPage() {
  const s = await dataSummary(await getDb());
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Data</h1>
          <p className="subtle" style={{ margin: 0 }}>What is loaded, and uploads of new CSV files.</p>
        </div>
      </div>

      <section className="card" aria-labelledby="loaded-h">
        <h2 id="loaded-h">Loaded</h2>
        <dl className="meta" data-testid="data-summary">
          <dt>Stores with polls</dt>
          <dd data-testid="summary-stores">{formatCount(s.stores)}</dd>
          <dt>Polls</dt>
          <dd data-testid="summary-polls">{formatCount(s.polls)}</dd>
          <dt>Time range</dt>
          <dd>{s.firstPoll ? `${formatUtc(s.firstPoll)} → ${formatUtc(s.latestPoll)}` : '—'}</dd>
          <dt>Latest poll</dt>
          <dd data-testid="summary-latest">
            {s.latestPoll ? (
              <>
                {formatUtc(s.latestPoll, true)} <span className="subtle small">· <LocalTime iso={s.latestPoll} /> · the default as-of of a new report</span>
              </>
            ) : '—'}
          </dd>
          <dt>Business hours</dt>
          <dd>
            {formatCount(s.storesWithHours)} stores with hours ·{' '}
            <span data-testid="summary-no-hours">{formatCount(s.storesWithoutHours)}</span> polled stores without hours (open 24×7)
          </dd>
          <dt>Time zones</dt>
          <dd>
            {formatCount(s.storesWithZone)} stores with a zone ·{' '}
            <span data-testid="summary-no-zone">{formatCount(s.storesWithoutZone)}</span> polled stores without one (America/Chicago)
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="upload-h">
        <h2 id="upload-h">Upload CSV files</h2>
        <UploadForm maxBytes={uploadMaxBytes()} />
      </section>

      {s.lastImports.length > 0 && (
        <section className="card" aria-labelledby="imports-h">
          <h2 id="imports-h">Recent imports</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">File</th><th scope="col">Source</th><th scope="col">Finished (UTC)</th><th scope="col" className="num">Inserted</th><th scope="col" className="num">Rejected</th></tr>
              </thead>
              <tbody>
                {s.lastImports.map((i) => (
                  <tr key={i.id}>
                    <td className="mono"><span className="clamp-2" title={i.fileName}>{i.fileName}</span></td>
                    <td>{i.source}</td>
                    <td>{formatUtc(i.finishedAt)}</td>
                    <td className="num">{formatCount(i.inserted)}</td>
                    <td className="num">{formatCount(i.rejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
