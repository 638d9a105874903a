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
  /**
   * Longest stretch of business time (seconds) of the report week not covered by an observation:
   * between two consecutive observations, or before the first one (from the week's first business
   * instant) or after the last one (up to the as-of). Without any observation the whole week's
   * business time is one gap. Null only when the week holds no business time at all.
   */
  longestGapS: number | null;
  /** Where that stretch starts (µs): an observation, or the week's first business instant. */
  longestGapFrom: number | null;
  /** Where it ends (µs): an observation, or the as-of (the week's last business instant when no as-of is given). */
  longestGapTo: number | null;
  /** What bounds the stretch on the left: an observation or the start of the report week (no earlier observation). */
  longestGapFromKind: 'observation' | 'week-start' | null;
  /** What bounds it on the right: an observation or the as-of (no later observation). */
  longestGapToKind: 'observation' | 'as-of' | null;
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

/** Business time (µs) of `intervals` (sorted, disjoint) inside [a, b]. */
function businessBetween(intervals: readonly Interval[], a: number, b: number): number {
  let len = 0;
  for (const iv of intervals) {
    if (iv.start >= b) break;
    len += overlap(iv.start, iv.end, a, b);
  }
  return len;
}

/**
 * The longest stretch of business time without an observation over the report week, with what
 * bounds it. `intervals` are the week's business intervals (sorted, clipped to the week); the
 * stretches are: week's first business instant → first observation, observation → observation,
 * last observation → as-of (or the week's last business instant when `asOf` is not given).
 * Ties go to the earliest stretch.
 */
export function longestGap(
  obs: readonly Poll[],
  intervals: readonly Interval[],
  asOf?: number,
): { len: number; from: number; to: number; fromKind: 'observation' | 'week-start'; toKind: 'observation' | 'as-of' } | null {
  if (intervals.length === 0) return null;
  const weekFrom = intervals[0]!.start;
  const weekTo = Math.max(asOf ?? -Infinity, intervals[intervals.length - 1]!.end);
  const edges: { ts: number; kind: 'observation' | 'week-start' | 'as-of' }[] = [
    { ts: weekFrom, kind: 'week-start' },
    ...obs.map((o) => ({ ts: o.ts, kind: 'observation' as const })),
    { ts: weekTo, kind: 'as-of' },
  ];
  let best: { len: number; from: number; to: number; fromKind: 'observation' | 'week-start'; toKind: 'observation' | 'as-of' } | null = null;
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!, b = edges[i + 1]!;
    const len = businessBetween(intervals, a.ts, b.ts);
    if (!best || len > best.len)
      best = {
        len,
        from: a.ts,
        to: b.ts,
        fromKind: a.kind === 'week-start' ? 'week-start' : 'observation',
        toKind: b.kind === 'as-of' ? 'as-of' : 'observation',
      };
  }
  return best;
}

/**
 * Observations, polls outside hours and the longest stretch of business time without an
 * observation (see `longestGap`). `asOf` (µs) is the right edge of a trailing gap; without it
 * the week's last business instant is used (the same business time, only the label differs).
 */
export function dataQuality(analysis: StoreAnalysis, polls: readonly TimelinePoll[], intervals: readonly Interval[], asOf?: number): DataQuality {
  const longest = longestGap(analysis.observationList, intervals, asOf);
  return {
    observations: analysis.observations,
    pollsInWeek: polls.length,
    pollsOutsideHours: polls.filter((p) => !p.inHours).length,
    longestGapS: longest ? longest.len / 1e6 : null,
    longestGapFrom: longest?.from ?? null,
    longestGapTo: longest?.to ?? null,
    longestGapFromKind: longest?.fromKind ?? null,
    longestGapToKind: longest?.toKind ?? null,
  };
}
