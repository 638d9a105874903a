import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../lib/import/importer';
import { createReport, runReportInProcess } from '../../lib/reports/dispatch';
import { reportCsvText } from '../../lib/reports/read';
import { parseTimestamp } from '../../lib/report';
import { listReportRows } from '../../lib/dashboard/report-rows';
import { DEFAULT_VIEW, parseTableView } from '../../lib/dashboard/table-params';
import { activeReport, fleetKpis, latestCompleteReport, reportCount, reportHistory, uptimeDistribution, worstStores } from '../../lib/dashboard/overview';
import { reportCsvChunks } from '../../lib/reports/csv-export';
import { dataSummary } from '../../lib/dashboard/data-summary';
import { getStoreDetail, storeExists } from '../../lib/dashboard/store-detail';
import { freshDb, type TestDb } from '../helpers/db';

const EVIL = "'; drop table polls; --";

// As of Monday 2023-01-23 19:00 UTC (13:00 in Chicago).
const AS_OF = '2023-01-23T19:00:00Z';
const POLLS = [
  'store_id,status,timestamp_utc',
  // classic: open Mon 09:00–12:00 Chicago (15:00–18:00 UTC); 10:14 active, 11:15 inactive → 104.5 min up, 75.5 min down
  'classic,active,2023-01-23 16:14:00 UTC',
  'classic,inactive,2023-01-23 17:15:00 UTC',
  'classic,active,2023-01-23 12:00:00 UTC', // outside hours: not an observation
  // always-up: open 24×7, always active
  'always-up,active,2023-01-23 18:30:00 UTC',
  'always-up,active,2023-01-20 10:00:00 UTC',
  // down-now: 24×7, inactive lately
  'down-now,active,2023-01-17 10:00:00 UTC',
  'down-now,inactive,2023-01-23 18:50:00 UTC',
  // no-data: only polls outside its hours
  'no-data,active,2023-01-23 03:00:00 UTC',
  // hostile ids
  `"${EVIL}",inactive,2023-01-23 18:40:00 UTC`,
  '=cmd,active,2023-01-23 18:40:00 UTC',
].join('\n');
const HOURS = ['store_id,dayOfWeek,start_time_local,end_time_local', 'classic,0,09:00:00,12:00:00', 'no-data,0,09:00:00,12:00:00'].join('\n');
const ZONES = ['store_id,timezone_str', 'classic,America/Chicago', 'always-up,Asia/Kolkata', 'down-now,Not/AZone'].join('\n');

let t: TestDb;
let reportId: string;

beforeAll(async () => {
  t = await freshDb();
  for (const [name, text] of [['polls.csv', POLLS], ['hours.csv', HOURS], ['zones.csv', ZONES]] as const) {
    const r = await importCsv(t.db, text, name);
    expect(r.error).toBeUndefined();
    expect(r.rejected).toBe(0);
  }
  const asOf = parseTimestamp(AS_OF);
  if (!asOf.ok) throw new Error('bad as-of');
  reportId = await createReport(t.db, asOf.value, 'cli');
  await runReportInProcess(t.db, reportId);
});

afterAll(async () => {
  await t?.drop();
});

function parseTimestampOrThrow(text: string): number {
  const r = parseTimestamp(text);
  if (!r.ok) throw new Error(text);
  return r.value;
}

async function pollCount(): Promise<number> {
  const [r] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM polls');
  return Number(r!.n);
}

