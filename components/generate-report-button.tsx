'use client';

import { useState, useTransition } from 'react';
import { triggerReport } from '@/app/actions';
import { ReportProgress, useReportStatus } from './report-progress';

/**
 * Starts a report through the server action (the job runs in the background) and shows its
 * live progress; when it finishes, the page's server data refreshes on its own.
 */
export function GenerateReportButton({ activeReportId = null }: { activeReportId?: string | null }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [reportId, setReportId] = useState<string | null>(activeReportId);
  const status = useReportStatus(reportId);
  const running = status ? status.status === 'pending' || status.status === 'running' : reportId !== null && reportId === activeReportId;
  return (
    <div className="live" style={{ alignItems: 'flex-start' }}>
      <button
        type="button"
        disabled={pending || running}
        onClick={() =>
          startTransition(async () => {
            const r = await triggerReport({});
            if (!r.ok) setError(r.error);
            else {
              setError(null);
              setReportId(r.value.reportId);
            }
          })
        }
      >
        {pending ? 'Starting…' : running ? 'Generating…' : 'Generate report'}
      </button>
      {status && <ReportProgress status={status} />}
      {error && <p role="alert" className="alert alert-error">{error}</p>}
    </div>
  );
}
