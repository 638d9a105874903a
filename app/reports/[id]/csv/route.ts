import { getDb } from '@/db/client';
import { reportCsvBody } from '@/lib/reports/csv-export';
import { guarded, jsonError } from '@/lib/http/responses';
import { getReport, isReportId } from '@/lib/reports/read';

export const dynamic = 'force-dynamic';

/** GET /reports/<id>/csv — the complete report's SPEC CSV, streamed, as `report-<id>.csv`. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  return guarded(async () => {
    const { id } = await ctx.params;
    if (!isReportId(id)) return jsonError(400, 'the report id must be a UUID');
    const db = await getDb();
    const report = await getReport(db, id);
    if (!report) return jsonError(404, `no report with id ${id}`);
    if (report.status === 'failed') return jsonError(409, `the report failed: ${report.error ?? 'unknown error'}`);
    if (report.status !== 'complete')
      return jsonError(409, 'the report is still being computed', { status: 'Running', stores_done: report.storesDone, stores_total: report.storesTotal });
    return new Response(reportCsvBody(db, report.id), {
      headers: {
        'Cache-Control': 'no-store',
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="report-${report.id}.csv"`,
        'X-Report-Status': 'Complete',
      },
    });
  });
}
