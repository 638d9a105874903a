/**
 * Everything the store drill-down shows, for one store: its zone and hours, its row in the
 * latest complete report, and the engine's analysis at that report's as-of (analyzeStore), with
 * chart data derived from it. The store id is only ever a bound parameter.
 */
import type { Sql } from '../../db/client';
import {
  analyzeStore,
  effectiveZone,
  formatInstant,
  parseClockTime,
  parseTimestamp,
  windowStart,
  type HoursRow,
  type Poll,
} from '../report';
import { getReport } from '../reports/read';
import { latestCompleteReport } from './overview';
import {
  dailyTotals,
  dataQuality,
  statusSegments,
  timelinePolls,
  weekIntervals,
  type DailyTotals,
  type DataQuality,
  type StatusSegment,
  type TimelinePoll,
} from './store-timeline';
import { hoursByWeekday, type WeekdayHours } from './store-hours';
import type { ReportSeconds } from './report-rows';
import { latestPoll } from '../reports/job';
import { usText } from '../reports/store-inputs';

import { MAX_STORE_ID_LENGTH } from '../import/sources';

export interface StoreReportRow extends ReportSeconds {
  reportId: string;
}

export interface StoreDetail {
  storeId: string;
  zone: string;
  zoneIsDefault: boolean;
  /** The zone name as imported when it was not usable (unknown name), else null. */
  unusableZoneName: string | null;
  /** Per weekday (0 = Monday); null = no rows: open 24×7. */
  hours: WeekdayHours[] | null;
  /** The instant the analysis is for (µs), and where it comes from. */
  asOf: number | null;
  asOfSource: 'report' | 'latest-poll' | null;
  /** Whether the report shown is the one asked for (`?report=`) rather than the latest. */
  reportRequested: boolean;
  reportId: string | null;
  /** This store's row of that report (null if it is not in it). */
  reportRow: StoreReportRow | null;
  /** Seconds, computed now by the engine at `asOf` (equal to the report row when the data did not change). */
  totals: { hour: { up: number; down: number }; day: { up: number; down: number }; week: { up: number; down: number } } | null;
  intervals: { start: number; end: number }[];
  polls: TimelinePoll[];
  segments: StatusSegment[];
  daily: DailyTotals[];
  quality: DataQuality | null;
  firstPoll: string | null;
  lastPoll: string | null;
}


/** Whether a store id is known at all: polls, business hours or a time zone. */
export async function storeExists(db: Sql, storeId: string): Promise<boolean> {
  // Stored ids never hold a NUL (the importer refuses it), and PostgreSQL cannot compare one.
  if (storeId.length === 0 || storeId.length > MAX_STORE_ID_LENGTH || storeId.includes('\u0000')) return false;
  const [r] = await db.query<{ found: boolean }>(
    `SELECT (EXISTS (SELECT 1 FROM stores WHERE store_id = $1)
          OR EXISTS (SELECT 1 FROM business_hours WHERE store_id = $1)
          OR EXISTS (SELECT 1 FROM store_time_zones WHERE store_id = $1)) AS found`,
    [storeId],
  );
  return Boolean(r?.found);
}

async function loadHours(db: Sql, storeId: string): Promise<HoursRow[]> {
  const rows = await db.query<{ day_of_week: number; start_time: string; end_time: string }>(
    `SELECT day_of_week, start_time::text AS start_time, end_time::text AS end_time
     FROM business_hours WHERE store_id = $1 ORDER BY day_of_week, start_time`,
    [storeId],
  );
  const out: HoursRow[] = [];
  for (const r of rows) {
    const s = parseClockTime(r.start_time), e = parseClockTime(r.end_time);
    if (s.ok && e.ok) out.push({ day: Number(r.day_of_week), startUs: s.value, endUs: e.value });
  }
  return out;
}

async function loadWeekPolls(db: Sql, storeId: string, asOf: number): Promise<Poll[]> {
  const rows = await db.query<{ us: string; active: boolean }>(
    `SELECT ${usText('ts')} AS us, active FROM polls
     WHERE store_id = $1 AND ts > $2::timestamptz AND ts <= $3::timestamptz ORDER BY ts`,
    [storeId, formatInstant(windowStart(asOf, 'week')), formatInstant(asOf)],
  );
  return rows.map((r) => ({ ts: Number(r.us), active: r.active === true || (r.active as unknown) === 't' }));
}

