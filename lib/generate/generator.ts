/**
 * Real-scale data generator (issue 4): writes store_status.csv, menu_hours.csv and timezones.csv
 * in the formats of the real 2023 export, streamed to disk.
 *
 * Polls are synthesised per store and hour: a store is polled in an hour with its own rate
 * (most ~85 %, some flaky, a few chatty ones polled twice), mostly in the first minutes of the
 * hour with jitter, with outages as runs of inactive polls, rare isolated inactive polls, and a
 * few exact duplicate and conflicting polls. Every random choice is a hash of (seed, store,
 * hour, purpose), so the output is byte-identical for a seed whatever the order of generation.
 * Lines are written hour by hour (stores in a fixed shuffled order), like an export that is
 * roughly in time order but not sorted by store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { civilFromDays, parseTimestamp, US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND } from '../report/time';
import { hash32, hashUnit, Rng } from './prng';
import { buildStores, loadRealStores, REAL_STORE_COUNT, type GenStore } from './stores';

/** The last poll of the real 2023 week (its default as-of). */
export const REAL_WEEK_END = '2023-01-25 18:13:22.47922 UTC';

export interface GenerateOptions {
  out: string;
  /** Number of stores (default: the real 14,092). */
  stores?: number;
  /** Days of polls ending at `end` (default 7). */
  days?: number;
  /** Weeks of older polls before those days (default 0). */
  historyWeeks?: number;
  seed?: number;
  /** The instant of the last poll (default the real week's end). */
  end?: string;
  /** Where the real hours and zones are (default data/sample). */
  realDir?: string;
}

export interface GenerateSummary {
  out: string;
  stores: number;
  storesWithHours: number;
  storesWithZone: number;
  polls: number;
  inactive: number;
  duplicates: number;
  conflicts: number;
  hoursRows: number;
  firstPoll: string;
  lastPoll: string;
  seconds: number;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2023-01-22 12:` for an hour index (hours since the epoch). */
function hourPrefix(hour: number): string {
  const day = Math.floor(hour / 24);
  const { y, m, d } = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)} ${pad2(hour - day * 24)}:`;
}

/** `09:39.388884 UTC` for µs within the hour (fraction trimmed like BigQuery's export). */
function withinHour(us: number): string {
  const mi = Math.floor(us / US_PER_MINUTE);
  const s = Math.floor((us % US_PER_MINUTE) / US_PER_SECOND);
  const f = us % US_PER_SECOND;
  let frac = '';
  if (f !== 0) {
    frac = String(f).padStart(6, '0');
    let n = frac.length;
    while (frac.charCodeAt(n - 1) === 48) n--;
    frac = '.' + frac.slice(0, n);
  }
  return `${pad2(mi)}:${pad2(s)}${frac} UTC`;
}

interface StorePlan {
  id: string;
  /** Probability of a poll in an hour. */
  rate: number;
  /** Probability of a second poll in an hour. */
  extra: number;
  /** Outages as [startHour, endHour) pairs (absolute hour indices). */
  outages: number[];
}

function planStore(store: GenStore, index: number, seed: number, firstHour: number, lastHour: number): StorePlan {
  const rng = new Rng(hash32(seed, index, 0x51), 3);
  const kind = rng.pick<string>([['normal', 75], ['flaky', 20], ['rare', 5]]);
  const rate = kind === 'normal' ? 0.78 + rng.unit() * 0.14 : kind === 'flaky' ? 0.35 + rng.unit() * 0.4 : 0.1 + rng.unit() * 0.25;
  const extra = rng.unit() < 0.05 ? 0.4 : 0;
  const weeks = Math.max(1, (lastHour - firstHour + 1) / 168);
  const outages: number[] = [];
  if (rng.unit() < 0.003) outages.push(firstHour, lastHour + 1); // closed for good: inactive throughout
  else {
    const n = Math.round(rng.pick<number>([[0, 55], [1, 25], [2, 12], [4, 6], [8, 2]]) * weeks);
    for (let i = 0; i < n; i++) {
      const start = firstHour + Math.floor(rng.unit() * (lastHour - firstHour + 1));
      const len = 1 + Math.min(47, Math.floor(-Math.log(1 - rng.unit()) * 4));
      outages.push(start, start + len);
    }
  }
  return { id: store.id, rate, extra, outages };
}

function inOutage(plan: StorePlan, hour: number): boolean {
  const o = plan.outages;
  for (let i = 0; i < o.length; i += 2) if (hour >= o[i]! && hour < o[i + 1]!) return true;
  return false;
}

