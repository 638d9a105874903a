/**
 * Business hours (SPEC §2, §3a): a store's weekly rows → merged business intervals in UTC.
 */
import { US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND, weekdayOfDay } from './time';
import type { ZoneClock } from './zone';

/** One business-hours row: weekday 0 = Monday … 6 = Sunday; clock times in µs since local midnight. */
export interface HoursRow {
  day: number;
  startUs: number;
  endUs: number;
}

/** A half-open interval [start, end) of UTC instants in µs. */
export interface Interval {
  start: number;
  end: number;
}

const END_OF_DAY_FROM = 23 * US_PER_HOUR + 59 * US_PER_MINUTE + 59 * US_PER_SECOND;

/** `23:59:59` (with or without a fraction) as an end time means midnight at the end of the day. */
export function isEndOfDay(endUs: number): boolean {
  return endUs >= END_OF_DAY_FROM;
}

/**
 * Where a row opened on local day `localDay` ends, as local wall time (µs since 1970-01-01 local).
 * Order of the rules matters (SPEC §3a): `start == end` is a full 24 h first, then `23:59:59`
 * is midnight, then an end before the start runs past midnight.
 */
export function rowLocalSpan(row: HoursRow, localDay: number): { start: number; end: number } {
  const dayStart = localDay * US_PER_DAY;
  const start = dayStart + row.startUs;
  let end: number;
  if (row.endUs === row.startUs) end = dayStart + US_PER_DAY + row.endUs;
  else if (isEndOfDay(row.endUs)) end = dayStart + US_PER_DAY;
  else if (row.endUs < row.startUs) end = dayStart + US_PER_DAY + row.endUs;
  else end = dayStart + row.endUs;
  return { start, end };
}

/** Sorts and merges overlapping (or touching) intervals, so no time is counted twice. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  if (intervals.length <= 1) return intervals.slice();
  const sorted = intervals.slice().sort((a, b) => a.start - b.start);
  const out: Interval[] = [{ ...sorted[0]! }];
  for (let i = 1; i < sorted.length; i++) {
    const cur = sorted[i]!;
    const last = out[out.length - 1]!;
    if (cur.start <= last.end) {
      if (cur.end > last.end) last.end = cur.end;
    } else out.push({ ...cur });
  }
  return out;
}

/**
 * The store's merged business intervals in UTC that intersect (fromUs, toUs].
 * `rows` empty means open 24×7: one interval covering the whole range.
 * Intervals are not clipped to the range (membership of a poll uses the true interval).
 */
export function businessIntervals(rows: readonly HoursRow[], clock: ZoneClock, fromUs: number, toUs: number): Interval[] {
  if (rows.length === 0) return [{ start: fromUs, end: toUs + 1 }];
  const byDay: HoursRow[][] = [[], [], [], [], [], [], []];
  for (const r of rows) byDay[r.day]!.push(r);
  // A row opened two local days before the range can still reach into it (24 h rows, DST).
  const firstDay = Math.floor((fromUs + clock.offsetAt(fromUs)) / US_PER_DAY) - 2;
  const lastDay = Math.floor((toUs + clock.offsetAt(toUs)) / US_PER_DAY);
  const found: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const row of byDay[weekdayOfDay(day)]!) {
      const local = rowLocalSpan(row, day);
      const start = clock.toUtc(local.start);
      const end = clock.toUtc(local.end);
      // Empty or reversed after conversion (it starts in the spring-forward gap): closed time.
      if (end <= start || end <= fromUs || start > toUs) continue;
      found.push({ start, end });
    }
  }
  return mergeIntervals(found);
}

/** Total length in µs of intervals clipped to [from, to). */
export function clippedLength(intervals: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const iv of intervals) {
    const a = Math.max(iv.start, from);
    const b = Math.min(iv.end, to);
    if (b > a) total += b - a;
  }
  return total;
}
