'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useContext, useMemo, useTransition } from 'react';
import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import type { ReportTableRow } from '@/lib/dashboard/report-rows';
import { formatPct, hours, minutes, pctClass, storeHref } from '@/lib/dashboard/format';
import { DEFAULT_VIEW, SORT_KEYS, tableViewQuery, type SortKey, type TableView } from '@/lib/dashboard/table-params';

/** The report the table shows: store links open the drill-down of that report. */
const ReportIdContext = createContext<string | undefined>(undefined);

function StoreLink({ storeId }: { storeId: string }) {
  return (
    <Link href={storeHref(storeId, useContext(ReportIdContext))} className="store-link truncate" title={storeId}>
      {storeId}
    </Link>
  );
}

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, ReportTableRow>();

const num = (v: number, unit: 'min' | 'h') => (unit === 'min' ? minutes(v) : hours(v));

const columns = helper.columns([
  helper.accessor('storeId', {
    id: 'store_id',
    header: 'Store',
    cell: (c) => <StoreLink storeId={c.getValue()} />,
  }),
  helper.accessor('uptimeHourS', { id: 'uptime_last_hour', header: 'Uptime, last hour (min)', cell: (c) => num(c.getValue(), 'min') }),
  helper.accessor('uptimeDayS', { id: 'uptime_last_day', header: 'Uptime, last day (h)', cell: (c) => num(c.getValue(), 'h') }),
  helper.accessor('uptimeWeekS', { id: 'uptime_last_week', header: 'Uptime, last week (h)', cell: (c) => num(c.getValue(), 'h') }),
  helper.accessor('downtimeHourS', { id: 'downtime_last_hour', header: 'Downtime, last hour (min)', cell: (c) => num(c.getValue(), 'min') }),
  helper.accessor('downtimeDayS', { id: 'downtime_last_day', header: 'Downtime, last day (h)', cell: (c) => num(c.getValue(), 'h') }),
  helper.accessor('downtimeWeekS', { id: 'downtime_last_week', header: 'Downtime, last week (h)', cell: (c) => num(c.getValue(), 'h') }),
  helper.accessor('uptimePctDay', {
    id: 'uptime_pct_day',
    header: 'Uptime % day',
    cell: (c) => <span className={pctClass(c.getValue())}>{formatPct(c.getValue())}</span>,
  }),
  helper.accessor('uptimePctWeek', {
    id: 'uptime_pct_week',
    header: 'Uptime % week',
    cell: (c) => <span className={pctClass(c.getValue())}>{formatPct(c.getValue())}</span>,
  }),
]);

export interface ReportTableProps {
  reportId: string;
  rows: ReportTableRow[];
  view: TableView;
  total: number;
  pageCount: number;
}

/**
 * Every store of a report (one page at a time). Sorting, filtering, search and paging are done by
 * the server from the URL; the table (TanStack Table v9, manual mode) renders the page and turns
 * header clicks into URL changes.
 */
export function ReportTable({ reportId, rows, view, total, pageCount }: ReportTableProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNav] = useTransition();
  const go = (next: Partial<TableView>) => {
    const target = { ...view, ...next };
    startNav(() => router.push(`${pathname}${tableViewQuery(target)}`, { scroll: false }));
  };

  const sorting: SortingState = useMemo(() => [{ id: view.sort, desc: view.dir === 'desc' }], [view.sort, view.dir]);
  const pagination: PaginationState = useMemo(() => ({ pageIndex: view.page - 1, pageSize: view.size }), [view.page, view.size]);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.storeId,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    rowCount: total,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      const key = (SORT_KEYS as readonly string[]).includes(next?.id ?? '') ? (next!.id as SortKey) : DEFAULT_VIEW.sort;
      go({ sort: key, dir: next?.desc ? 'desc' : 'asc', page: 1 });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      go({ page: next.pageIndex + 1 });
    },
  });

  return (
    <ReportIdContext.Provider value={reportId}>
    <div aria-busy={navigating}>
      <div className="table-wrap" style={{ opacity: navigating ? 0.6 : 1 }}>
        <table data-testid="report-table" className="sticky-first">
          <caption className="sr-only">Stores of the report, sorted by {view.sort} {view.dir === 'desc' ? 'descending' : 'ascending'}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const isNum = header.column.id !== 'store_id';
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={isNum ? 'num' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      data-column={header.column.id}
                    >
                      <button
                        type="button"
                        className="sort-btn"
                        data-active={sorted ? 'true' : 'false'}
                        onClick={header.column.getToggleSortingHandler()}
                        title={`Sort by ${String(header.column.columnDef.header)}`}
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="subtle" style={{ textAlign: 'center', padding: '1.5rem' }}>
                  {view.q === '' && view.filter === 'all'
                    ? 'This report has no stores (there were no polls at or before its as-of).'
                    : `No store matches${view.q ? ` “${view.q}”` : ''}${view.filter !== 'all' ? ' with this filter' : ''}.`}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} data-store-id={row.original.storeId}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cell.column.id !== 'store_id' ? 'num' : undefined} data-column={cell.column.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        <span className="small subtle" data-testid="row-count">
          {total === 0 ? 'No rows' : `Rows ${((view.page - 1) * view.size + 1).toLocaleString('en-US')}–${Math.min(view.page * view.size, total).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`}
          {' · '}Page {view.page} of {pageCount}
        </span>
        <div className="pager-links">
          {view.page > 1 ? (
            <Link href={`${pathname}${tableViewQuery({ ...view, page: 1 })}`} scroll={false} aria-label="First page">«</Link>
          ) : (
            <span aria-hidden="true">«</span>
          )}
          {table.getCanPreviousPage() ? (
            <Link href={`${pathname}${tableViewQuery({ ...view, page: view.page - 1 })}`} scroll={false} rel="prev">Previous</Link>
          ) : (
            <span aria-disabled="true">Previous</span>
          )}
          {table.getCanNextPage() ? (
            <Link href={`${pathname}${tableViewQuery({ ...view, page: view.page + 1 })}`} scroll={false} rel="next">Next</Link>
          ) : (
            <span aria-disabled="true">Next</span>
          )}
          {view.page < pageCount ? (
            <Link href={`${pathname}${tableViewQuery({ ...view, page: pageCount })}`} scroll={false} aria-label="Last page">»</Link>
          ) : (
            <span aria-hidden="true">»</span>
          )}
        </div>
      </nav>
    </div>
    </ReportIdContext.Provider>
  );
}
