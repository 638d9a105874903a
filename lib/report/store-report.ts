/**
 * One store's report row: business intervals → observations → the three windows.
 */
import { businessIntervals, type HoursRow, type Interval } from './business-hours';
import { observations, windowStart, windowTotals, WINDOW_NAMES, type Halves, type Poll, type WindowName, type WindowTotals } from './uptime';
import { DEFAULT_TIME_ZONE, resolveZoneName, zoneClock } from './zone';

export interface StoreInput {
  storeId: string;
  /** Business-hours rows; empty = open 24×7. */
  hours: readonly HoursRow[];
  /** IANA zone name as stored; null/empty/unknown = America/Chicago. */
  timeZone: string | null;
  /** Polls sorted by ts (any range; only the report week is used). */
  polls: readonly Poll[];
}

export interface StoreReport {
  storeId: string;
  hour: WindowTotals;
  day: WindowTotals;
  week: WindowTotals;
  observations: number;
}

/** The zone a store's hours are read in: its own when known, else the default. */
export function effectiveZone(timeZone: string | null): { zone: string; isDefault: boolean } {
  const resolved = timeZone ? resolveZoneName(timeZone) : undefined;
  return resolved ? { zone: resolved, isDefault: false } : { zone: DEFAULT_TIME_ZONE, isDefault: true };
}

export interface StoreAnalysis extends StoreReport {
  zone: string;
  intervals: Interval[];
  observationList: Poll[];
}

/** Everything the report knows about one store at `asOf` (the drill-down shows all of it). */
export function analyzeStore(input: StoreInput, asOf: number): StoreAnalysis {
  const { zone } = effectiveZone(input.timeZone);
  const intervals = businessIntervals(input.hours, zoneClock(zone), windowStart(asOf, 'week'), asOf);
  const obs = observations(input.polls, intervals, asOf);
  const totals = {} as Record<WindowName, WindowTotals>;
  for (const w of WINDOW_NAMES) totals[w] = windowTotals(intervals, obs, asOf, w);
  return { storeId: input.storeId, ...totals, observations: obs.length, zone, intervals, observationList: obs };
}

/** The report row of one store at `asOf`. */
export function computeStoreReport(input: StoreInput, asOf: number): StoreReport {
  const { storeId, hour, day, week, observations } = analyzeStore(input, asOf);
  return { storeId, hour, day, week, observations };
}

export type { Halves };
