import { getDb } from '@/db/client';
import { guarded, jsonError, requireAdmin } from '@/lib/http/responses';
import { triggerReport } from '@/lib/reports/dispatch';
import { asOfProblem, firstIssue, triggerRequestSchema } from '@/lib/reports/requests';

export const dynamic = 'force-dynamic';

/** POST /api/trigger_report — optional JSON body {"as_of": ISO-8601} → 202 {"report_id": "…"} (SPEC §4). */
export async function POST(request: Request) {
  return guarded(async () => {
    const denied = requireAdmin(request);
    if (denied) return denied;
    const text = await request.text();
    if (text.length > 10_000) return jsonError(413, 'request body too large');
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return jsonError(400, 'the body must be JSON, e.g. {"as_of": "2023-01-25T18:00:00Z"}, or empty');
      }
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return jsonError(400, 'the body must be a JSON object');
    const parsed = triggerRequestSchema.safeParse(body);
    if (!parsed.success) return jsonError(400, firstIssue(parsed.error));
    const db = await getDb();
    const problem = await asOfProblem(db, parsed.data.as_of);
    if (problem) return jsonError(400, problem);
    const id = await triggerReport(db, parsed.data.as_of);
    return Response.json({ report_id: id }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  });
}

export async function GET() {
  return jsonError(405, 'use POST to trigger a report');
}
