/**
 * Running a report's steps in this process (the CLI, and the app when no Inngest server is
 * configured): plan, shards with bounded concurrency and per-step retries, finalize.
 * Kept free of the Inngest SDK so the CLI starts fast.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client';
import { formatInstant } from '../report';
import { computeShard, failReport, finalizeReport, planReport, ReportNotFoundError } from './job';

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
      if (attempt >= STEP_ATTEMPTS || e instanceof ReportNotFoundError) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Runs every step of a report here, shards with bounded concurrency; failures mark it failed. */
export async function runReportInProcess(db: Sql, reportId: string, concurrency = 2): Promise<void> {
  try {
    for (;;) {
      const plan = await withRetries(() => planReport(db, reportId));
      let next = 0;
      const worker = async () => {
        while (next < plan.shardCount) {
          const shard = next++;
          await withRetries(() => computeShard(db, reportId, shard));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, plan.shardCount) }, worker));
      const done = await withRetries(() => finalizeReport(db, reportId));
      if (!done.restarted) return; // else an import landed mid-report: plan again (bounded in finalizeReport)
    }
  } catch (e) {
    await failReport(db, reportId, (e as Error).message || String(e)).catch(() => {});
  }
}
