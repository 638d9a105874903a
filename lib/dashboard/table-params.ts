/**
 * The report table's view state as it lives in the URL (`/reports/<id>?sort=…&dir=…&q=…&filter=…&page=…&size=…`).
 * Every value is validated; anything unknown or malformed falls back to its default, so a hand-edited
 * or stale link always renders a page and never reaches SQL as text (sort keys map to fixed SQL).
 */
import { z } from 'zod';

/** Sortable columns: URL key → label. The SQL for each lives in report-rows.ts (a fixed map). */
export const SORT_KEYS = [
  'store_id',
  'uptime_last_hour',
  'uptime_last_day',
  'uptime_last_week',
  'downtime_last_hour',
  'downtime_last_day',
  'downtime_last_week',
  'uptime_pct_day',
  'uptime_pct_week',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const FILTERS = ['all', 'down_hour', 'down_week', 'no_data'] as const;
export type Filter = (typeof FILTERS)[number];

export const FILTER_LABELS: Record<Filter, string> = {
  all: 'All stores',
  down_hour: 'Downtime in the last hour',
  down_week: 'Any downtime this week',
  no_data: 'No data (no observation)',
};

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface TableView {
  sort: SortKey;
  dir: 'asc' | 'desc';
  q: string;
  filter: Filter;
  page: number;
  size: PageSize;
}

export const DEFAULT_VIEW: TableView = { sort: 'store_id', dir: 'asc', q: '', filter: 'all', page: 1, size: 50 };

const MAX_SEARCH = 100;
const MAX_PAGE = 1_000_000;

/** A single string from a search-param value (arrays: the first; anything else: undefined). */
const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const viewSchema = z.object({
  sort: z.preprocess(single, z.enum(SORT_KEYS)).catch(DEFAULT_VIEW.sort),
  dir: z.preprocess(single, z.enum(['asc', 'desc'])).catch(DEFAULT_VIEW.dir),
  q: z
    .preprocess(single, z.string())
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_SEARCH))
    .catch(DEFAULT_VIEW.q),
  filter: z.preprocess(single, z.enum(FILTERS)).catch(DEFAULT_VIEW.filter),
  page: z
    .preprocess(single, z.string().regex(/^\d{1,7}$/).transform(Number))
    .pipe(z.number().int().min(1).max(MAX_PAGE))
    .catch(DEFAULT_VIEW.page),
  size: z
    .preprocess(single, z.string().regex(/^\d{1,4}$/).transform(Number))
    .pipe(z.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)))
    .catch(DEFAULT_VIEW.size) as z.ZodType<PageSize>,
});

/** Parses Next.js `searchParams` (or a URLSearchParams) into a valid view; never throws. */
export function parseTableView(input: Record<string, string | string[] | undefined> | URLSearchParams | null | undefined): TableView {
  const raw: Record<string, unknown> = {};
  if (input instanceof URLSearchParams) for (const k of ['sort', 'dir', 'q', 'filter', 'page', 'size']) raw[k] = input.get(k) ?? undefined;
  else if (input && typeof input === 'object') Object.assign(raw, input);
  const parsed = viewSchema.safeParse(raw);
  return parsed.success ? (parsed.data as TableView) : { ...DEFAULT_VIEW };
}

/** The query string of a view, leaving out defaults (so the plain URL is the default view). */
export function tableViewQuery(view: TableView): string {
  const p = new URLSearchParams();
  if (view.sort !== DEFAULT_VIEW.sort) p.set('sort', view.sort);
  if (view.dir !== DEFAULT_VIEW.dir) p.set('dir', view.dir);
  if (view.q) p.set('q', view.q);
  if (view.filter !== DEFAULT_VIEW.filter) p.set('filter', view.filter);
  if (view.page !== DEFAULT_VIEW.page) p.set('page', String(view.page));
  if (view.size !== DEFAULT_VIEW.size) p.set('size', String(view.size));
  const s = p.toString();
  return s ? `?${s}` : '';
}
