import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { getDb } from '@/db/client';
import { inngestDashboardUrl } from '@/inngest/client';
import { InstantWithLocal } from '@/components/local-time';
import { ReportLiveStatus } from '@/components/report-live-status';
import { ReportTable } from '@/components/report-table';
import { ReportTableToolbar } from '@/components/report-table-toolbar';
import { StatusBadge } from '@/components/status-badge';
import { formatDuration, formatUtc } from '@/lib/dashboard/format';
import { listReportRows } from '@/lib/dashboard/report-rows';
import { parseTableView, tableViewQuery, type TableView } from '@/lib/dashboard/table-params';
import { getReport, isReportId, type ReportStatus } from '@/lib/reports/read';

export const dynamic = 'force-dynamic';

/** What a report without an as-of instant says, by status. */
const NO_AS_OF: Record<ReportStatus, string> = {
  pending: 'set when the report starts (latest poll)',
  running: 'set when the report starts (latest poll)',
  failed: 'not set: the report failed before it started',
  complete: 'none: there were no polls in the database',
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: isReportId(id) ? `Report ${id.slice(0, 8)}` : 'Report' };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  if (!isReportId(id)) notFound();
  const db = await getDb();
  const report = await getReport(db, id);
  if (!report) notFound();
  const view = parseTableView(await searchParams);
  const started = report.startedAt ?? report.createdAt;
  const durationS = report.finishedAt ? (Date.parse(report.finishedAt) - Date.parse(started)) / 1000 : null;
  const inngestUrl = report.runner === 'inngest' ? inngestDashboardUrl() : null;

  return (
    <>
      <div className="breadcrumbs"><Link href="/">Overview</Link> / Report</div>
      <div className="page-head">
        <div>
          <h1>
            Report <span className="mono" title={report.id}>{report.id.slice(0, 8)}</span> <StatusBadge status={report.status} />
          </h1>
          <p className="subtle small mono" style={{ margin: 0 }}>{report.id}</p>
        </div>
        {report.status === 'complete' && (
          <a className="button" href={`/reports/${report.id}/csv`} download={`report-${report.id}.csv`} data-testid="download-csv">
            Download CSV
          </a>
        )}
      </div>

      <section className="card">
        <dl className="meta">
          <dt>As of</dt>
          <dd data-testid="report-as-of">{report.asOf ? <InstantWithLocal iso={report.asOf} /> : NO_AS_OF[report.status]}</dd>
          <dt>Requested</dt>
          <dd>{formatUtc(report.createdAt, true)}{report.requestedAsOf ? ` · for as-of ${formatUtc(report.requestedAsOf, true)}` : ''}</dd>
          <dt>Duration</dt>
          <dd>{durationS === null ? (report.status === 'failed' ? '—' : 'still running') : formatDuration(durationS)}</dd>
          <dt>Stores</dt>
          <dd>{report.storesTotal === null ? '—' : report.storesTotal.toLocaleString('en-US')}</dd>
          <dt>Computed by</dt>
          <dd>
            {report.runner}
            {inngestUrl && <> · <a href={inngestUrl} target="_blank" rel="noreferrer">view runs in Inngest</a></>}
          </dd>
        </dl>
      </section>

      {report.status === 'failed' && (
        <p role="alert" className="alert alert-error" data-testid="report-error">
          This report failed: {report.error ?? 'unknown error'}. Generate a new one from the <Link href="/">overview</Link>.
        </p>
      )}
      {(report.status === 'pending' || report.status === 'running') && <ReportLiveStatus reportId={report.id} />}

      {report.status === 'complete' && (
        <section aria-labelledby="stores-h">
          <h2 id="stores-h">Stores</h2>
          <p className="small subtle">
            Uptime and downtime inside business hours; last hour in minutes, last day and week in hours (as in the CSV). Uptime % = uptime / (uptime + downtime).
          </p>
          <ReportTableToolbar view={view} />
          <Suspense key={tableViewQuery(view)} fallback={<div className="skeleton" style={{ height: '24rem' }} aria-label="Loading the table" />}>
            <ReportRows reportId={report.id} view={view} />
          </Suspense>
        </section>
      )}
    </>
  );
}

/** One page of the table, fetched inside a Suspense boundary (the header shows at once). */
async function ReportRows({ reportId, view }: { reportId: string; view: TableView }) {
  const page = await listReportRows(await getDb(), reportId, view);
  const shown = { ...view, page: page.page };
  return <ReportTable reportId={reportId} rows={page.rows} view={shown} total={page.total} pageCount={page.pageCount} />;
}
