/**
 * Properties that hold for every store (SPEC §3), over generated stores, zones and polls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStore, US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, WINDOWS, type StoreInput } from '../../lib/report';

const ZONES = [null, 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Beirut', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham'];
// As-of instants around DST changes and ordinary weeks.
const AS_OF_BASE = [Date.UTC(2023, 0, 25, 18, 13, 22), Date.UTC(2024, 2, 10, 8, 30), Date.UTC(2024, 10, 3, 7, 0), Date.UTC(2024, 9, 6, 1, 0)].map((ms) => ms * 1000);

const clockTime = fc.oneof(
  fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => q * 15 * US_PER_MINUTE),
  fc.constant(23 * US_PER_HOUR + 59 * US_PER_MINUTE + 59_000_000),
  fc.integer({ min: 0, max: US_PER_DAY - 1 }),
);

const storeArb = fc
  .record({
    hours: fc.oneof(
      fc.constant([]),
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), startUs: clockTime, endUs: clockTime }), { minLength: 1, maxLength: 10 }),
    ),
    zone: fc.constantFrom(...ZONES),
    asOf: fc.tuple(fc.constantFrom(...AS_OF_BASE), fc.integer({ min: -3 * US_PER_DAY, max: 3 * US_PER_DAY })).map(([b, d]) => b + d),
    polls: fc.array(fc.tuple(fc.integer({ min: -8 * US_PER_DAY, max: US_PER_HOUR }), fc.boolean()), { maxLength: 60 }),
  })
  .map(({ hours, zone, asOf, polls }) => ({
    asOf,
    input: {
      storeId: 'p',
      hours,
      timeZone: zone,
      polls: polls.map(([d, active]) => ({ ts: asOf + d, active })).sort((a, b) => a.ts - b.ts),
    } satisfies StoreInput,
  }));

describe('report properties', () => {
  it('uptime + downtime = business time when observed, else both 0; hour ≤ day ≤ week; 0 ≤ value ≤ window', () => {
    fc.assert(
      fc.property(storeArb, ({ asOf, input }) => {
        const r = analyzeStore(input, asOf);
        for (const w of ['hour', 'day', 'week'] as const) {
          const t = r[w];
          if (r.observations > 0) expect(t.up + t.down).toBe(t.business);
          else expect([t.up, t.down]).toEqual([0, 0]);
          for (const v of [t.up, t.down, t.business]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(2 * WINDOWS[w]);
          }
        }
        for (const k of ['up', 'down', 'business'] as const) {
          expect(r.hour[k]).toBeLessThanOrEqual(r.day[k]);
          expect(r.day[k]).toBeLessThanOrEqual(r.week[k]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('business intervals are sorted, disjoint and non-empty', () => {
    fc.assert(
      fc.property(storeArb, ({ asOf, input }) => {
        const { intervals } = analyzeStore(input, asOf);
        for (let i = 0; i < intervals.length; i++) {
          expect(intervals[i]!.end).toBeGreaterThan(intervals[i]!.start);
          if (i > 0) expect(intervals[i]!.start).toBeGreaterThan(intervals[i - 1]!.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('polls outside business hours and outside the week never change the result', () => {
    fc.assert(
      fc.property(storeArb, fc.integer({ min: 1, max: 5 }), ({ asOf, input }, extra) => {
        const base = analyzeStore(input, asOf);
        const noise = [asOf + extra * US_PER_HOUR, asOf - 7 * US_PER_DAY - extra * US_PER_HOUR, asOf - 7 * US_PER_DAY].map((ts) => ({ ts, active: false }));
        const noisy = analyzeStore({ ...input, polls: [...input.polls, ...noise].sort((a, b) => a.ts - b.ts) }, asOf);
        expect(noisy.week).toEqual(base.week);
        expect(noisy.hour).toEqual(base.hour);
      }),
      { numRuns: 200 },
    );
  });
});
