/**
 * Instants and clock times as integers.
 *
 * Every instant in the engine is an integer number of microseconds since the Unix epoch
 * (a JS number holds these exactly until the year 2255). Clock times of day are integer
 * microseconds since local midnight. No Date objects, no floating-point seconds.
 */

export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;
export const US_PER_DAY = 24 * US_PER_HOUR;

/** The earliest and latest years a poll timestamp may carry (anything else is a typo). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ParseResult<T> => ({ ok: false, reason });

/** Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (inverse of daysFromCivil). */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d };
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[m - 1]!;
}

/** Microseconds of a fraction written with 0–6 digits ("5" → 500000). */
function fractionToUs(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.padEnd(6, '0'));
}

const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:(UTC|GMT|Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/** The digit at `i` (0–9), or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two digits at `i`, `i + 1` as a number (0–99), or a negative number. */
function num2(s: string, i: number): number {
  const a = digitAt(s, i), b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1000 : a * 10 + b;
}

/**
 * The polls files' own form, `YYYY-MM-DD HH:MM:SS[.f…f] UTC` (1–6 fraction digits), read by
 * character codes — the import's hot path. Anything else, or any value out of range, gives
 * undefined and the general parser below decides (and words the rejection). Same rules, same
 * result: tests/unit/time.test.ts checks it against the general path.
 */
function canonicalUtc(s: string): number | undefined {
  const n = s.length;
  if (n < 23 || n > 30 || s.charCodeAt(n - 4) !== 32 || s.charCodeAt(n - 3) !== 85 || s.charCodeAt(n - 2) !== 84 || s.charCodeAt(n - 1) !== 67)
    return undefined; // " UTC"
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return undefined; // "-", "-", " ", ":", ":"
  const century = num2(s, 0), yy = num2(s, 2), mo = num2(s, 5), day = num2(s, 8);
  const h = num2(s, 11), mi = num2(s, 14), sec = num2(s, 17);
  if ((century | yy | mo | day | h | mi | sec) < 0) return undefined; // a non-digit
  const y = century * 100 + yy;
  let frac = 0;
  const fracEnd = n - 4;
  if (fracEnd > 19) {
    if (s.charCodeAt(19) !== 46 || fracEnd - 20 < 1 || fracEnd - 20 > 6) return undefined; // "." and 1–6 digits
    for (let i = 20; i < 26; i++) {
      const f = i < fracEnd ? digitAt(s, i) : 0;
      if (f < 0) return undefined;
      frac = frac * 10 + f;
    }
  }
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
    return undefined;
  return daysFromCivil(y, mo, day) * US_PER_DAY + h * US_PER_HOUR + mi * US_PER_MINUTE + sec * US_PER_SECOND + frac;
}

/**
 * Parses a poll timestamp (SPEC §1, §3a): `2023-01-22 12:09:39.388884 UTC`, or ISO 8601 with `Z`
 * or an offset. At most 6 fraction digits; a timestamp without a zone is rejected.
 */
export function parseTimestamp(text: string): ParseResult<number> {
  const s = text.trim();
  const quick = canonicalUtc(s);
  if (quick !== undefined) return ok(quick);
  if (s === '') return fail('empty timestamp');
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return fail(`not a timestamp: "${clip(s)}" (expected e.g. 2023-01-22 12:09:39.388884 UTC or ISO 8601 with Z or an offset)`);
  const [, ys, mos, ds, hs, mis, ss, frac, utc, sign, ohs, oms] = m;
  if (frac !== undefined && frac.length > 6) return fail(`timestamp has ${frac.length} fraction digits (at most 6): "${clip(s)}"`);
  if (utc === undefined && sign === undefined) return fail(`timestamp has no time zone (add UTC, Z or an offset): "${clip(s)}"`);
  const y = Number(ys), mo = Number(mos), d = Number(ds), h = Number(hs), mi = Number(mis), sec = Number(ss ?? '0');
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`timestamp year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}: "${clip(s)}"`);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fail(`impossible date: "${clip(s)}"`);
  if (h > 23 || mi > 59 || sec > 59) return fail(`impossible time of day: "${clip(s)}"`);
  let offsetMin = 0;
  if (sign !== undefined) {
    const oh = Number(ohs), om = Number(oms ?? '0');
    if (oh > 18 || om > 59) return fail(`impossible UTC offset: "${clip(s)}"`);
    offsetMin = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const day = daysFromCivil(y, mo, d);
  return ok(day * US_PER_DAY + h * US_PER_HOUR + mi * US_PER_MINUTE + sec * US_PER_SECOND + fractionToUs(frac) - offsetMin * US_PER_MINUTE);
}

const CLOCK_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Parses a local clock time `HH:MM[:SS[.ffffff]]` into microseconds since midnight. `24:00` is rejected. */
export function parseClockTime(text: string): ParseResult<number> {
  const s = text.trim();
  const m = CLOCK_RE.exec(s);
  if (!m) return fail(`not a time of day: "${clip(s)}" (expected HH:MM[:SS[.ffffff]])`);
  const [, hs, ms, ss, frac] = m;
  if (frac !== undefined && frac.length > 6) return fail(`time has ${frac.length} fraction digits (at most 6): "${clip(s)}"`);
  const h = Number(hs), mi = Number(ms), sec = Number(ss ?? '0');
  if (h > 23) return fail(`hour out of range 0–23: "${clip(s)}"`);
  if (mi > 59) return fail(`minute out of range 0–59: "${clip(s)}"`);
  if (sec > 59) return fail(`second out of range 0–59: "${clip(s)}"`);
  return ok(h * US_PER_HOUR + mi * US_PER_MINUTE + sec * US_PER_SECOND + fractionToUs(frac));
}

/** `HH:MM:SS[.ffffff]` of microseconds since midnight (the inverse of parseClockTime). */
export function formatClockTime(us: number): string {
  const h = Math.floor(us / US_PER_HOUR);
  const mi = Math.floor((us % US_PER_HOUR) / US_PER_MINUTE);
  const s = Math.floor((us % US_PER_MINUTE) / US_PER_SECOND);
  const f = us % US_PER_SECOND;
  const base = `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  return f === 0 ? base : `${base}.${String(f).padStart(6, '0').replace(/0+$/, '')}`;
}

/** ISO 8601 UTC with microseconds when needed: `2023-01-25T18:13:22.479220Z`. */
export function formatInstant(us: number): string {
  const day = Math.floor(us / US_PER_DAY);
  const { y, m, d } = civilFromDays(day);
  const rest = us - day * US_PER_DAY;
  const time = formatClockTime(rest);
  const [hms, frac] = time.split('.');
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}T${hms}${frac ? '.' + frac.padEnd(6, '0') : ''}Z`;
}

/** Parses an as-of instant given on the CLI, API or a form: any timestamp parseTimestamp accepts. */
export const parseAsOf = parseTimestamp;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
