/**
 * The report engine rule by rule (SPEC §2–3a), on hand-made stores.
 */
import { describe, expect, it } from 'vitest';
import {
  analyzeStore,
  computeStoreReport,
  daysFromCivil,
  formatHours,
  formatMinutes,
  parseClockTime,
  parseTimestamp,
  US_PER_DAY,
  type HoursRow,
  type Poll,
  type StoreInput,
} from '../../lib/report';

const ts = (s: string) => {
  const r = parseTimestamp(s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const clock = (s: string) => {
  const r = parseClockTime(s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const row = (day: number, start: string, end: string): HoursRow => ({ day, startUs: clock(start), endUs: clock(end) });
const poll = (t: string, active: boolean): Poll => ({ ts: ts(t), active });
const store = (hours: HoursRow[], polls: Poll[], timeZone: string | null = null, storeId = 's'): StoreInput => ({
  storeId,
  hours,
  timeZone,
  polls: polls.slice().sort((a, b) => a.ts - b.ts),
});
/** Formatted like the CSV: [up hour (min), up day (h), up week (h), down hour, down day, down week]. */
const csv = (input: StoreInput, asOf: string) => {
  const r = computeStoreReport(input, ts(asOf));
  return [formatMinutes(r.hour.up), formatHours(r.day.up), formatHours(r.week.up), formatMinutes(r.hour.down), formatHours(r.day.down), formatHours(r.week.down)];
};
const MIN = 2 * 60e6; // one minute in halves

describe('the 09:00–12:00 example', () => {
  // Monday 2023-01-23, Chicago (UTC−6): 09:00–12:00 local = 15:00–18:00Z.
  const input = store([row(0, '09:00', '12:00')], [poll('2023-01-23T16:14:00Z', true), poll('2023-01-23T17:15:00Z', false)]);
  it('gives 104.5 minutes up and 75.5 down', () => {
    const r = computeStoreReport(input, ts('2023-01-23T23:00:00Z'));
    expect(r.day.up).toBe(104.5 * MIN);
    expect(r.day.down).toBe(75.5 * MIN);
    expect(r.week).toEqual(r.day);
    expect(r.hour).toEqual({ up: 0, down: 0, business: 0 });
  });
});

describe('business hours', () => {
  it('an overnight row counts across a window edge', () => {
    // Denver; Fri 18:00–02:00 → Sat 01:00Z–09:00Z. As-of Sat 04:00Z: hour = 03:00–04:00Z, all business.
    const input = store([row(4, '18:00', '02:00')], [poll('2023-01-28T02:00:00Z', true)], 'America/Denver');
    const r = computeStoreReport(input, ts('2023-01-28T04:00:00Z'));
    expect(r.hour.business).toBe(60 * MIN);
    expect(r.day.business).toBe(3 * 60 * MIN); // Jan 28 01:00–04:00Z
    expect(r.week.business).toBe(8 * 60 * MIN); // plus Jan 21 04:00–09:00Z (the row of Fri Jan 20)
  });

  it('23:59:59 (and 23:59:59.999999) means midnight; 23:59 is literal', () => {
    const at = '2023-01-25T12:00:00Z';
    const p = [poll('2023-01-24T12:00:00Z', true)];
    const full = computeStoreReport(store([row(1, '00:00', '23:59:59')], p), ts(at));
    const frac = computeStoreReport(store([row(1, '00:00', '23:59:59.999999')], p), ts(at));
    const literal = computeStoreReport(store([row(1, '00:00', '23:59')], p), ts(at));
    expect(full.week.business).toBe(2 * US_PER_DAY);
    expect(frac.week.business).toBe(2 * US_PER_DAY);
    expect(literal.week.business).toBe(2 * US_PER_DAY - 2 * 60e6);
  });

  it('start == end is open 24 hours from the start (25 h across fall-back)', () => {
    // New York, Sunday 2024-11-03 (fall back): 00:00 EDT → Monday 00:00 EST = 25 real hours.
    const input = store([row(6, '00:00', '00:00')], [poll('2024-11-03T12:00:00Z', true)], 'America/New_York');
    const r = computeStoreReport(input, ts('2024-11-05T00:00:00Z'));
    expect(r.week.business).toBe(25 * 60 * MIN);
  });

  it('split shifts, overlapping and duplicate rows merge without double counting', () => {
    const hours = [row(0, '08:00', '11:00'), row(0, '08:00', '11:00'), row(0, '10:00', '12:00'), row(0, '17:00', '21:00')];
    const r = computeStoreReport(store(hours, [poll('2023-01-23T15:00:00Z', true)]), ts('2023-01-24T06:00:00Z'));
    expect(r.week.business).toBe(8 * 60 * MIN);
  });

  it('a store without rows is open 24×7; without a zone it uses America/Chicago', () => {
    const r = computeStoreReport(store([], [poll('2023-01-22T12:00:00Z', false)]), ts('2023-01-22T12:00:00Z'));
    expect(r.week).toEqual({ up: 0, down: 7 * US_PER_DAY * 2, business: 7 * US_PER_DAY * 2 });
    const a = analyzeStore(store([row(0, '09:00', '10:00')], []), ts('2023-01-24T00:00:00Z'));
    expect(a.zone).toBe('America/Chicago');
    expect(a.intervals.map((i) => i.start)).toContain(ts('2023-01-23T15:00:00Z'));
  });

  it('an unknown zone falls back to America/Chicago; zone names match case-insensitively', () => {
    expect(analyzeStore(store([], []), 0).zone).toBe('America/Chicago');
    expect(analyzeStore(store([], [], 'Mars/Olympus'), 0).zone).toBe('America/Chicago');
    expect(analyzeStore(store([], [], 'america/denver'), 0).zone).toBe('America/Denver');
    expect(analyzeStore(store([], [], 'Asia/Kolkata'), 0).zone).toBe('Asia/Kolkata');
    expect(analyzeStore(store([], [], 'UTC'), 0).zone).toBe('UTC');
    expect(analyzeStore(store([], [], '+05:30'), 0).zone).toBe('America/Chicago');
  });
});

describe('daylight saving (America/New_York)', () => {
  it('spring forward: 01:00–04:00 on 2024-03-10 is 2 real hours; a start in the gap moves forward', () => {
    const p = [poll('2024-03-10T06:30:00Z', true)];
    const a = computeStoreReport(store([row(6, '01:00', '04:00')], p, 'America/New_York'), ts('2024-03-10T12:00:00Z'));
    expect(a.day.business).toBe(2 * 60 * MIN);
    const b = analyzeStore(store([row(6, '02:30', '05:00')], p, 'America/New_York'), ts('2024-03-10T12:00:00Z'));
    expect(b.intervals[b.intervals.length - 1]).toEqual({ start: ts('2024-03-10T07:30:00Z'), end: ts('2024-03-10T09:00:00Z') });
  });

  it('an interval that starts and ends in the gap is empty (closed)', () => {
    const a = analyzeStore(store([row(6, '02:30', '03:30')], [], 'America/New_York'), ts('2024-03-10T12:00:00Z'));
    expect(a.intervals.filter((i) => i.start >= ts('2024-03-10T00:00:00Z'))).toEqual([]);
  });

  it('fall back: a repeated 01:30 means the second occurrence', () => {
    const a = analyzeStore(store([row(6, '01:30', '03:00')], [], 'America/New_York'), ts('2024-11-04T00:00:00Z'));
    expect(a.intervals[a.intervals.length - 1]).toEqual({ start: ts('2024-11-03T06:30:00Z'), end: ts('2024-11-03T08:00:00Z') });
  });
});

describe('observations and windows', () => {
  const now = '2023-01-22T12:00:00Z';
  it('a poll at exactly now − 7 days is not an observation; one at exactly now is', () => {
    const r = analyzeStore(store([], [poll('2023-01-15T12:00:00Z', false), poll(now, true)]), ts(now));
    expect(r.observationList).toEqual([{ ts: ts(now), active: true }]);
    expect(r.week.up).toBe(r.week.business);
  });

  it('polls after now are ignored for an earlier as-of', () => {
    const r = analyzeStore(store([], [poll('2023-01-22T11:00:00Z', true), poll('2023-01-22T12:30:00Z', false)]), ts(now));
    expect(r.observations).toBe(1);
    expect(r.week.down).toBe(0);
  });

  it('a store with no observation gets zeros in every window', () => {
    const r = computeStoreReport(store([row(0, '09:00', '10:00')], [poll('2023-01-22T16:00:00Z', true)]), ts(now));
    expect([r.hour, r.day, r.week].every((w) => w.up === 0 && w.down === 0)).toBe(true);
  });

  it('conflicting duplicate polls: inactive wins', () => {
    const r = computeStoreReport(store([], [poll('2023-01-22T10:00:00Z', true), poll('2023-01-22T10:00:00Z', false)]), ts(now));
    expect(r.week.up).toBe(0);
    expect(r.observations).toBe(1);
  });

  it('polls outside business hours are not observations', () => {
    // Mon 09–12 Chicago; a poll at 08:00 local is outside.
    const r = analyzeStore(store([row(0, '09:00', '12:00')], [poll('2023-01-23T14:00:00Z', false), poll('2023-01-23T16:00:00Z', true)]), ts('2023-01-23T20:00:00Z'));
    expect(r.observations).toBe(1);
    expect(r.day.down).toBe(0);
  });

  it('rounds half up on the exact value: 450 s = 0.125 h → 0.13; 7.5 min → 7.50', () => {
    expect(formatHours(450 * 2e6)).toBe('0.13');
    expect(formatMinutes(7.5 * MIN)).toBe('7.50');
    expect(formatHours(2 * 3600e6 * 2 - 1)).toBe('2.00');
  });
});

describe('ids', () => {
  it('19-digit ids that differ in the last digit stay distinct', () => {
    const a = '8419537941919820732', b = '8419537941919820733';
    expect(Number(a)).toBe(Number(b)); // what a JS number would do
    expect(computeStoreReport(store([], [], null, a), 0).storeId).toBe(a);
    expect(computeStoreReport(store([], [], null, b), 0).storeId).toBe(b);
  });
});

describe('civil dates', () => {
  it('weekday numbering: 2023-01-23 is a Monday', () => {
    expect((daysFromCivil(2023, 1, 23) + 3) % 7).toBe(0);
  });
});
