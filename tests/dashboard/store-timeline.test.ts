import { describe, expect, it } from 'vitest';
import { analyzeStore, type HoursRow, type Poll } from '../../lib/report';
import { dataQuality, longestGap, timelinePolls, weekIntervals } from '../../lib/dashboard/store-timeline';

const us = (iso: string) => Date.parse(iso) * 1000;
const H = 3600e6;
const MIN = 60e6;

/** The drill-down's data quality of one store, computed as lib/dashboard/store-detail.ts does. */
function quality(hours: HoursRow[], zone: string, polls: Poll[], asOf: number, passAsOf = true) {
  const analysis = analyzeStore({ storeId: 's', hours, timeZone: zone, polls }, asOf);
  const intervals = weekIntervals(analysis.intervals, asOf);
  const marks = timelinePolls(polls, analysis.intervals, asOf);
  return { q: dataQuality(analysis, marks, intervals, passAsOf ? asOf : undefined), intervals };
}

// The sample's as-of: Wednesday 2023-01-25 18:13 UTC; the report week starts Wednesday 2023-01-18 18:13 UTC.
const AS_OF = us('2023-01-25T18:13:00Z');
const WEEK_START = AS_OF - 7 * 24 * H;

describe('dataQuality: longest stretch of business time without an observation', () => {
  it('counts the time after the last observation up to the as-of (two polls on one Saturday, open 24×7)', () => {
    const polls = [
      { ts: us('2023-01-21T09:06:00Z'), active: true },
      { ts: us('2023-01-21T19:05:00Z'), active: false },
    ];
    const { q } = quality([], 'UTC', polls, AS_OF);
    expect(q.observations).toBe(2);
    // The old measure (between the two polls only) was 9 h 59 min; the stretch after the last poll is far longer.
    expect(q.longestGapS).not.toBe((9 * H + 59 * MIN) / 1e6);
    expect(q.longestGapS).toBe((AS_OF - us('2023-01-21T19:05:00Z')) / 1e6); // 3 d 23 h 08 min
    expect(q.longestGapFrom).toBe(us('2023-01-21T19:05:00Z'));
    expect(q.longestGapTo).toBe(AS_OF);
    expect(q.longestGapFromKind).toBe('observation');
    expect(q.longestGapToKind).toBe('as-of');
  });

  it('counts the time from the week start to the first observation', () => {
    const polls = [
      { ts: us('2023-01-24T12:00:00Z'), active: true },
      { ts: us('2023-01-25T12:00:00Z'), active: true },
    ];
    const { q } = quality([], 'UTC', polls, AS_OF);
    expect(q.longestGapS).toBe((us('2023-01-24T12:00:00Z') - WEEK_START) / 1e6);
    expect(q.longestGapFrom).toBe(WEEK_START);
    expect(q.longestGapTo).toBe(us('2023-01-24T12:00:00Z'));
    expect(q.longestGapFromKind).toBe('week-start');
    expect(q.longestGapToKind).toBe('observation');
  });

  it('measures business time only, from the first business instant of the week', () => {
    // Open Saturday (5) and Monday (0) 09:00–17:00 UTC only; one observation on Saturday at 10:00.
    const hours: HoursRow[] = [
      { day: 5, startUs: 9 * H, endUs: 17 * H },
      { day: 0, startUs: 9 * H, endUs: 17 * H },
    ];
    const polls = [{ ts: us('2023-01-21T10:00:00Z'), active: true }];
    const { q, intervals } = quality(hours, 'UTC', polls, AS_OF);
    expect(intervals).toHaveLength(2);
    // Before: Sat 09:00 → 10:00 = 1 h. After: Sat 10:00 → 17:00 (7 h) + Mon 09:00 → 17:00 (8 h) = 15 h.
    expect(q.longestGapS).toBe((15 * H) / 1e6);
    expect(q.longestGapFromKind).toBe('observation');
    expect(q.longestGapToKind).toBe('as-of');
    expect(q.longestGapTo).toBe(AS_OF);
    // Without the as-of the same stretch ends at the week's last business instant.
    const noAsOf = quality(hours, 'UTC', polls, AS_OF, false).q;
    expect(noAsOf.longestGapS).toBe((15 * H) / 1e6);
    expect(noAsOf.longestGapTo).toBe(us('2023-01-23T17:00:00Z'));
    expect(noAsOf.longestGapToKind).toBe('as-of');
  });

  it('a gap between observations still wins when it is the longest', () => {
    const polls = [
      { ts: WEEK_START + 1 * H, active: true },
      { ts: WEEK_START + 100 * H, active: false },
      { ts: AS_OF - 1 * H, active: true },
    ];
    const { q } = quality([], 'UTC', polls, AS_OF);
    expect(q.longestGapS).toBe((99 * H) / 1e6);
    expect(q.longestGapFromKind).toBe('observation');
    expect(q.longestGapToKind).toBe('observation');
  });

  it('without any observation the whole business week is one gap; without business time there is none', () => {
    const { q } = quality([], 'UTC', [], AS_OF);
    expect(q.observations).toBe(0);
    expect(q.longestGapS).toBe((7 * 24 * H) / 1e6);
    expect(q.longestGapFromKind).toBe('week-start');
    expect(q.longestGapToKind).toBe('as-of');
    expect(longestGap([], [], AS_OF)).toBeNull();
  });
});
