/**
 * Creating a report and getting it computed: through Inngest when a server is configured,
 * otherwise in this process, off the request path, with the same steps and status updates.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client';
import { inngest, inngestConfigured, REPORT_REQUESTED } from '../../inngest/client';
import { formatInstant } from '../report';
import { computeShard, failReport, finalizeReport, planReport } from './job';

export type Runner = 'inngest' | 'in-process' | 'cli';

/** Inserts a pending report; `asOf` (µs) is optional (default: the latest poll when it starts). */
export async function createReport(db: Sql, asOf: number | null, runner: Runner): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO reports (id, status, requested_as_of, runner) VALUES ($1, 'pending', $2::timestamptz, $3)`, [
    id, asOf === null ? null : formatInstant(asOf), runner,
  ]);
  return id;
}

const STEP_ATTEMPTS = 3;

async function withRetries<T>(what: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (e) {
      if (attempt >= STEP_ATTEMPTS || (e as Error).name === 'ReportNotFoundError') throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Runs every step of a report here, shards with bounded concurrency; failures mark it failed. */
export async function runReportInProcess(db: Sql, reportId: string, concurrency = 2): Promise<void> {
  try {
    const plan = await withRetries(() => planReport(db, reportId));
    let next = 0;
    const worker = async () => {
      while (next < plan.shardCount) {
        const shard = next++;
        await withRetries(() => computeShard(db, reportId, shard));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, plan.shardCount) }, worker));
    await withRetries(() => finalizeReport(db, reportId));
  } catch (e) {
    await failReport(db, reportId, (e as Error).message || String(e)).catch(() => {});
  }
}

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
