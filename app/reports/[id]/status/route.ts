import { getDb } from '@/db/client';
import { guarded, jsonError } from '@/lib/http/responses';
import { getReport, isReportId } from '@/lib/reports/read';

export const dynamic = 'force-dynamic';

/** GET /reports/<id>/status — status and progress as JSON, for the dashboard's live progress bar. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  return guarded(async () => {
    const { id } = await ctx.params;
    if (!isReportId(id)) return jsonError(400, 'the report id must be a UUID');
    const report = await getReport(await getDb(), id);
    if (!report) return jsonError(404, `no report with id ${id}`);
    return Response.json(
      {
        id: report.id,
        status: report.status,
        storesDone: report.storesDone,
        storesTotal: report.storesTotal,
        asOf: report.asOf,
        error: report.error,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
