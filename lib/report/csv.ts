/**
 * The report CSV (SPEC §3 "Output", §3a): header, units, half-up rounding on the exact value,
 * byte-order sorting, formula-injection escaping and RFC 4180 quoting.
 */
import { US_PER_HOUR, US_PER_MINUTE } from './time';
import type { Halves } from './uptime';

export const REPORT_CSV_HEADER =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';

/** What a CSV row needs: exact totals in half-microseconds. */
export interface ReportCsvRow {
  storeId: string;
  upHour: Halves;
  upDay: Halves;
  upWeek: Halves;
  downHour: Halves;
  downDay: Halves;
  downWeek: Halves;
}

/** A duration in halves, in `unitUs` units, rounded half up to 2 decimals, exactly. */
export function formatRounded(halves: Halves, unitUs: number): string {
  // value = halves / (2·unit); hundredths = floor(value·100 + ½) = floor((halves·100 + unit) / (2·unit))
  const x = halves * 100 + unitUs;
  const d = 2 * unitUs;
  const hundredths = (x - (x % d)) / d;
  const whole = Math.floor(hundredths / 100);
  const cents = hundredths % 100;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

export const formatMinutes = (halves: Halves) => formatRounded(halves, US_PER_MINUTE);
export const formatHours = (halves: Halves) => formatRounded(halves, US_PER_HOUR);

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV field safe for spreadsheets: `'`-prefixed when it looks like a formula, quoted per RFC 4180. */
export function csvField(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Compares two store ids by the byte order of their UTF-8 encoding (the report's row order). */
export function compareStoreIds(a: string, b: string): number {
  // UTF-8 byte order is code point order; JS `<` compares UTF-16 units, which differs above U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (surrogate(x) !== surrogate(y)) return surrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** One CSV line (without the line end). */
export function reportCsvLine(r: ReportCsvRow): string {
  return [
    csvField(r.storeId),
    formatMinutes(r.upHour),
    formatHours(r.upDay),
    formatHours(r.upWeek),
    formatMinutes(r.downHour),
    formatHours(r.downDay),
    formatHours(r.downWeek),
  ].join(',');
}

/** The whole CSV of rows already sorted by store id: header and LF line ends. */
export function reportCsv(rows: Iterable<ReportCsvRow>): string {
  const lines = [REPORT_CSV_HEADER];
  for (const r of rows) lines.push(reportCsvLine(r));
  return lines.join('\n') + '\n';
}