async function writeAll(stream: fs.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function closeStream(stream: fs.WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const seed = (options.seed ?? 1) >>> 0;
  const days = options.days ?? 7;
  const historyWeeks = options.historyWeeks ?? 0;
  if (!(days > 0) || !(historyWeeks >= 0)) throw new Error('--days must be > 0 and --history-weeks ≥ 0');
  const endParsed = parseTimestamp(options.end ?? REAL_WEEK_END);
  if (!endParsed.ok) throw new Error(`--end: ${endParsed.reason}`);
  const endUs = endParsed.value;
  const startUs = endUs - (days + historyWeeks * 7) * US_PER_DAY; // polls lie in (startUs, endUs]
  const firstHour = Math.floor(startUs / US_PER_HOUR);
  const lastHour = Math.floor(endUs / US_PER_HOUR);

  const stores = buildStores(loadRealStores(options.realDir), options.stores ?? REAL_STORE_COUNT, seed);
  if (stores.length === 0) throw new Error('--stores must be at least 1');
  fs.mkdirSync(options.out, { recursive: true });

  // Hours and zones (small): in the real formats, stores in id order.
  let hoursRows = 0, withHours = 0, withZone = 0;
  const hoursOut = fs.createWriteStream(path.join(options.out, 'menu_hours.csv'));
  const zonesOut = fs.createWriteStream(path.join(options.out, 'timezones.csv'));
  let hBuf = ['store_id,day,start_time_local,end_time_local\n'];
  let zBuf = ['store_id,timezone_str\n'];
  for (const s of stores) {
    if (s.hours.length > 0) withHours++;
    for (const line of s.hours) hBuf.push(line, '\n');
    hoursRows += s.hours.length;
    if (s.zone !== null) {
      withZone++;
      zBuf.push(s.zone, '\n');
    }
    if (hBuf.length > 20_000) {
      await writeAll(hoursOut, hBuf.join(''));
      hBuf = [];
    }
    if (zBuf.length > 20_000) {
      await writeAll(zonesOut, zBuf.join(''));
      zBuf = [];
    }
  }
  await writeAll(hoursOut, hBuf.join(''));
  await writeAll(zonesOut, zBuf.join(''));
  await Promise.all([closeStream(hoursOut), closeStream(zonesOut)]);

  // Polls: hour by hour, stores in a fixed shuffled order.
  const plans = stores.map((s, i) => planStore(s, i, seed, firstHour, lastHour));
  const order = new Rng(seed, 23).shuffle(plans.map((_, i) => i));
  const lastStore = hash32(seed, 99) % plans.length; // the store whose poll is the last instant
  const pollsOut = fs.createWriteStream(path.join(options.out, 'store_status.csv'), { highWaterMark: 1 << 20 });
  await writeAll(pollsOut, 'store_id,status,timestamp_utc\n');
  let polls = 0, inactive = 0, duplicates = 0, conflicts = 0;
  let firstTs = Infinity;
  for (let hour = firstHour; hour <= lastHour; hour++) {
    const prefix = hourPrefix(hour);
    const hourUs = hour * US_PER_HOUR;
    const parts: string[] = [];
    for (const si of order) {
      const p = plans[si]!;
      const emit = (offset: number, k: number) => {
        const ts = hourUs + offset;
        if (ts <= startUs || ts > endUs) return;
        const down = inOutage(p, hour) || hashUnit(seed, si, hour, 40 + k) < 0.004;
        const line = `${p.id},${down ? 'inactive' : 'active'},${prefix}${withinHour(offset)}\n`;
        parts.push(line);
        polls++;
        if (down) inactive++;
        if (ts < firstTs) firstTs = ts;
        const dup = hashUnit(seed, si, hour, 50 + k);
        if (dup < 0.002) {
          parts.push(line); // an exact duplicate, as exports with retries have
          polls++;
          duplicates++;
          if (down) inactive++;
        } else if (dup < 0.0025) {
          parts.push(`${p.id},${down ? 'active' : 'inactive'},${prefix}${withinHour(offset)}\n`); // conflicting
          polls++;
          conflicts++;
          if (!down) inactive++;
        }
      };
      if (hashUnit(seed, si, hour, 1) < p.rate) {
        // Mostly in the first minutes of the hour; one in eight anywhere in it.
        const u = hashUnit(seed, si, hour, 3);
        const offset = hashUnit(seed, si, hour, 2) < 0.875 ? Math.floor(u * u * 15 * US_PER_MINUTE) : Math.floor(u * US_PER_HOUR);
        emit(offset, 0);
      }
      if (p.extra > 0 && hashUnit(seed, si, hour, 4) < p.extra)
        emit(30 * US_PER_MINUTE + Math.floor(hashUnit(seed, si, hour, 5) * 20 * US_PER_MINUTE), 1);
      if (hour === lastHour && si === lastStore) emit(endUs - hourUs, 2); // the latest poll: exactly `end`
    }
    await writeAll(pollsOut, parts.join(''));
  }
  await closeStream(pollsOut);
  const fmt = (us: number) => `${hourPrefix(Math.floor(us / US_PER_HOUR))}${withinHour(us % US_PER_HOUR)}`;
  return {
    out: options.out,
    stores: stores.length,
    storesWithHours: withHours,
    storesWithZone: withZone,
    polls,
    inactive,
    duplicates,
    conflicts,
    hoursRows,
    firstPoll: Number.isFinite(firstTs) ? fmt(firstTs) : '',
    lastPoll: fmt(endUs),
    seconds: (performance.now() - started) / 1000,
  };
}
