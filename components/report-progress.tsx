'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { countOf } from '@/lib/plural';

export interface LiveStatus {
  id: string;
  status: 'pending' | 'running' | 'complete' | 'failed';
  storesDone: number;
  storesTotal: number | null;
  error: string | null;
}

/** Polls `/reports/<id>/status` until the report finishes, then refreshes the page's server data. */
export function useReportStatus(reportId: string | null, intervalMs = 800): LiveStatus | null {
  const router = useRouter();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const refreshed = useRef<string | null>(null);
  useEffect(() => {
    if (!reportId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const res = await fetch(`/reports/${reportId}/status`, { cache: 'no-store' });
        if (res.ok) {
          const s = (await res.json()) as LiveStatus;
          if (stopped) return;
          setStatus(s);
          if (s.status === 'complete' || s.status === 'failed') {
            if (refreshed.current !== reportId) {
              refreshed.current = reportId;
              router.refresh();
            }
            return;
          }
        }
      } catch {
        /* network hiccup: try again */
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [reportId, intervalMs, router]);
  return status && status.id === reportId ? status : null;
}

/** A progress bar (stores done / total) with the report's status, live. */
export function ReportProgress({ status, showLink = true }: { status: LiveStatus; showLink?: boolean }) {
  const total = status.storesTotal ?? 0;
  const pct = status.status === 'complete' ? 100 : total > 0 ? Math.floor((100 * status.storesDone) / total) : 0;
  return (
    <div className="live" data-testid="report-progress" data-status={status.status}>
      {status.status === 'failed' ? (
        <p role="alert" className="alert alert-error" style={{ margin: 0 }}>Report failed: {status.error ?? 'unknown error'}</p>
      ) : (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label="Report progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div style={{ width: `${pct}%` }} />
          </div>
          <span className="small subtle" aria-live="polite">
            {status.status === 'complete'
              ? `Complete: ${countOf(status.storesDone, 'store')}`
              : status.status === 'pending'
                ? 'Queued…'
                : `Computing… ${status.storesDone.toLocaleString('en-US')} / ${total ? countOf(total, 'store') : '? stores'}`}
          </span>
        </>
      )}
      {showLink && status.status === 'complete' && (
        <Link href={`/reports/${status.id}`} className="small">Open the new report →</Link>
      )}
    </div>
  );
}