describe('overview queries', () => {
  it('finds the latest complete report and no active one', async () => {
    expect((await latestCompleteReport(t.db))?.id).toBe(reportId);
    expect(await activeReport(t.db)).toBeNull();
    const history = await reportHistory(t.db);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: reportId, status: 'complete', rows: 6 });
    expect(history[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('pages through the whole history, newest first', async () => {
    const extra = [await createReport(t.db, null, 'cli'), await createReport(t.db, null, 'cli')];
    try {
      expect(await reportCount(t.db)).toBe(3);
      const all = (await reportHistory(t.db, 50)).map((r) => r.id);
      expect(all).toHaveLength(3);
      expect(all[2]).toBe(reportId); // the oldest
      expect((await reportHistory(t.db, 2, 0)).map((r) => r.id)).toEqual(all.slice(0, 2));
      expect((await reportHistory(t.db, 2, 2)).map((r) => r.id)).toEqual(all.slice(2));
    } finally {
      await t.db.query('DELETE FROM reports WHERE id = ANY($1::uuid[])', [extra]);
    }
  });

  it('prefers a report as of the latest poll over a newer one asked for another instant', async () => {
    const latestPollReport = await createReport(t.db, null, 'cli');
    await runReportInProcess(t.db, latestPollReport);
    const explicit = await createReport(t.db, parseTimestampOrThrow('2023-01-25T12:00:00Z'), 'cli');
    await runReportInProcess(t.db, explicit);
    try {
      expect((await latestCompleteReport(t.db))?.id).toBe(latestPollReport);
    } finally {
      await t.db.query('DELETE FROM reports WHERE id IN ($1, $2)', [latestPollReport, explicit]);
    }
    expect((await latestCompleteReport(t.db))?.id).toBe(reportId); // only explicit ones left: the newest
  });

  it('computes time-weighted fleet KPIs', async () => {
    const k = await fleetKpis(t.db, reportId);
    expect(k.stores).toBe(6);
    expect(k.storesNoData).toBe(1);
    // down in the last hour: down-now (18:50 inactive) and the evil id (18:40 inactive, 24×7)
    expect(k.storesDownLastHour).toBe(2);
    const rows = await t.db.query<{ u: string; d: string }>(
      'SELECT sum(uptime_week_s)::float8 AS u, sum(downtime_week_s)::float8 AS d FROM report_rows WHERE report_id = $1',
      [reportId],
    );
    const u = Number(rows[0]!.u), d = Number(rows[0]!.d);
    expect(k.uptimePctWeek).toBeCloseTo((100 * u) / (u + d), 9);
  });

  it('buckets the distribution and lists the worst stores', async () => {
    const buckets = await uptimeDistribution(t.db, reportId);
    expect(buckets).toHaveLength(11);
    expect(buckets.reduce((a, b) => a + b.stores, 0)).toBe(5); // stores with data
    expect(buckets[10]).toMatchObject({ label: '100%', stores: 2 }); // always-up, =cmd
    expect(buckets[0]!.stores).toBe(1); // the evil id: always down
    const worst = await worstStores(t.db, reportId, 10);
    expect(worst.map((w) => w.storeId)).toEqual([EVIL, 'classic', 'down-now'].sort((a, b) => {
      const pct = (id: string) => worst.find((w) => w.storeId === id)!.uptimePctWeek;
      return pct(a) - pct(b);
    }));
    expect(worst[0]!.storeId).toBe(EVIL);
    const classic = worst.find((w) => w.storeId === 'classic')!;
    expect(classic.uptimeWeekS).toBeCloseTo(104.5 * 60, 6);
    expect(classic.downtimeWeekS).toBeCloseTo(75.5 * 60, 6);
  });
});

describe('report table rows', () => {
  it('sorts by store id (byte order) by default and paginates', async () => {
    const all = await listReportRows(t.db, reportId, DEFAULT_VIEW);
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.storeId)).toEqual([EVIL, '=cmd', 'always-up', 'classic', 'down-now', 'no-data']);
    const p2 = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, size: 25, page: 1 });
    expect(p2.pageCount).toBe(1);
    const beyond = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, page: 99 });
    expect(beyond.page).toBe(1);
    expect(beyond.rows).toHaveLength(6);
  });

  it('sorts by every column both ways, nulls last, ties by store id', async () => {
    const desc = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, sort: 'downtime_last_week', dir: 'desc' });
    const values = desc.rows.map((r) => r.downtimeWeekS);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const pct = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, sort: 'uptime_pct_week', dir: 'asc' });
    expect(pct.rows[0]!.storeId).toBe(EVIL);
    expect(pct.rows[pct.rows.length - 1]!.storeId).toBe('no-data'); // null % last
    const pctDesc = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, sort: 'uptime_pct_week', dir: 'desc' });
    expect(pctDesc.rows.slice(0, 2).map((r) => r.storeId)).toEqual(['=cmd', 'always-up']);
    expect(pctDesc.rows[pctDesc.rows.length - 1]!.storeId).toBe('no-data');
    const idDesc = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, dir: 'desc' });
    expect(idDesc.rows[0]!.storeId).toBe('no-data');
  });

  it('filters and searches (case-insensitive substring)', async () => {
    const downHour = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, filter: 'down_hour' });
    expect(downHour.rows.map((r) => r.storeId)).toEqual([EVIL, 'down-now']);
    const noData = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, filter: 'no_data' });
    expect(noData.rows.map((r) => r.storeId)).toEqual(['no-data']);
    const search = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, q: 'CLASS' });
    expect(search.rows.map((r) => r.storeId)).toEqual(['classic']);
    const pctNone = await listReportRows(t.db, reportId, { ...DEFAULT_VIEW, q: '%' });
    expect(pctNone.total).toBe(0); // % is literal text, not a LIKE wildcard
  });

  it('treats hostile input as data: URL → view → SQL keeps every table intact', async () => {
    const before = await pollCount();
    const view = parseTableView({ sort: EVIL, dir: EVIL, filter: EVIL, q: EVIL, page: EVIL, size: EVIL });
    expect(view.sort).toBe('store_id');
    const page = await listReportRows(t.db, reportId, view);
    expect(page.rows.map((r) => r.storeId)).toEqual([EVIL]); // found as a literal store id
    expect(await pollCount()).toBe(before);
    const [reports] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    expect(Number(reports!.n)).toBe(1);
  });
});

