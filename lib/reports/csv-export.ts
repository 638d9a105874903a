/**
 * The SPEC CSV of a complete report, produced page by page (keyset on store_id, byte order) so it
 * can be streamed without holding a huge report in memory. A complete report never changes, so
 * the bytes of recent ones are kept in a small in-memory cache: repeated downloads (the API, the
 * dashboard button, many users) cost no database work.
 */
import type { Sql } from '../../db/client';
import { RecentCache } from '../recent-cache';
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

/** The whole CSV as text (tests, the CLI). */
export async function reportCsvText(db: Sql, reportId: string): Promise<string> {
  let text = '';
  for await (const chunk of reportCsvChunks(db, reportId)) text += chunk;
  return text;
}

const CACHE_MAX_BYTES = Number(process.env.CSV_CACHE_MAX_BYTES ?? 128 * 1024 * 1024);
type Bytes = Uint8Array<ArrayBuffer>;
/** Recent complete reports' CSV bytes; one report may take at most a quarter of the budget. */
const cache = new RecentCache<Bytes>(CACHE_MAX_BYTES, (b) => b.byteLength);

function remember(reportId: string, bytes: Bytes) {
  if (bytes.byteLength <= CACHE_MAX_BYTES / 4) cache.set(reportId, bytes);
}

function concat(parts: Bytes[], size: number): Bytes {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * The body of a CSV download of a **complete** report: cached bytes when this process served it
 * recently, else a stream from the database that fills the cache as it goes.
 */
export function reportCsvBody(db: Sql, reportId: string): Bytes | ReadableStream<Bytes> {
  const hit = cache.get(reportId);
  if (hit) return hit;
  const encoder = new TextEncoder();
  const chunks = reportCsvChunks(db, reportId);
  const parts: Bytes[] = [];
  let size = 0;
  return new ReadableStream<Bytes>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) {
          controller.close();
          if (size <= CACHE_MAX_BYTES / 4) remember(reportId, concat(parts, size));
          return;
        }
        const bytes = encoder.encode(value);
        if (size <= CACHE_MAX_BYTES / 4) parts.push(bytes);
        size += bytes.byteLength;
        controller.enqueue(bytes);
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
