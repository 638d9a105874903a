/**
 * The overview page's numbers, aggregated in SQL over one report's rows: fleet KPIs
 * (time-weighted uptime), the uptime distribution (bucketed) and the worst stores.
 */
import type { Sql } from '../../db/client';
import { getReport, type ReportSummary } from '../reports/read';
import { uptimeShare } from './format';

export interface FleetKpis {
  stores: number;
  /** Time-weighted: Σ uptime / Σ (uptime + downtime) over all stores, 0–100; null without data. */
  uptimePctDay: number | null;
  uptimePctWeek: number | null;
  storesDownLastHour: number;
  storesNoData: number;
}

export interface DistributionBucket {
  /** 0…9 = [10·i, 10·i + 10) %, 10 = exactly 100 %. */
  bucket: number;
  label: string;
  stores: number;
}

export interface WorstStore {
  storeId: string;
  uptimePctWeek: number;
  downtimeWeekS: number;
  uptimeWeekS: number;
}

/**
 * The report the overview (and a drill-down opened without one) shows: the most recently finished
 * complete report **as of the latest poll** (requested without an explicit as-of), so that a
 * report asked for some other instant does not take the overview over; when there is none, the
 * most recently finished complete report of any as-of. Null when nothing is complete.
 */
export async function latestCompleteReport(db: Sql): Promise<ReportSummary | null> {
  const [r] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM reports WHERE status = 'complete'
     ORDER BY (requested_as_of IS NULL) DESC, finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
  );
  return r ? getReport(db, r.id) : null;
}

/** The newest report still pending or running, or null. */
export async function activeReport(db: Sql): Promise<ReportSummary | null> {
  const [r] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM reports WHERE status IN ('pending', 'running') ORDER BY created_at DESC LIMIT 1`,
  );
  return r ? getReport(db, r.id) : null;
}

export async function fleetKpis(db: Sql, reportId: string): Promise<FleetKpis> {
  const [r] = await db.query<Record<string, string | number | null>>(
    `SELECT count(*)::int AS stores,
            sum(uptime_day_s)::float8 AS ud, sum(downtime_day_s)::float8 AS dd,
            sum(uptime_week_s)::float8 AS uw, sum(downtime_week_s)::float8 AS dw,
            (count(*) FILTER (WHERE downtime_hour_s > 0))::int AS down_hour,
            (count(*) FILTER (WHERE observations = 0))::int AS no_data
     FROM report_rows WHERE report_id = $1`,
    [reportId],
  );
  const share = (up: unknown, down: unknown) => uptimeShare(Number(up ?? 0), Number(down ?? 0));
  return {
    stores: Number(r?.stores ?? 0),
    uptimePctDay: share(r?.ud, r?.dd),
    uptimePctWeek: share(r?.uw, r?.dw),
    storesDownLastHour: Number(r?.down_hour ?? 0),
    storesNoData: Number(r?.no_data ?? 0),
  };
}

export function bucketLabel(bucket: number): string {
  return bucket >= 10 ? '100%' : `${bucket * 10}–${bucket === 9 ? '<100' : bucket * 10 + 10}%`;
}

/** Stores per 10-point bucket of last-week uptime % (stores without data are left out: see KPIs). */
export async function uptimeDistribution(db: Sql, reportId: string): Promise<DistributionBucket[]> {
  const rows = await db.query<{ bucket: number; stores: number }>(
    `SELECT CASE WHEN downtime_week_s = 0 THEN 10
                 ELSE least(9, floor(10 * uptime_week_s / (uptime_week_s + downtime_week_s)))::int END AS bucket,
            count(*)::int AS stores
     FROM report_rows WHERE report_id = $1 AND uptime_week_s + downtime_week_s > 0
     GROUP BY 1 ORDER BY 1`,
    [reportId],
  );
  const counts = new Map(rows.map((r) => [Number(r.bucket), Number(r.stores)]));
  return Array.from({ length: 11 }, (_, b) => ({ bucket: b, label: bucketLabel(b), stores: counts.get(b) ?? 0 }));
}

/** The stores with the lowest last-week uptime % (ties: more downtime first), only stores with data. */
export async function worstStores(db: Sql, reportId: string, limit = 10): Promise<WorstStore[]> {
  const rows = await db.query<Record<string, string | number>>(
    `SELECT store_id, uptime_week_s::float8 AS uw, downtime_week_s::float8 AS dw,
            (100 * uptime_week_s / (uptime_week_s + downtime_week_s))::float8 AS pct
     FROM report_rows WHERE report_id = $1 AND downtime_week_s > 0
     ORDER BY uptime_week_s / (uptime_week_s + downtime_week_s) ASC, downtime_week_s DESC, store_id
     LIMIT $2`,
    [reportId, Math.max(1, Math.min(100, Math.floor(limit)))],
  );
  return rows.map((r) => ({
    storeId: String(r.store_id),
    uptimePctWeek: Number(r.pct),
    downtimeWeekS: Number(r.dw),
    uptimeWeekS: Number(r.uw),
  }));
}

export interface ReportHistoryRow extends ReportSummary {
  rows: number;
  durationMs: number | null;
}

/** How many reports there are (the history's pages). */
export async function reportCount(db: Sql): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  return Number(r?.n ?? 0);
}

/** The latest reports (newest first, skipping `offset`) with their row counts and durations. */
export async function reportHistory(db: Sql, limit = 20, offset = 0): Promise<ReportHistoryRow[]> {
  const rows = await db.query<{ id: string; rows: number; duration_ms: number | null }>(
    `SELECT r.id::text AS id,
            (SELECT count(*)::int FROM report_rows rr WHERE rr.report_id = r.id) AS rows,
            (extract(epoch FROM (r.finished_at - coalesce(r.started_at, r.created_at))) * 1000)::float8 AS duration_ms
     FROM reports r ORDER BY r.created_at DESC, r.id LIMIT $1 OFFSET $2`,
    [Math.max(1, Math.min(200, Math.floor(limit))), Math.max(0, Math.floor(offset))],
  );
  const out: ReportHistoryRow[] = [];
  for (const r of rows) {
    const summary = await getReport(db, r.id);
    if (summary) out.push({ ...summary, rows: Number(r.rows), durationMs: r.duration_ms === null ? null : Number(r.duration_ms) });
  }
  return out;
}