describe('CSV stream', () => {
  it('streams exactly the CSV of reportCsvText, in any page size', async () => {
    const expected = await reportCsvText(t.db, reportId);
    for (const size of [1, 2, 5000]) {
      let text = '';
      for await (const chunk of reportCsvChunks(t.db, reportId, size)) text += chunk;
      expect(text).toBe(expected);
    }
    expect(expected.split('\n')[0]).toBe(
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week',
    );
    expect(expected).toContain("\n'=cmd,");
    expect(expected).toContain('\nclassic,0.00,1.74,1.74,0.00,1.26,1.26\n');
  });
});

describe('store drill-down', () => {
  it('matches the report: segments and daily bars add up to the week totals', async () => {
    const d = await getStoreDetail(t.db, 'classic');
    expect(d).not.toBeNull();
    expect(d!.zone).toBe('America/Chicago');
    expect(d!.zoneIsDefault).toBe(false);
    expect(d!.hours![0]!.spans).toEqual(['09:00–12:00']);
    expect(d!.hours![1]!.spans).toEqual([]);
    expect(d!.reportRow).toMatchObject({ reportId, observations: 2 });
    expect(d!.reportRow!.uptimeWeekS).toBeCloseTo(6270, 6);
    expect(d!.intervals).toHaveLength(1); // Monday 09:00–12:00 (the week before ends at Jan 16 19:00 UTC, after that day's hours)
    expect(d!.polls).toHaveLength(3);
    expect(d!.polls.filter((p) => !p.inHours)).toHaveLength(1);
    const upS = d!.segments.filter((s) => s.active).reduce((a, s) => a + (s.end - s.start), 0) / 1e6;
    const downS = d!.segments.filter((s) => !s.active).reduce((a, s) => a + (s.end - s.start), 0) / 1e6;
    expect(upS).toBeCloseTo(d!.reportRow!.uptimeWeekS, 6);
    expect(downS).toBeCloseTo(d!.reportRow!.downtimeWeekS, 6);
    expect(d!.segments).toHaveLength(2);
    const dailyUp = d!.daily.reduce((a, x) => a + x.upS, 0);
    expect(dailyUp).toBeCloseTo(upS, 6);
    expect(d!.daily[d!.daily.length - 1]!.date).toBe('2023-01-23');
    expect(d!.quality).toMatchObject({ observations: 2, pollsInWeek: 3, pollsOutsideHours: 1 });
    // Business time without an observation: 09:00–10:14 before the first one (74 min) beats 10:14–11:15 (61 min) and 11:15–12:00 (45 min).
    expect(d!.quality).toMatchObject({ longestGapS: 74 * 60, longestGapFromKind: 'week-start', longestGapToKind: 'observation' });
    expect(d!.quality!.longestGapFrom).toBe(d!.intervals[0]!.start);
  });

  it('shows the report it was opened from (?report=), not just the latest one', async () => {
    const asOf = parseTimestamp(AS_OF);
    if (!asOf.ok) throw new Error('bad as-of');
    const earlier = await createReport(t.db, asOf.value - 3600e6, 'cli'); // one hour earlier, finished later
    await runReportInProcess(t.db, earlier);
    const latest = await getStoreDetail(t.db, 'classic');
    expect(latest!.reportId).toBe(earlier);
    const fromFirst = await getStoreDetail(t.db, 'classic', reportId);
    expect(fromFirst!.reportId).toBe(reportId);
    expect(fromFirst!.reportRequested).toBe(true);
    expect(fromFirst!.asOf).toBe(asOf.value);
    expect(latest!.asOf).toBe(asOf.value - 3600e6);
    await t.db.query('DELETE FROM reports WHERE id = $1', [earlier]);
  });

  it('shows defaults: 24×7 and an unknown zone', async () => {
    const d = await getStoreDetail(t.db, 'down-now');
    expect(d!.hours).toBeNull();
    expect(d!.zoneIsDefault).toBe(true);
    expect(d!.zone).toBe('America/Chicago');
    expect(d!.unusableZoneName).toBe('Not/AZone');
    const up = d!.segments.filter((s) => s.active).reduce((a, s) => a + (s.end - s.start), 0) / 1e6;
    expect(up).toBeCloseTo(d!.reportRow!.uptimeWeekS, 6);
  });

  it('finds hostile ids as data and answers null for unknown ones', async () => {
    const before = await pollCount();
    expect(await storeExists(t.db, EVIL)).toBe(true);
    expect((await getStoreDetail(t.db, EVIL))!.reportRow!.downtimeWeekS).toBeGreaterThan(0);
    expect(await getStoreDetail(t.db, "x'; drop table polls; --")).toBeNull();
    expect(await getStoreDetail(t.db, '')).toBeNull();
    expect(await getStoreDetail(t.db, 'x'.repeat(5000))).toBeNull();
    expect(await pollCount()).toBe(before);
  });

  it('a store with hours but no polls exists, without a report row', async () => {
    await t.db.query(`INSERT INTO business_hours (store_id, day_of_week, start_time, end_time) VALUES ('hours-only', 2, '08:00', '16:00')`);
    const d = await getStoreDetail(t.db, 'hours-only');
    expect(d).not.toBeNull();
    expect(d!.reportRow).toBeNull();
    expect(d!.polls).toEqual([]);
    expect(d!.quality!.observations).toBe(0);
    await t.db.query(`DELETE FROM business_hours WHERE store_id = 'hours-only'`);
  });
});

describe('data summary', () => {
  it('counts what is loaded', async () => {
    const s = await dataSummary(t.db);
    expect(s).toMatchObject({
      stores: 6,
      polls: 10,
      firstPoll: '2023-01-17T10:00:00Z',
      latestPoll: '2023-01-23T18:50:00Z',
      storesWithHours: 2,
      storesWithZone: 2,
      storesWithoutHours: 4,
      storesWithoutZone: 4,
    });
    expect(s.lastImports.map((i) => i.source).sort()).toEqual(['hours', 'polls', 'zones']);
  });
});
