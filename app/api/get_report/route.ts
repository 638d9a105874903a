import { getDb } from '@/db/client';
import { guarded, jsonError } from '@/lib/http/responses';
import { reportCsvBody } from '@/lib/reports/csv-export';
import { getReport } from '@/lib/reports/read';
import { firstIssue, reportIdSchema } from '@/lib/reports/requests';

export const dynamic = 'force-dynamic';

/** GET /api/get_report?report_id=… — Running / CSV / Failed / 404 / 400 (SPEC §4). */
export async function GET(request: Request) {
  return guarded(async () => {
    const raw = new URL(request.url).searchParams.get('report_id');
    const parsed = reportIdSchema.safeParse(raw ?? undefined);
    if (!parsed.success) return jsonError(400, firstIssue(parsed.error));
    const db = await getDb();
    const report = await getReport(db, parsed.data);
    if (!report) return jsonError(404, `no report with id ${parsed.data}`);
    const noStore = { 'Cache-Control': 'no-store' };
    if (report.status === 'failed') return Response.json({ status: 'Failed', error: report.error ?? 'unknown error' }, { headers: noStore });
    if (report.status !== 'complete')
      return Response.json(
        { status: 'Running', stores_done: report.storesDone, stores_total: report.storesTotal, as_of: report.asOf },
        { headers: noStore },
      );
    return new Response(reportCsvBody(db, report.id), {
      headers: {
        ...noStore,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="report-${report.id}.csv"`,
        'X-Report-Status': 'Complete',
      },
    });
  });
}

export async function POST() {
  return jsonError(405, 'use GET /api/get_report?report_id=<id>');
}
