/**
 * Reads what the engine needs for a range of stores: their polls of the report week (as
 * compact strings aggregated per store, so one row per store crosses the wire), their
 * business-hours rows and their time zone. Only the week is read (range scan on polls.ts).
 */
import type { Sql } from '../../db/client';
import { formatInstant, parseClockTime, windowStart, type HoursRow, type Poll, type StoreInput } from '../report';

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

/** Engine inputs for the report's stores in [lo, hi], in store-id byte order. */
export async function loadStoreInputs(db: Sql, range: StoreRange, asOf: number): Promise<StoreInput[]> {
  const params = [range.lo, range.hi];
  const [ids, pollRows, hourRows, zoneRows] = await Promise.all([
    storesInRange(db, range, asOf),
    db.query<{ store_id: string; ts: string; active: string }>(
      `SELECT store_id, string_agg(${usText('ts')}, ',' ORDER BY ts) AS ts,
              string_agg(CASE WHEN active THEN '1' ELSE '0' END, '' ORDER BY ts) AS active
       FROM polls
       WHERE store_id BETWEEN $1 AND $2 AND ts > $3::timestamptz AND ts <= $4::timestamptz
       GROUP BY store_id`,
      [...params, formatInstant(windowStart(asOf, 'week')), formatInstant(asOf)],
    ),
    db.query<{ store_id: string; day_of_week: number; start_time: string; end_time: string }>(
      `SELECT store_id, day_of_week, start_time::text AS start_time, end_time::text AS end_time
       FROM business_hours WHERE store_id BETWEEN $1 AND $2`,
      params,
    ),
    db.query<{ store_id: string; time_zone: string | null }>(
      `SELECT store_id, time_zone FROM store_time_zones WHERE store_id BETWEEN $1 AND $2`,
      params,
    ),
  ]);

  const polls = new Map<string, Poll[]>();
  for (const r of pollRows) {
    const ts = r.ts.split(',');
    const list = new Array<Poll>(ts.length);
    for (let i = 0; i < ts.length; i++) list[i] = { ts: Number(ts[i]), active: r.active.charCodeAt(i) === 49 };
    polls.set(r.store_id, list);
  }
  const hours = new Map<string, HoursRow[]>();
  for (const r of hourRows) {
    let list = hours.get(r.store_id);
    if (!list) hours.set(r.store_id, (list = []));
    list.push({ day: Number(r.day_of_week), startUs: clock(r.start_time), endUs: clock(r.end_time) });
  }
  const zones = new Map(zoneRows.map((r) => [r.store_id, r.time_zone]));
  return ids.map((storeId) => ({
    storeId,
    hours: hours.get(storeId) ?? [],
    timeZone: zones.get(storeId) ?? null,
    polls: polls.get(storeId) ?? [],
  }));
}
