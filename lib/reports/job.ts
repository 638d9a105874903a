/**
 * The report job as deterministic steps, shared by the Inngest function and the in-process
 * runner. Each step takes and returns ids and counts only, and is idempotent, so a retried
 * step never duplicates rows. A report becomes `complete` only in the transaction that checks
 * every row is written.
 */
import type { Sql } from '../../db/client';
import { copyText } from '../../db/copy-text';
import { currentDataVersion } from '../../db/data-version';
import { computeStoreReport, formatInstant, halvesToSeconds, type StoreReport } from '../report';
import { loadShardInputs, usText } from './store-inputs';

/** Stores per shard: small enough for bounded memory, large enough to amortise the reads. */
export const DEFAULT_SHARD_SIZE = Number(process.env.REPORT_SHARD_SIZE ?? 1000);

export interface ReportPlan {
  reportId: string;
  asOf: string | null;
  storesTotal: number;
  shardCount: number;
  /** 0 for the first plan; +1 each time an import landed mid-report and it was planned again. */
  attempt: number;
}

/** How often a report is planned again because imports kept landing while it was computed. */
export const MAX_PLAN_ATTEMPTS = 5;

export class ReportNotFoundError extends Error {}

/** The default as-of: the latest poll in the database (from `stores.last_poll`, kept by every import), µs; null without polls. */
export async function latestPoll(db: Sql): Promise<number | null> {
  const [latest] = await db.query<{ us: string | null }>(`SELECT ${usText('max(last_poll)')} AS us FROM stores`);
  return latest?.us == null ? null : Number(latest.us);
}

/** Step 1: mark running, fix the as-of instant, split the stores into shards. */
export async function planReport(db: Sql, reportId: string, shardSize = DEFAULT_SHARD_SIZE): Promise<ReportPlan> {
  return db.transaction(async (tx) => {
    const [report] = await tx.query<{ status: string; requested: string | null; as_of: string | null; stores_total: number | null; shard_count: number | null; attempt: number }>(
      `SELECT status, ${usText('requested_as_of')} AS requested, ${usText('as_of')} AS as_of, stores_total, shard_count, attempt
       FROM reports WHERE id = $1 FOR UPDATE`,
      [reportId],
    );
    if (!report) throw new ReportNotFoundError(`report ${reportId} does not exist`);
    if (report.shard_count !== null) {
      // Already planned (a retried step): keep the plan.
      return { reportId, asOf: report.as_of, storesTotal: report.stores_total ?? 0, shardCount: report.shard_count, attempt: report.attempt };
    }
    const version = await currentDataVersion(tx);
    let asOfUs: number | null = report.requested === null ? null : Number(report.requested);
    if (asOfUs === null) {
      asOfUs = await latestPoll(tx);
    }
    const ids =
      asOfUs === null
        ? []
        : (await tx.query<{ store_id: string }>(`SELECT store_id FROM stores WHERE first_poll <= $1::timestamptz ORDER BY store_id`, [formatInstant(asOfUs)])).map(
            (r) => r.store_id,
          );
    const shardCount = Math.ceil(ids.length / shardSize);
    for (let s = 0; s < shardCount; s++) {
      const slice = ids.slice(s * shardSize, (s + 1) * shardSize);
      await tx.query(`INSERT INTO report_shards (report_id, shard, lo, hi, stores) VALUES ($1, $2, $3, $4, $5)`, [
        reportId, s, slice[0], slice[slice.length - 1], slice.length,
      ]);
    }
    await tx.query(
      `UPDATE reports SET status = 'running', started_at = coalesce(started_at, now()), as_of = $2::timestamptz,
         stores_total = $3, shard_count = $4, data_version = $5, error = NULL WHERE id = $1`,
      [reportId, asOfUs === null ? null : formatInstant(asOfUs), ids.length, shardCount, version],
    );
    return { reportId, asOf: asOfUs === null ? null : String(asOfUs), storesTotal: ids.length, shardCount, attempt: report.attempt };
  });
}

const ROW_COLUMNS = [
  'report_id', 'store_id', 'uptime_hour_s', 'uptime_day_s', 'uptime_week_s',
  'downtime_hour_s', 'downtime_day_s', 'downtime_week_s', 'business_day_s', 'business_week_s', 'observations',
];

function rowLine(reportId: string, r: StoreReport): string {
  const s = halvesToSeconds;
  return `${reportId}\t${copyText(r.storeId)}\t${s(r.hour.up)}\t${s(r.day.up)}\t${s(r.week.up)}\t${s(r.hour.down)}\t${s(r.day.down)}\t${s(r.week.down)}\t${s(r.day.business)}\t${s(r.week.business)}\t${r.observations}\n`;
}

