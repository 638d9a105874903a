/**
 * Reading reports back: status and progress, and the CSV of a complete report.
 */
import type { Sql } from '../../db/client';

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

export { reportCsvText } from './csv-export';
