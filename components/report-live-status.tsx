'use client';

import { ReportProgress, useReportStatus } from './report-progress';

/** A running report's live progress; the page refreshes itself when it completes. */
export function ReportLiveStatus({ reportId }: { reportId: string }) {
  const status = useReportStatus(reportId);
  return (
    <section className="card" aria-label="Progress">
      <h2>Computing this report</h2>
      {status ? <ReportProgress status={status} showLink={false} /> : <p className="subtle">Checking progress…</p>}
      <p className="small subtle">This page updates on its own when the report is complete.</p>
    </section>
  );
}
