/**
 * The report job as an Inngest function: plan → one step per shard (in parallel, bounded by
 * Inngest) → finalize. Steps return ids and counts only; each is idempotent, so Inngest's
 * retries never duplicate rows. When the last retry fails, the report is marked failed.
 */
import { getDb, type Sql } from '../db/client';
import { computeShard, failReport, finalizeReport, MAX_PLAN_ATTEMPTS, planReport } from '../lib/reports/job';
import { inngest, REPORT_REQUESTED } from './client';

export function createReportFunction(db: () => Promise<Sql> = getDb) {
  return inngest.createFunction(
    {
      id: 'compute-report',
      name: 'Compute uptime report',
      retries: 3,
      triggers: [{ event: REPORT_REQUESTED }],
      concurrency: { limit: 4 },
      onFailure: async ({ event, error }) => {
        const reportId = (event.data.event.data as { reportId?: string }).reportId;
        if (reportId) await failReport(await db(), reportId, error.message || 'the report job failed');
      },
    },
    async ({ event, step }) => {
      const reportId = (event.data as { reportId: string }).reportId;
      // Normally one pass. If an import lands mid-report, finalize resets the report and it is
      // planned again under new, deterministic step ids (bounded by MAX_PLAN_ATTEMPTS).
      for (let attempt = 0; attempt < MAX_PLAN_ATTEMPTS; attempt++) {
        const id = (name: string) => (attempt === 0 ? name : `${name}-attempt-${attempt}`);
        const plan = await step.run(id('plan'), async () => planReport(await db(), reportId));
        const shards = await Promise.all(
          Array.from({ length: plan.shardCount }, (_, i) => step.run(id(`shard-${i}`), async () => computeShard(await db(), reportId, i))),
        );
        const done = await step.run(id('finalize'), async () => finalizeReport(await db(), reportId));
        if (!done.restarted) return { reportId, shards: shards.length, rows: done.rows, attempts: attempt + 1 };
      }
      throw new Error('the data kept changing while the report was computed');
    },
  );
}

export const computeReport = createReportFunction();
export const functions = [computeReport];
