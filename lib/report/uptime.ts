/**
 * Observations, nearest-observation interpolation and the three windows (SPEC §3).
 *
 * Durations are integers in **half-microseconds** ("halves"): the boundary between two
 * observations is the midpoint of their timestamps, which can fall on half a microsecond,
 * so working in halves keeps every sum exact.
 */
import { clippedLength, type Interval } from './business-hours';
import { US_PER_DAY, US_PER_HOUR } from './time';

export interface Poll {
  ts: number; // µs since epoch, UTC
  active: boolean;
}

export type Halves = number;

export const WINDOWS = {
  hour: US_PER_HOUR,
  day: US_PER_DAY,
  week: 7 * US_PER_DAY,
} as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES: readonly WindowName[] = ['hour', 'day', 'week'];

/** Start (exclusive) of a window ending at `asOf` (inclusive): the window is (asOf − length, asOf]. */
export function windowStart(asOf: number, window: WindowName): number {
  return asOf - WINDOWS[window];
}

/** Two polls of one store at the same instant that disagree: inactive wins. */
export function mergeDuplicateStatus(a: boolean, b: boolean): boolean {
  return a && b;
}

/**
 * The store's observations: polls with asOf − 7 d < ts ≤ asOf that lie inside a business
 * interval, sorted, one per instant (duplicates merged, inactive wins).
 * `polls` must be sorted by ts; `intervals` sorted and merged.
 */
export function observations(polls: readonly Poll[], intervals: readonly Interval[], asOf: number): Poll[] {
  const from = windowStart(asOf, 'week');
  const out: Poll[] = [];
  let k = 0;
  for (const p of polls) {
    if (p.ts <= from || p.ts > asOf) continue;
    while (k < intervals.length && intervals[k]!.end <= p.ts) k++;
    if (k === intervals.length) break;
    if (p.ts < intervals[k]!.start) continue;
    const last = out[out.length - 1];
    if (last && last.ts === p.ts) last.active = mergeDuplicateStatus(last.active, p.active);
    else out.push({ ts: p.ts, active: p.active });
  }
  return out;
}

export interface WindowTotals {
  up: Halves;
  down: Halves;
  business: Halves;
}

/** The status segments of nearest-observation interpolation: obs i rules [bound[i-1], bound[i]). */
function boundaries(obs: readonly Poll[]): number[] {
  const b = new Array<number>(Math.max(0, obs.length - 1));
  for (let i = 0; i + 1 < obs.length; i++) b[i] = obs[i]!.ts + obs[i + 1]!.ts; // 2 × midpoint
  return b;
}

/** First index i with b[i] > x (binary search). */
function upperBound(b: readonly number[], x: number): number {
  let lo = 0, hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Uptime and downtime in one window: business time in (asOf − length, asOf], each instant
 * taking the status of the nearest observation. No observation → 0 and 0.
 */
export function windowTotals(intervals: readonly Interval[], obs: readonly Poll[], asOf: number, window: WindowName): WindowTotals {
  const from = windowStart(asOf, window);
  const business = 2 * clippedLength(intervals, from, asOf);
  if (obs.length === 0) return { up: 0, down: 0, business };
  const bounds = boundaries(obs);
  let up = 0, down = 0;
  for (const iv of intervals) {
    let a = 2 * Math.max(iv.start, from);
    const b = 2 * Math.min(iv.end, asOf);
    if (b <= a) continue;
    let k = upperBound(bounds, a);
    while (a < b) {
      const segEnd = k < bounds.length ? Math.min(bounds[k]!, b) : b;
      if (obs[k]!.active) up += segEnd - a;
      else down += segEnd - a;
      a = segEnd;
      k++;
    }
  }
  return { up, down, business };
}
