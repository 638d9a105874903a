import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ReportHistoryTable } from '@/components/report-history-table';
import { reportCount, reportHistory } from '@/lib/dashboard/overview';
import { countOf } from '@/lib/plural';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'All reports' };

const PER_PAGE = 50;

/** `?page=N`: a whole number from 1; anything else is page 1 (never an error). */
const pageParam = z
  .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().regex(/^\d{1,7}$/).transform(Number))
  .pipe(z.number().int().min(1))
  .catch(1);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every report, newest first, 50 a page. */
export default async function ReportsPage({ searchParams }: Props) {
  const db = await getDb();
  const total = await reportCount(db);
  const pageCount = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = Math.min(pageParam.parse((await searchParams).page), pageCount);
  const reports = await reportHistory(db, PER_PAGE, (page - 1) * PER_PAGE);
  const link = (p: number, label: string, rel?: string) => (
    <Link href={p === 1 ? '/reports' : `/reports?page=${p}`} rel={rel}>
      {label}
    </Link>
  );
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Overview</Link> / All reports
      </nav>
      <h1>All reports</h1>
      <p className="subtle">
        {countOf(total, 'report')}, newest first. Times in UTC.
      </p>
      <section className="card" aria-labelledby="all-h">
        <h2 id="all-h" className="sr-only">Reports</h2>
        <ReportHistoryTable reports={reports} />
        <nav className="pager" aria-label="Pages">
          <span className="small subtle" data-testid="history-page">
            Page {page} of {pageCount}
          </span>
          <div className="pager-links">
            {page > 1 ? link(page - 1, 'Newer', 'prev') : <span aria-disabled="true">Newer</span>}
            {page < pageCount ? link(page + 1, 'Older', 'next') : <span aria-disabled="true">Older</span>}
          </div>
        </nav>
      </section>
    </>
  );
}