/** Step 2 (one per shard): compute the shard's stores and write their rows, replacing any earlier attempt. */
export async function computeShard(db: Sql, reportId: string, shard: number): Promise<{ shard: number; rows: number }> {
  const [info] = await db.query<{ lo: string; hi: string; as_of: string; stores: number; planned: string }>(
    `SELECT s.lo, s.hi, s.stores, ${usText('r.as_of')} AS as_of, r.data_version::text AS planned
     FROM report_shards s JOIN reports r ON r.id = s.report_id WHERE s.report_id = $1 AND s.shard = $2`,
    [reportId, shard],
  );
  if (!info) throw new ReportNotFoundError(`report ${reportId} has no shard ${shard}`);
  const asOf = Number(info.as_of);
  const versionBefore = await currentDataVersion(db);
  const inputs = await loadShardInputs(db, reportId, shard, asOf);
  const lines = inputs.map((input) => rowLine(reportId, computeStoreReport(input, asOf)));
  await db.transaction(async (tx) => {
    // Read entirely at the planned version? Otherwise an import landed: finalize plans again.
    const versionAfter = await currentDataVersion(tx);
    const consistent = versionBefore === versionAfter && String(versionAfter) === info.planned && inputs.length === info.stores;
    await tx.query(`DELETE FROM report_rows WHERE report_id = $1 AND store_id BETWEEN $2 AND $3`, [reportId, info.lo, info.hi]);
    if (lines.length > 0) await tx.copyIn('report_rows', ROW_COLUMNS, lines.join(''));
    await tx.query(`UPDATE report_shards SET done = true, data_version = $3 WHERE report_id = $1 AND shard = $2`, [
      reportId, shard, consistent ? versionAfter : null,
    ]);
    await tx.query(
      `UPDATE reports SET stores_done = (SELECT coalesce(sum(stores), 0)::int FROM report_shards WHERE report_id = $1 AND done)
       WHERE id = $1`,
      [reportId],
    );
  });
  return { shard, rows: lines.length };
}

/**
 * Step 3: mark complete — only if every shard is done, every row is there, and every shard
 * was read at the planned data version. If an import landed mid-report, the report is reset
 * to be planned again (`restarted`), so it is computed entirely after that import.
 */
export async function finalizeReport(db: Sql, reportId: string): Promise<{ rows: number; restarted: boolean }> {
  return db.transaction(async (tx) => {
    const [r] = await tx.query<{ status: string; stores_total: number; rows: number; pending: number; stale: number; attempt: number }>(
      `SELECT status, stores_total, attempt,
              (SELECT count(*)::int FROM report_rows WHERE report_id = $1) AS rows,
              (SELECT count(*)::int FROM report_shards WHERE report_id = $1 AND NOT done) AS pending,
              (SELECT count(*)::int FROM report_shards s WHERE s.report_id = $1
                 AND s.data_version IS DISTINCT FROM reports.data_version) AS stale
       FROM reports WHERE id = $1 FOR UPDATE`,
      [reportId],
    );
    if (!r) throw new ReportNotFoundError(`report ${reportId} does not exist`);
    if (r.status === 'complete') return { rows: r.rows, restarted: false };
    if (r.pending > 0) throw new Error(`report ${reportId} is incomplete: ${r.pending} shards pending`);
    if (r.stale > 0) {
      if (r.attempt + 1 >= MAX_PLAN_ATTEMPTS)
        throw new Error(`the data kept changing while the report was computed (${MAX_PLAN_ATTEMPTS} attempts); generate it again`);
      await tx.query('DELETE FROM report_rows WHERE report_id = $1', [reportId]);
      await tx.query('DELETE FROM report_shards WHERE report_id = $1', [reportId]);
      await tx.query(
        `UPDATE reports SET shard_count = NULL, stores_total = NULL, stores_done = 0, as_of = NULL, data_version = NULL,
           attempt = attempt + 1 WHERE id = $1`,
        [reportId],
      );
      return { rows: 0, restarted: true };
    }
    if (r.rows !== r.stores_total) throw new Error(`report ${reportId} is incomplete: ${r.rows} of ${r.stores_total} rows written`);
    await tx.query(`UPDATE reports SET status = 'complete', finished_at = now(), stores_done = $2, error = NULL WHERE id = $1`, [reportId, r.rows]);
    return { rows: r.rows, restarted: false };
  });
}

/** Marks a report failed with a readable reason (never over a complete one). */
export async function failReport(db: Sql, reportId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE reports SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status <> 'complete'`,
    [reportId, reason.slice(0, 2000)],
  );
}
