/**
 * Time zones (SPEC §2): IANA names matched case-insensitively, the America/Chicago default,
 * and local wall time → UTC with the SPEC's daylight-saving rules:
 *  - a local time in the spring-forward gap moves forward by the length of the gap;
 *  - a local time that occurs twice (fall-back) means its second occurrence (the later instant).
 *
 * The rules are implemented here explicitly rather than left to a library's default, because
 * luxon's own resolution of an ambiguous time depends on the offset in force *today*.
 * Offsets come from luxon's IANAZone (the platform's tz database) and are cached per hour.
 */
import { IANAZone } from 'luxon';
import { US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND } from './time';

export const DEFAULT_TIME_ZONE = 'America/Chicago';

const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/;
const resolvedNames = new Map<string, string | undefined>();

let listedByLowerCase: Map<string, string> | undefined;
function listedZone(lower: string): string | undefined {
  listedByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  return listedByLowerCase.get(lower);
}

/** Written in IANA's own casing: every path segment starts with a capital (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`). */
const IANA_CASED = /^[A-Z][^/]*(?:\/[A-Z][^/]*)*$/;

/**
 * The IANA name of a time-zone string, matched case-insensitively (`america/denver` →
 * `America/Denver`); `undefined` when it is no IANA zone. A valid name written in IANA casing is
 * kept as written (`Asia/Kolkata` stays, although the platform calls it `Asia/Calcutta`).
 * Callers treat an empty name as "no zone" before calling this.
 */
export function resolveZoneName(raw: string): string | undefined {
  const name = raw.trim();
  if (resolvedNames.has(name)) return resolvedNames.get(name);
  let resolved: string | undefined;
  if (ZONE_NAME_RE.test(name)) {
    try {
      const platform = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      if (platform.toLowerCase() === name.toLowerCase()) resolved = platform;
      else resolved = listedZone(name.toLowerCase()) ?? (IANA_CASED.test(name) ? name : platform);
      if (!IANAZone.isValidZone(resolved)) resolved = undefined;
    } catch {
      resolved = undefined;
    }
  }
  resolvedNames.set(name, resolved);
  return resolved;
}

type HourOffsets = { constant: number } | { at: number; before: number; after: number };

/** One IANA zone's clock: UTC offsets at instants and local wall time → UTC instants. */
export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly hours = new Map<number, HourOffsets>();

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new Error(`unknown time zone: ${name}`);
  }

  /** The zone's UTC offset in microseconds at instant `us` (local = UTC + offset). */
  offsetAt(us: number): number {
    const hour = Math.floor(us / US_PER_HOUR);
    let h = this.hours.get(hour);
    if (h === undefined) {
      h = this.describeHour(hour);
      this.hours.set(hour, h);
    }
    if ('constant' in h) return h.constant;
    return us < h.at ? h.before : h.after;
  }

  /**
   * The UTC instant of a local wall time, given as microseconds since 1970-01-01T00:00 *local*
   * (day number × 24 h + time of day). Gap → moved forward; overlap → the later instant.
   */
  toUtc(localWall: number): number {
    // Every instant with this local time lies within [local − 14 h, local + 12 h].
    const early = this.offsetAt(localWall - 15 * US_PER_HOUR);
    const late = this.offsetAt(localWall + 15 * US_PER_HOUR);
    const viaEarly = localWall - early;
    const viaLate = localWall - late;
    const earlyFits = this.offsetAt(viaEarly) === early;
    const lateFits = this.offsetAt(viaLate) === late;
    if (earlyFits && lateFits) return Math.max(viaEarly, viaLate); // fall-back: second occurrence
    if (earlyFits) return viaEarly;
    if (lateFits) return viaLate;
    return viaEarly; // spring-forward gap: the pre-transition offset moves it forward by the gap
  }

  private rawOffset(us: number): number {
    // luxon answers in whole minutes for the zones of this era.
    return this.zone.offset(Math.floor(us / 1000)) * US_PER_MINUTE;
  }

  private describeHour(hour: number): HourOffsets {
    const start = hour * US_PER_HOUR;
    const end = start + US_PER_HOUR;
    const before = this.rawOffset(start);
    const after = this.rawOffset(end);
    if (before === after) return { constant: before };
    // A transition inside this hour: find its second by bisection.
    let lo = start, hi = end; // offset(lo) = before, offset(hi) = after
    while (hi - lo > US_PER_SECOND) {
      const mid = lo + Math.floor((hi - lo) / 2 / US_PER_SECOND) * US_PER_SECOND;
      if (this.rawOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi, before, after };
  }
}

const clocks = new Map<string, ZoneClock>();

/** A shared clock per canonical zone name (clocks only cache offsets, so sharing is safe). */
export function zoneClock(name: string): ZoneClock {
  let c = clocks.get(name);
  if (!c) {
    c = new ZoneClock(name);
    clocks.set(name, c);
  }
  return c;
}
