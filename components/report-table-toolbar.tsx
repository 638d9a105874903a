'use client';

import Form from 'next/form';
import { usePathname } from 'next/navigation';
import { useRef } from 'react';
import { FILTERS, FILTER_LABELS, PAGE_SIZES, type TableView } from '@/lib/dashboard/table-params';

/** Search, filter and page size: a GET form, so the view lives in the URL (works without JavaScript too). */
export function ReportTableToolbar({ view }: { view: TableView }) {
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  return (
    <Form action={pathname} ref={form} className="toolbar" role="search" aria-label="Filter the report" scroll={false}>
      <input type="hidden" name="sort" value={view.sort} />
      <input type="hidden" name="dir" value={view.dir} />
      <label className="grow">
        Store id contains
        <input type="search" name="q" defaultValue={view.q} placeholder="e.g. 8419537941919820732" maxLength={100} autoComplete="off" key={view.q} />
      </label>
      <label>
        Show
        <select name="filter" defaultValue={view.filter} key={view.filter} onChange={() => form.current?.requestSubmit()}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>{FILTER_LABELS[f]}</option>
          ))}
        </select>
      </label>
      <label>
        Rows per page
        <select name="size" defaultValue={String(view.size)} key={view.size} onChange={() => form.current?.requestSubmit()}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
      <button type="submit">Search</button>
    </Form>
  );
}
