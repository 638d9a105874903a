/**
 * Reads what the engine needs for the stores of a report shard — their polls of the report week,
 * their business-hours rows and their time zone — in ONE statement per shard, one row per store.
 *
 * Performance notes (measured with `npm run bench`, see docs/performance.md):
 *  - Each store's polls are read by a LATERAL index range scan on the primary key
 *    (store_id, ts) limited to the week, so the work does not grow with older history, and the
 *    importer writes each import's polls sorted by (store_id, ts), so those reads touch a few
 *    pages per store.
 *  - The statement is a binary COPY: each store's instants arrive as a `timestamptz[]` of 8-byte
 *    integers (µs), so the server converts no instant to text and this process parses none —
 *    2–2.5× faster than the same read with the instants as ISO text (measured on 1.84M polls).
 *  - No JIT for these statements (on the server it costs ~1 s of compilation per query).
 */
import type { Sql } from '../../db/client';
import { BinaryCopyReader } from '../../db/copy-binary';
import { isReportId } from './read';
import { formatInstant, parseClockTime, windowStart, type HoursRow, type Poll, type StoreInput } from '../report';

/** SQL for an instant column as integer microseconds since the epoch, as text (same in both drivers). */
export const usText = (col: string) => `((extract(epoch from ${col}) * 1000000)::int8)::text`;

function clock(text: string): number {
  const t = parseClockTime(text);
  if (!t.ok) throw new Error(`stored business hours hold an unreadable time: ${text}`);
  return t.value;
}

/**
 * Session settings for bulk reads and writes, local to the current transaction: UTC ISO text
 * for instants and, on the server, no JIT and room to sort in memory.
 */
export async function bulkSettings(tx: Sql, workMem = '64MB'): Promise<void> {
  if (tx.kind === 'postgres')
    await tx.query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO', true),
      set_config('jit', 'off', true), set_config('work_mem', $1, true)`, [workMem]);
  else await tx.query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO', true)`);
}

function decodeHours(text: string | null): HoursRow[] {
  if (!text) return [];
  return text.split(',').map((row) => {
    const [day, start, end] = row.split(' ');
    return { day: Number(day), startUs: clock(start!), endUs: clock(end!) };
  });
}

/** The polls of one store: instants from the binary array, statuses from the `1`/`0` string. */
function readPolls(rows: BinaryCopyReader, active: string | null): Poll[] {
  const polls = rows.instants((ts, k) => ({ ts, active: active!.charCodeAt(k) === 49 }));
  if (polls.length !== (active?.length ?? 0)) throw new Error('the polls of a store came back with mismatched columns');
  // Aggregated without ORDER BY (it made the server sort every store's rows); usually already in
  // order, since each import writes its polls sorted by (store_id, ts).
  for (let k = 1; k < polls.length; k++)
    if (polls[k]!.ts < polls[k - 1]!.ts) return polls.sort((x, y) => x.ts - y.ts);
  return polls;
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;
const isInstant = (v: string) => INSTANT.test(v);

/** A value spliced into a COPY statement (COPY takes no bind parameters): only shapes we made. */
function literal(value: string, valid: (v: string) => boolean): string {
  if (!valid(value)) throw new Error(`refusing to put ${JSON.stringify(value)} into SQL`);
  return `'${value}'`;
}

/**
 * Engine inputs for the stores of one shard of a report, in store-id byte order. The shard's
 * range is read from `report_shards` inside the statement, so only the report's UUID and the
 * instants this module formats are written into the SQL text, never a store id.
 */
export async function loadShardInputs(db: Sql, reportId: string, shard: number, asOf: number): Promise<StoreInput[]> {
  if (!Number.isSafeInteger(shard) || shard < 0) throw new Error(`bad shard number ${shard}`);
  const bytes = await db.transaction(async (tx) => {
    await bulkSettings(tx);
    return tx.copyOutBinary(
      `SELECT s.store_id, z.time_zone, h.hours, p.active, p.ts
       FROM report_shards sh
       JOIN stores s ON s.store_id BETWEEN sh.lo AND sh.hi
       LEFT JOIN store_time_zones z ON z.store_id = s.store_id
       LEFT JOIN LATERAL (
         SELECT array_agg(q.ts) AS ts, string_agg(CASE WHEN q.active THEN '1' ELSE '0' END, '') AS active
         FROM (SELECT ts, active FROM polls
               WHERE store_id = s.store_id AND ts > ${literal(formatInstant(windowStart(asOf, 'week')), isInstant)}::timestamptz
                 AND ts <= ${literal(formatInstant(asOf), isInstant)}::timestamptz) q
       ) p ON true
       LEFT JOIN LATERAL (
         SELECT string_agg(b.day_of_week::text || ' ' || b.start_time::text || ' ' || b.end_time::text, ',') AS hours
         FROM business_hours b WHERE b.store_id = s.store_id
       ) h ON true
       WHERE sh.report_id = ${literal(reportId, isReportId)}::uuid AND sh.shard = ${shard}
         AND s.first_poll <= ${literal(formatInstant(asOf), isInstant)}::timestamptz
       ORDER BY s.store_id`,
    );
  });
  const rows = new BinaryCopyReader(bytes);
  const out: StoreInput[] = [];
  while (rows.nextRow(5)) {
    const storeId = rows.text()!;
    const timeZone = rows.text();
    const hours = decodeHours(rows.text());
    const polls = readPolls(rows, rows.text());
    out.push({ storeId, hours, timeZone, polls });
  }
  return out;
}
