/** What is loaded: counts of stores and polls, the poll time range, and gaps in hours / zones. */
import type { Sql } from '../../db/client';

export interface DataSummary {
  stores: number;
  polls: number;
  /** ISO UTC instants, or null when there are no polls. */
  firstPoll: string | null;
  latestPoll: string | null;
  storesWithHours: number;
  storesWithZone: number;
  /** Stores with polls but no business-hours rows (open 24×7). */
  storesWithoutHours: number;
  /** Stores with polls but no usable time zone (America/Chicago is used). */
  storesWithoutZone: number;
  lastImports: { id: number; source: string; fileName: string; finishedAt: string | null; inserted: number; rejected: number }[];
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function dataSummary(db: Sql): Promise<DataSummary> {
  const [s] = await db.query<Record<string, string | number | null>>(
    `SELECT (SELECT count(*)::int FROM stores) AS stores,
            (SELECT count(*)::int FROM polls) AS polls,
            (SELECT ${iso('min(first_poll)')} FROM stores) AS first_poll,
            (SELECT ${iso('max(last_poll)')} FROM stores) AS latest_poll,
            (SELECT count(DISTINCT store_id)::int FROM business_hours) AS with_hours,
            (SELECT count(*)::int FROM store_time_zones WHERE time_zone IS NOT NULL) AS with_zone,
            (SELECT count(*)::int FROM stores s WHERE NOT EXISTS (SELECT 1 FROM business_hours b WHERE b.store_id = s.store_id)) AS no_hours,
            (SELECT count(*)::int FROM stores s WHERE NOT EXISTS
               (SELECT 1 FROM store_time_zones z WHERE z.store_id = s.store_id AND z.time_zone IS NOT NULL)) AS no_zone`,
  );
  const imports = await db.query<Record<string, string | number | null>>(
    `SELECT id, source, file_name, ${iso('finished_at')} AS finished_at, rows_inserted, rows_rejected
     FROM imports ORDER BY id DESC LIMIT 10`,
  );
  return {
    stores: Number(s?.stores ?? 0),
    polls: Number(s?.polls ?? 0),
    firstPoll: (s?.first_poll as string | null) ?? null,
    latestPoll: (s?.latest_poll as string | null) ?? null,
    storesWithHours: Number(s?.with_hours ?? 0),
    storesWithZone: Number(s?.with_zone ?? 0),
    storesWithoutHours: Number(s?.no_hours ?? 0),
    storesWithoutZone: Number(s?.no_zone ?? 0),
    lastImports: imports.map((r) => ({
      id: Number(r.id),
      source: String(r.source),
      fileName: String(r.file_name),
      finishedAt: (r.finished_at as string | null) ?? null,
      inserted: Number(r.rows_inserted),
      rejected: Number(r.rows_rejected),
    })),
  };
}
