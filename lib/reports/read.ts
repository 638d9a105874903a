/**
 * Reading reports back: status and progress, and the CSV of a complete report.
 */
import type { Sql } from '../../db/client';
import { compareStoreIds, reportCsv, secondsToHalves, type ReportCsvRow } from '../report';

export type ReportStatus = 'pending' | 'running' | 'complete' | 'failed';

export interface ReportSummary {
  id: string;
  status: ReportStatus;
  asOf: string | null;
  requestedAsOf: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  storesTotal: number | null;
  storesDone: number;
  runner: string;
  error: string | null;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SUMMARY_COLUMNS = `id::text AS id, status, ${iso('as_of')} AS "asOf", ${iso('requested_as_of')} AS "requestedAsOf",
  ${iso('created_at')} AS "createdAt", ${iso('started_at')} AS "startedAt", ${iso('finished_at')} AS "finishedAt",
  stores_total AS "storesTotal", stores_done AS "storesDone", runner, error`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Report ids are UUIDs; anything else is malformed (answered before touching the database). */
export function isReportId(id: string): boolean {
  return UUID_RE.test(id);
}

export async function getReport(db: Sql, id: string): Promise<ReportSummary | null> {
  if (!isReportId(id)) return null;
  const [r] = await db.query<ReportSummary>(`SELECT ${SUMMARY_COLUMNS} FROM reports WHERE id = $1`, [id]);
  return r ?? null;
}

export async function listReports(db: Sql, limit = 50): Promise<ReportSummary[]> {
  return db.query<ReportSummary>(`SELECT ${SUMMARY_COLUMNS} FROM reports ORDER BY created_at DESC, id LIMIT $1`, [limit]);
}

/** The rows of a complete report in CSV form (exact seconds → halves), sorted by store id bytes. */
export async function reportCsvRows(db: Sql, id: string): Promise<ReportCsvRow[]> {
  const rows = await db.query<Record<string, string>>(
    `SELECT store_id, uptime_hour_s::text AS uh, uptime_day_s::text AS ud, uptime_week_s::text AS uw,
            downtime_hour_s::text AS dh, downtime_day_s::text AS dd, downtime_week_s::text AS dw
     FROM report_rows WHERE report_id = $1 ORDER BY store_id`,
    [id],
  );
  const out = rows.map((r) => ({
    storeId: r.store_id!,
    upHour: secondsToHalves(r.uh!),
    upDay: secondsToHalves(r.ud!),
    upWeek: secondsToHalves(r.uw!),
    downHour: secondsToHalves(r.dh!),
    downDay: secondsToHalves(r.dd!),
    downWeek: secondsToHalves(r.dw!),
  }));
  // COLLATE "C" already orders by bytes; sorting again is cheap and keeps the SPEC rule in one place.
  return out.sort((a, b) => compareStoreIds(a.storeId, b.storeId));
}

/** The complete report's CSV text (SPEC §3 output). */
export async function reportCsvText(db: Sql, id: string): Promise<string> {
  return reportCsv(await reportCsvRows(db, id));
}