async function loadReportRow(db: Sql, reportId: string, storeId: string): Promise<StoreReportRow | null> {
  const [r] = await db.query<Record<string, number>>(
    `SELECT uptime_hour_s::float8 AS uh, uptime_day_s::float8 AS ud, uptime_week_s::float8 AS uw,
            downtime_hour_s::float8 AS dh, downtime_day_s::float8 AS dd, downtime_week_s::float8 AS dw, observations
     FROM report_rows WHERE report_id = $1 AND store_id = $2`,
    [reportId, storeId],
  );
  if (!r) return null;
  return {
    reportId,
    uptimeHourS: Number(r.uh), uptimeDayS: Number(r.ud), uptimeWeekS: Number(r.uw),
    downtimeHourS: Number(r.dh), downtimeDayS: Number(r.dd), downtimeWeekS: Number(r.dw),
    observations: Number(r.observations),
  };
}

/** The drill-down of one store, or null when the store is unknown. */
export async function getStoreDetail(db: Sql, storeId: string, reportId?: string): Promise<StoreDetail | null> {
  if (!(await storeExists(db, storeId))) return null;
  const [zoneRow] = await db.query<{ time_zone: string | null; raw_name: string }>(
    `SELECT time_zone, raw_name FROM store_time_zones WHERE store_id = $1`,
    [storeId],
  );
  const { zone, isDefault } = effectiveZone(zoneRow?.time_zone ?? null);
  const hours = await loadHours(db, storeId);
  const [span] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT to_char(first_poll AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first,
            to_char(last_poll AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last
     FROM stores WHERE store_id = $1`,
    [storeId],
  );

  // The report the user came from (when it is complete), else the latest complete one.
  const chosen = reportId ? await getReport(db, reportId) : null;
  const report = chosen?.status === 'complete' ? chosen : await latestCompleteReport(db);
  let asOf: number | null = null;
  let asOfSource: StoreDetail['asOfSource'] = null;
  if (report?.asOf) {
    const parsed = parseTimestamp(report.asOf);
    if (parsed.ok) {
      asOf = parsed.value;
      asOfSource = 'report';
    }
  }
  if (asOf === null) {
    asOf = await latestPoll(db);
    if (asOf !== null) asOfSource = 'latest-poll';
  }

  const base = {
    storeId,
    zone,
    zoneIsDefault: isDefault,
    unusableZoneName: zoneRow && zoneRow.time_zone === null && zoneRow.raw_name.trim() !== '' ? zoneRow.raw_name : null,
    hours: hours.length === 0 ? null : hoursByWeekday(hours),
    asOf,
    asOfSource,
    reportRequested: Boolean(chosen && report && chosen.id === report.id),
    reportId: report?.id ?? null,
    reportRow: report ? await loadReportRow(db, report.id, storeId) : null,
    firstPoll: span?.first ?? null,
    lastPoll: span?.last ?? null,
  };
  if (asOf === null)
    return { ...base, totals: null, intervals: [], polls: [], segments: [], daily: [], quality: null };

  const polls = await loadWeekPolls(db, storeId, asOf);
  const analysis = analyzeStore({ storeId, hours, timeZone: zoneRow?.time_zone ?? null, polls }, asOf);
  const intervals = weekIntervals(analysis.intervals, asOf);
  const segments = statusSegments(intervals, analysis.observationList);
  const marks = timelinePolls(polls, analysis.intervals, asOf);
  const sec = (h: number) => h / 2e6; // halves → seconds
  return {
    ...base,
    totals: {
      hour: { up: sec(analysis.hour.up), down: sec(analysis.hour.down) },
      day: { up: sec(analysis.day.up), down: sec(analysis.day.down) },
      week: { up: sec(analysis.week.up), down: sec(analysis.week.down) },
    },
    intervals,
    polls: marks,
    segments,
    daily: dailyTotals(zone, intervals, segments, asOf),
    quality: dataQuality(analysis, marks, intervals, asOf),
  };
}
