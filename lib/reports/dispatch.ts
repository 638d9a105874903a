/**
 * Creating a report and getting it computed: through Inngest when a server is configured,
 * otherwise in this process, off the request path, with the same steps and status updates.
 */
import type { Sql } from '../../db/client';
import { inngest, inngestConfigured, REPORT_REQUESTED } from '../../inngest/client';
import { failReport } from './job';
import { createReport, runReportInProcess, type Runner } from './runner';

export { createReport, runReportInProcess, type Runner } from './runner';

const running = new Set<Promise<void>>();

/** In-process jobs still running (tests and graceful shutdown wait for them). */
export function inProcessJobs(): Promise<void[]> {
  return Promise.all(running);
}

/**
 * Creates a report and starts it. Returns at once with the id; the work happens in the
 * background. If a configured Inngest server cannot be reached, the report is marked failed
 * with the reason (no fallback: a configured Inngest that is down is worth knowing about).
 */
export async function triggerReport(db: Sql, asOf: number | null): Promise<string> {
  const runner: Runner = inngestConfigured() ? 'inngest' : 'in-process';
  const id = await createReport(db, asOf, runner);
  if (runner === 'inngest') {
    try {
      await inngest.send({ name: REPORT_REQUESTED, data: { reportId: id } });
    } catch (e) {
      await failReport(db, id, `could not hand the report to Inngest (${(e as Error).message}); is the Inngest dev server running? ` +
        'Unset INNGEST_DEV / INNGEST_BASE_URL / INNGEST_EVENT_KEY to compute reports in-process.');
    }
  } else {
    const job = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runReportInProcess(db, id));
    running.add(job);
    void job.finally(() => running.delete(job));
  }
  return id;
}

/** Reports left pending or running by a previous process of the in-process runner cannot finish: say so. */
export async function failInterruptedReports(db: Sql): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `UPDATE reports SET status = 'failed', finished_at = now(),
       error = 'interrupted: the server stopped while this report was being computed; generate it again'
     WHERE runner = 'in-process' AND status IN ('pending', 'running') RETURNING id`,
  );
  return rows.length;
}
