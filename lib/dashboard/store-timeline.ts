/**
 * Pure chart data for the store drill-down, derived from the engine's own analysis
 * (analyzeStore), so the charts show exactly what the report used: business intervals of the
 * week, every poll (observation or not), the nearest-observation status band and daily totals
 * per store-local day. Instants are in µs here; the page converts to ms for the browser.
 */
import {
  US_PER_DAY,
  civilFromDays,
  windowStart,
  zoneClock,
  type Interval,
  type Poll,
  type StoreAnalysis,
} from '../report';

export interface StatusSegment {
  start: number;
  end: number;
  active: boolean;
}

export interface TimelinePoll {
  ts: number;
  active: boolean;
  /** Inside business hours (an observation the report used). */
  inHours: boolean;
}

export interface DailyTotals {
  /** Store-local date, `YYYY-MM-DD`. */
  date: string;
  /** The instant (µs) the local day starts (local midnight; clipped to the week). */
  startUs: number;
  /** Seconds of business time in that local day within the report week. */
  upS: number;
  downS: number;
  businessS: number;
}

export interface DataQuality {
  observations: number;
  pollsInWeek: number;
  pollsOutsideHours: number;
  /** Longest stretch of business time between consecutive observations (seconds), null with < 2 observations. */
  longestGapS: number | null;
  longestGapFrom: number | null;
  longestGapTo: number | null;
}

/** Business intervals clipped to the report week (asOf − 7 d, asOf]. */
export function weekIntervals(intervals: readonly Interval[], asOf: number): Interval[] {
  const from = windowStart(asOf, 'week');
  const out: Interval[] = [];
  for (const iv of intervals) {
    const start = Math.max(iv.start, from);
    const end = Math.min(iv.end, asOf);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/**
 * The interpolated status over business time: every instant takes the nearest observation's
 * status; boundaries at midpoints (may fall on half a microsecond). Empty without observations.
 */
export function statusSegments(intervals: readonly Interval[], obs: readonly Poll[]): StatusSegment[] {
  if (obs.length === 0) return [];
  const mids: number[] = [];
  for (let i = 0; i + 1 < obs.length; i++) mids.push((obs[i]!.ts + obs[i + 1]!.ts) / 2);
  const out: StatusSegment[] = [];
  let k = 0;
  for (const iv of intervals) {
    let a = iv.start;
    while (k < mids.length && mids[k]! <= a) k++;
    let j = k;
    while (a < iv.end) {
      const segEnd = j < mids.length ? Math.min(mids[j]!, iv.end) : iv.end;
      const active = obs[j]!.active;
      const last = out[out.length - 1];
      if (last && last.end === a && last.active === active) last.end = segEnd;
      else out.push({ start: a, end: segEnd, active });
      a = segEnd;
      if (a === mids[j]) j++;
    }
  }
  return out;
}

/** Every poll of the week with whether the report used it (inside business hours). */
export function timelinePolls(polls: readonly Poll[], intervals: readonly Interval[], asOf: number): TimelinePoll[] {
  const from = windowStart(asOf, 'week');
  let k = 0;
  const out: TimelinePoll[] = [];
  for (const p of polls) {
    if (p.ts <= from || p.ts > asOf) continue;
    while (k < intervals.length && intervals[k]!.end <= p.ts) k++;
    const inHours = k < intervals.length && p.ts >= intervals[k]!.start;
    out.push({ ts: p.ts, active: p.active, inHours });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day number (days since 1970-01-01 local) of an instant in a zone. */
export function localDayOf(zone: string, us: number): number {
  return Math.floor((us + zoneClock(zone).offsetAt(us)) / US_PER_DAY);
}

export function localDateString(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${y}-${pad(m)}-${pad(d)}`;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}

/** Business uptime / downtime per store-local day across the report week (oldest first). */
export function dailyTotals(zone: string, intervals: readonly Interval[], segments: readonly StatusSegment[], asOf: number): DailyTotals[] {
  const clock = zoneClock(zone);
  const from = windowStart(asOf, 'week');
  const first = localDayOf(zone, from + 1);
  const last = localDayOf(zone, asOf);
  const out: DailyTotals[] = [];
  for (let day = first; day <= last; day++) {
    const start = Math.max(from, clock.toUtc(day * US_PER_DAY));
    const end = Math.min(asOf, clock.toUtc((day + 1) * US_PER_DAY));
    let up = 0, down = 0, business = 0;
    for (const iv of intervals) business += overlap(iv.start, iv.end, start, end);
    for (const s of segments) {
      const o = overlap(s.start, s.end, start, end);
      if (s.active) up += o;
      else down += o;
    }
    out.push({ date: localDateString(day), startUs: start, upS: up / 1e6, downS: down / 1e6, businessS: business / 1e6 });
  }
  return out;
}

/** Observations, polls outside hours and the longest business-time gap between observations. */
export function dataQuality(analysis: StoreAnalysis, polls: readonly TimelinePoll[], intervals: readonly Interval[]): DataQuality {
  const obs = analysis.observationList;
  let longest: { len: number; from: number; to: number } | null = null;
  for (let i = 0; i + 1 < obs.length; i++) {
    const a = obs[i]!.ts, b = obs[i + 1]!.ts;
    let len = 0;
    for (const iv of intervals) len += overlap(iv.start, iv.end, a, b);
    if (!longest || len > longest.len) longest = { len, from: a, to: b };
  }
  return {
    observations: analysis.observations,
    pollsInWeek: polls.length,
    pollsOutsideHours: polls.filter((p) => !p.inHours).length,
    longestGapS: longest ? longest.len / 1e6 : null,
    longestGapFrom: longest?.from ?? null,
    longestGapTo: longest?.to ?? null,
  };
}
