/**
 * One page of a report's rows for the report table: filter, search, sort and paginate (14,000+
 * stores stay instant). Sort keys and filters come from fixed maps; nothing from a request is
 * put into SQL (the report id is a bound parameter).
 */
import type { Sql } from '../../db/client';
import { RecentCache } from '../recent-cache';
import { uptimeShare } from './format';
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

/**
 * A complete report never changes, so its rows are loaded once (columnar: one typed array per
 * number, ~1 MB for 14,000 stores) and every table page after that — any sort, filter, search or
 * page — is computed here without a query. The sorted order of each (column, direction) is
 * computed once per report. Recent reports are kept (least recently used first out).
 */
interface LoadedReport {
  /** In store-id byte order (the index is the store id's rank). */
  ids: string[];
  lowerIds: string[];
  cols: Record<'uh' | 'ud' | 'uw' | 'dh' | 'dd' | 'dw' | 'pd' | 'pw', Float64Array>;
  obs: Int32Array;
  orders: Map<string, Int32Array>;
}

/** The last few complete reports' rows (a report of 14k stores is ~1 MB). */
const cache = new RecentCache<Promise<LoadedReport>>(8);

/** Uptime share, 0–100; NaN when there is no data (typed arrays hold no null; shown as null). */
const pct = (up: number, down: number) => uptimeShare(up, down) ?? NaN;

async function loadReport(db: Sql, reportId: string): Promise<LoadedReport> {
  const rows = await db.query<Record<string, string | number>>(
    `SELECT store_id, uptime_hour_s::float8 AS uh, uptime_day_s::float8 AS ud, uptime_week_s::float8 AS uw,
            downtime_hour_s::float8 AS dh, downtime_day_s::float8 AS dd, downtime_week_s::float8 AS dw, observations
     FROM report_rows WHERE report_id = $1 ORDER BY store_id COLLATE "C"`,
    [reportId],
  );
  const n = rows.length;
  const col = () => new Float64Array(n);
  const out: LoadedReport = {
    ids: new Array<string>(n),
    lowerIds: new Array<string>(n),
    cols: { uh: col(), ud: col(), uw: col(), dh: col(), dd: col(), dw: col(), pd: col(), pw: col() },
    obs: new Int32Array(n),
    orders: new Map(),
  };
  const c = out.cols;
  rows.forEach((r, i) => {
    out.ids[i] = String(r.store_id);
    out.lowerIds[i] = out.ids[i]!.toLowerCase();
    for (const k of ['uh', 'ud', 'uw', 'dh', 'dd', 'dw'] as const) c[k][i] = Number(r[k]);
    out.obs[i] = Number(r.observations);
    c.pd[i] = pct(c.ud[i]!, c.dd[i]!);
    c.pw[i] = pct(c.uw[i]!, c.dw[i]!);
  });
  return out;
}

/** The rows of a report: from the cache when it is complete (and then cached), else read now. */
async function reportRows(db: Sql, reportId: string): Promise<LoadedReport> {
  const hit = cache.get(reportId);
  if (hit) return hit;
  const [r] = await db.query<{ status: string }>(`SELECT status FROM reports WHERE id = $1`, [reportId]);
  const loading = loadReport(db, reportId);
  if (r?.status !== 'complete') return loading; // still changing: never cached
  cache.set(reportId, loading);
  loading.catch(() => cache.delete(reportId));
  return loading;
}

/** The column each sort key reads (store_id sorts by rank, i.e. byte order). */
const SORT_COLUMN: Record<Exclude<SortKey, 'store_id'>, keyof LoadedReport['cols']> = {
  uptime_last_hour: 'uh',
  uptime_last_day: 'ud',
  uptime_last_week: 'uw',
  downtime_last_hour: 'dh',
  downtime_last_day: 'dd',
  downtime_last_week: 'dw',
  uptime_pct_day: 'pd',
  uptime_pct_week: 'pw',
};

/**
 * Row indexes in the order of a sort key and direction: stores without data (no %) go last
 * either way; the store id (byte order) breaks ties ascending.
 */
function sortedOrder(r: LoadedReport, key: SortKey, dir: 'asc' | 'desc'): Int32Array {
  const name = `${key}:${dir}`;
  let order = r.orders.get(name);
  if (order) return order;
  const n = r.ids.length;
  order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = key === 'store_id' && dir === 'desc' ? n - 1 - i : i;
  if (key !== 'store_id') {
    const v = r.cols[SORT_COLUMN[key] ?? 'uh'];
    const sign = dir === 'desc' ? -1 : 1;
    order.sort((a, b) => {
      const x = v[a]!, y = v[b]!;
      if (x !== y) {
        if (Number.isNaN(x)) return 1;
        if (Number.isNaN(y)) return -1;
        return sign * (x - y);
      }
      return a - b;
    });
  }
  r.orders.set(name, order);
  return order;
}

const FILTER_TEST: Record<Filter, (r: LoadedReport, i: number) => boolean> = {
  all: () => true,
  down_hour: (r, i) => r.cols.dh[i]! > 0,
  down_week: (r, i) => r.cols.dw[i]! > 0,
  no_data: (r, i) => r.obs[i] === 0,
};

export async function listReportRows(db: Sql, reportId: string, view: TableView): Promise<ReportTablePage> {
  const r = await reportRows(db, reportId);
  const order = sortedOrder(r, view.sort, view.dir);
  const keep = FILTER_TEST[view.filter] ?? FILTER_TEST.all;
  const q = view.q.toLowerCase();
  const matches: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (keep(r, i) && (q === '' || r.lowerIds[i]!.includes(q))) matches.push(i);
  }
  const total = matches.length;
  const pageCount = Math.max(1, Math.ceil(total / view.size));
  const page = Math.min(view.page, pageCount);
  const c = r.cols;
  const nullable = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    total,
    page,
    pageCount,
    rows: matches.slice((page - 1) * view.size, page * view.size).map((i) => ({
      storeId: r.ids[i]!,
      uptimeHourS: c.uh[i]!,
      uptimeDayS: c.ud[i]!,
      uptimeWeekS: c.uw[i]!,
      downtimeHourS: c.dh[i]!,
      downtimeDayS: c.dd[i]!,
      downtimeWeekS: c.dw[i]!,
      observations: r.obs[i]!,
      uptimePctDay: nullable(c.pd[i]!),
      uptimePctWeek: nullable(c.pw[i]!),
    })),
  };
}
