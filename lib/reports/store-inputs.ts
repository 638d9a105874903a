/**
 * Reads what the engine needs for a range of stores — their polls of the report week, their
 * business-hours rows and their time zone — in ONE query per shard, one row per store.
 *
 * Performance notes (measured with `npm run bench`, see docs/performance.md):
 *  - Each store's polls are read by a LATERAL index range scan on the primary key
 *    (store_id, ts) limited to the week, so the work does not grow with older history, and the
 *    importer writes each import's polls sorted by (store_id, ts), so those reads touch a few
 *    pages per store.
 *  - Timestamps cross the wire as PostgreSQL's own ISO text in UTC (`2023-01-18 18:13:22.74835+00`),
 *    which the server writes several times faster than `extract(epoch …)` (numeric arithmetic)
 *    and which is parsed here with integer arithmetic, exactly.
 *  - No JIT for these statements (on the server it costs ~1 s of compilation per query).
 */
import type { Sql } from '../../db/client';
import {
  daysFromCivil,
  formatInstant,
  parseClockTime,
  parseTimestamp,
  US_PER_DAY,
  US_PER_HOUR,
  US_PER_MINUTE,
  US_PER_SECOND,
  windowStart,
  type HoursRow,
  type Poll,
  type StoreInput,
} from '../report';

/** SQL for an instant column as integer microseconds since the epoch, as text (same in both drivers). */
export const usText = (col: string) => `((extract(epoch from ${col}) * 1000000)::int8)::text`;

export interface StoreRange {
  lo: string;
  hi: string;
}

function clock(text: string): number {
  const t = parseClockTime(text);
  if (!t.ok) throw new Error(`stored business hours hold an unreadable time: ${text}`);
  return t.value;
}

