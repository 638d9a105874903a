/**
 * One page of a report's rows for the report table: filter, search, sort and paginate in SQL
 * (14,000+ stores stay instant). Sort keys come from a fixed map; request values are bound params.
 */
import type { Sql } from '../../db/client';
import type { Filter, SortKey, TableView } from './table-params';

/** A store's report numbers in exact seconds, as numbers (display only; the CSV uses the exact decimals). */
export interface ReportSeconds {
  uptimeHourS: number;
  uptimeDayS: number;
  uptimeWeekS: number;
  downtimeHourS: number;
  downtimeDayS: number;
  downtimeWeekS: number;
  observations: number;
}

export interface ReportTableRow extends ReportSeconds {
  storeId: string;
  /** Uptime share of business time with data, 0–100; null when there is none. */
  uptimePctDay: number | null;
  uptimePctWeek: number | null;
}

export interface ReportTablePage {
  rows: ReportTableRow[];
  /** Rows matching the filter and search. */
  total: number;
  /** The page actually shown (clamped to the last page). */
  page: number;
  pageCount: number;
}

const pct = (up: string, down: string) => `CASE WHEN ${up} + ${down} > 0 THEN 100 * ${up} / (${up} + ${down}) END`;

/** Fixed SQL per sort key: never built from request text. */
const SORT_SQL: Record<SortKey, string> = {
  store_id: 'store_id',
  uptime_last_hour: 'uptime_hour_s',
  uptime_last_day: 'uptime_day_s',
  uptime_last_week: 'uptime_week_s',
  downtime_last_hour: 'downtime_hour_s',
  downtime_last_day: 'downtime_day_s',
  downtime_last_week: 'downtime_week_s',
  uptime_pct_day: pct('uptime_day_s', 'downtime_day_s'),
  uptime_pct_week: pct('uptime_week_s', 'downtime_week_s'),
};

const FILTER_SQL: Record<Filter, string> = {
  all: 'TRUE',
  down_hour: 'downtime_hour_s > 0',
  down_week: 'downtime_week_s > 0',
  no_data: 'observations = 0',
};

export function sortSql(key: SortKey, dir: 'asc' | 'desc'): string {
  const expr = SORT_SQL[key] ?? SORT_SQL.store_id;
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  // Stores without data (null %) go last either way; store id breaks ties deterministically.
  return key === 'store_id' ? `store_id ${d}` : `${expr} ${d} NULLS LAST, store_id ASC`;
}

export async function listReportRows(db: Sql, reportId: string, view: TableView): Promise<ReportTablePage> {
  const where = `report_id = $1 AND ${FILTER_SQL[view.filter] ?? 'TRUE'} AND ($2 = '' OR strpos(lower(store_id), lower($2)) > 0)`;
  const params = [reportId, view.q];
  const [{ total } = { total: 0 }] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM report_rows WHERE ${where}`,
    params,
  );
  const pageCount = Math.max(1, Math.ceil(total / view.size));
  const page = Math.min(view.page, pageCount);
  const rows = await db.query<Record<string, string | number | null>>(
    `SELECT store_id, uptime_hour_s::float8 AS uh, uptime_day_s::float8 AS ud, uptime_week_s::float8 AS uw,
            downtime_hour_s::float8 AS dh, downtime_day_s::float8 AS dd, downtime_week_s::float8 AS dw, observations,
            (${SORT_SQL.uptime_pct_day})::float8 AS pd, (${SORT_SQL.uptime_pct_week})::float8 AS pw
     FROM report_rows WHERE ${where}
     ORDER BY ${sortSql(view.sort, view.dir)}
     LIMIT $3 OFFSET $4`,
    [...params, view.size, (page - 1) * view.size],
  );
  return {
    total,
    page,
    pageCount,
    rows: rows.map((r) => ({
      storeId: String(r.store_id),
      uptimeHourS: Number(r.uh),
      uptimeDayS: Number(r.ud),
      uptimeWeekS: Number(r.uw),
      downtimeHourS: Number(r.dh),
      downtimeDayS: Number(r.dd),
      downtimeWeekS: Number(r.dw),
      observations: Number(r.observations),
      uptimePctDay: r.pd === null ? null : Number(r.pd),
      uptimePctWeek: r.pw === null ? null : Number(r.pw),
    })),
  };
}
