/**
 * The SPEC CSV of a complete report, produced page by page (keyset on store_id, byte order) so a
 * route handler can stream it without holding the whole report in memory. Same bytes as
 * reportCsvText() in lib/reports/read.ts.
 */
import type { Sql } from '../../db/client';
import { REPORT_CSV_HEADER, reportCsvLine, secondsToHalves } from '../report';

export const CSV_PAGE_ROWS = 5000;

export async function* reportCsvChunks(db: Sql, reportId: string, pageRows = CSV_PAGE_ROWS): AsyncGenerator<string> {
  yield REPORT_CSV_HEADER + '\n';
  let after: string | null = null;
  for (;;) {
    const rows: Record<string, string>[] = await db.query<Record<string, string>>(
      `SELECT store_id, uptime_hour_s::text AS uh, uptime_day_s::text AS ud, uptime_week_s::text AS uw,
              downtime_hour_s::text AS dh, downtime_day_s::text AS dd, downtime_week_s::text AS dw
       FROM report_rows WHERE report_id = $1 AND ($2::text IS NULL OR store_id > $2::text COLLATE "C")
       ORDER BY store_id LIMIT $3`,
      [reportId, after, pageRows],
    );
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows)
      chunk +=
        reportCsvLine({
          storeId: r.store_id!,
          upHour: secondsToHalves(r.uh!),
          upDay: secondsToHalves(r.ud!),
          upWeek: secondsToHalves(r.uw!),
          downHour: secondsToHalves(r.dh!),
          downDay: secondsToHalves(r.dd!),
          downWeek: secondsToHalves(r.dw!),
        }) + '\n';
    yield chunk;
    after = rows[rows.length - 1]!.store_id!;
    if (rows.length < pageRows) return;
  }
}

/** A web ReadableStream of UTF-8 bytes over reportCsvChunks. */
export function reportCsvStream(db: Sql, reportId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = reportCsvChunks(db, reportId);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