/** The stores of a report in [lo, hi]: those with a poll at or before `asOf`, in byte order. */
export async function storesInRange(db: Sql, range: StoreRange, asOf: number): Promise<string[]> {
  const rows = await db.query<{ store_id: string }>(
    `SELECT store_id FROM stores WHERE store_id BETWEEN $1 AND $2 AND first_poll <= $3::timestamptz ORDER BY store_id`,
    [range.lo, range.hi, formatInstant(asOf)],
  );
  return rows.map((r) => r.store_id);
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

// Local copies: under tsx (CommonJS output) every use of an imported binding is a getter call,
// which costs more than the arithmetic in this hot loop.
const HOUR = US_PER_HOUR, MINUTE = US_PER_MINUTE, SECOND = US_PER_SECOND, DAY = US_PER_DAY;
const civilDays = daysFromCivil;
const parseFull = parseTimestamp;

let lastDateKey = -1;
let lastDateUs = 0;

/** µs of the day `YYYY-MM-DD` starting at `i` (consecutive polls share dates: one-entry cache). */
function dayUs(s: string, i: number): number {
  const y = (s.charCodeAt(i) - 48) * 1000 + (s.charCodeAt(i + 1) - 48) * 100 + (s.charCodeAt(i + 2) - 48) * 10 + (s.charCodeAt(i + 3) - 48);
  const m = (s.charCodeAt(i + 5) - 48) * 10 + (s.charCodeAt(i + 6) - 48);
  const d = (s.charCodeAt(i + 8) - 48) * 10 + (s.charCodeAt(i + 9) - 48);
  const key = y * 10000 + m * 100 + d;
  if (key !== lastDateKey) {
    lastDateKey = key;
    lastDateUs = civilDays(y, m, d) * DAY;
  }
  return lastDateUs;
}

/**
 * One instant as PostgreSQL writes a timestamptz in UTC with DateStyle ISO:
 * `YYYY-MM-DD HH:MM:SS[.f{1,6}]+00`. Anything else goes through the full parser.
 */
function utcTextToUs(s: string, from: number, to: number): number {
  if (to - from >= 22 && s.charCodeAt(to - 3) === 43 && s.charCodeAt(to - 2) === 48 && s.charCodeAt(to - 1) === 48 &&
      s.charCodeAt(from + 4) === 45 && s.charCodeAt(from + 10) === 32) {
    const i = from + 11;
    let us =
      dayUs(s, from) +
      ((s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48)) * HOUR +
      ((s.charCodeAt(i + 3) - 48) * 10 + (s.charCodeAt(i + 4) - 48)) * MINUTE +
      ((s.charCodeAt(i + 6) - 48) * 10 + (s.charCodeAt(i + 7) - 48)) * SECOND;
    const fracEnd = to - 3;
    if (i + 8 < fracEnd && s.charCodeAt(i + 8) === 46) {
      let f = 0, scale = 100_000;
      for (let k = i + 9; k < fracEnd; k++, scale /= 10) f += (s.charCodeAt(k) - 48) * scale;
      us += f;
    }
    return us;
  }
  const parsed = parseFull(s.slice(from, to));
  if (!parsed.ok) throw new Error(`unreadable instant from the database: ${s.slice(from, to)}`);
  return parsed.value;
}

/** The polls of one store from the aggregated columns, sorted by instant. */
function decodePolls(ts: string | null, active: string | null): Poll[] {
  if (!ts || !active) return [];
  const out = new Array<Poll>(active.length);
  let from = 0, sorted = true, prev = -Infinity;
  for (let k = 0; k < out.length; k++) {
    let to = ts.indexOf(',', from);
    if (to < 0) to = ts.length;
    const us = utcTextToUs(ts, from, to);
    if (us < prev) sorted = false;
    prev = us;
    out[k] = { ts: us, active: active.charCodeAt(k) === 49 };
    from = to + 1;
  }
  // The subquery orders by ts and PostgreSQL aggregates in that order; never trust it blindly.
  if (!sorted) out.sort((a, b) => a.ts - b.ts);
  return out;
}

function decodeHours(text: string | null): HoursRow[] {
  if (!text) return [];
  return text.split(',').map((row) => {
    const [day, start, end] = row.split(' ');
    return { day: Number(day), startUs: clock(start!), endUs: clock(end!) };
  });
}

/** Engine inputs for the report's stores in [lo, hi], in store-id byte order. */
export async function loadStoreInputs(db: Sql, range: StoreRange, asOf: number): Promise<StoreInput[]> {
  const rows = await db.transaction(async (tx) => {
    await bulkSettings(tx);
    return tx.query<{ store_id: string; time_zone: string | null; hours: string | null; ts: string | null; active: string | null }>(
      `SELECT s.store_id, z.time_zone, h.hours, p.ts, p.active
       FROM stores s
       LEFT JOIN store_time_zones z ON z.store_id = s.store_id
       LEFT JOIN LATERAL (
         SELECT string_agg(q.ts::text, ',') AS ts, string_agg(CASE WHEN q.active THEN '1' ELSE '0' END, '') AS active
         FROM (SELECT ts, active FROM polls
               WHERE store_id = s.store_id AND ts > $3::timestamptz AND ts <= $4::timestamptz ORDER BY ts) q
       ) p ON true
       LEFT JOIN LATERAL (
         SELECT string_agg(b.day_of_week::text || ' ' || b.start_time::text || ' ' || b.end_time::text, ',') AS hours
         FROM business_hours b WHERE b.store_id = s.store_id
       ) h ON true
       WHERE s.store_id BETWEEN $1 AND $2 AND s.first_poll <= $4::timestamptz
       ORDER BY s.store_id`,
      [range.lo, range.hi, formatInstant(windowStart(asOf, 'week')), formatInstant(asOf)],
    );
  });
  return rows.map((r) => ({
    storeId: r.store_id,
    hours: decodeHours(r.hours),
    timeZone: r.time_zone ?? null,
    polls: decodePolls(r.ts, r.active),
  }));
}
