/**
 * The stores of a generated data set: the real 2023 stores (ids, business-hours rows and time
 * zones exactly as in data/sample), ids that appear only in polls, and — above the real count —
 * synthetic stores with realistic hours (overnight, split shifts, closed days, 24×7) and US zones.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hash32, Rng } from './prng';

/** How many distinct stores the full 2023 status file has. */
export const REAL_STORE_COUNT = 14_092;

export interface GenStore {
  id: string;
  /** CSV lines of menu_hours.csv for this store (without line ends); empty = no rows (24×7). */
  hours: string[];
  /** The CSV line of timezones.csv, or null (no zone row: the default applies). */
  zone: string | null;
}

export interface RealData {
  /** Stores of the real set, in a fixed order (sorted by id). */
  stores: GenStore[];
}

function readLines(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Loads the real ids, hours and zones from `dir` (data/sample: menu_hours.csv and timezones.csv
 * complete; store_status.csv a slice, used for the ids that appear only in polls). The missing
 * poll-only ids (the full status file has 14,092 stores) are made up deterministically.
 */
export function loadRealStores(dir = path.join(process.cwd(), 'data', 'sample')): RealData {
  const hours = new Map<string, string[]>();
  for (const line of readLines(path.join(dir, 'menu_hours.csv')).slice(1)) {
    const id = line.slice(0, line.indexOf(','));
    let list = hours.get(id);
    if (!list) hours.set(id, (list = []));
    list.push(line);
  }
  const zones = new Map<string, string>();
  for (const line of readLines(path.join(dir, 'timezones.csv')).slice(1)) zones.set(line.slice(0, line.indexOf(',')), line);
  const ids = new Set<string>([...hours.keys(), ...zones.keys()]);
  const pollOnly: string[] = [];
  const statusFile = path.join(dir, 'store_status.csv');
  if (fs.existsSync(statusFile)) {
    for (const line of readLines(statusFile).slice(1)) {
      const id = line.slice(0, line.indexOf(','));
      if (!ids.has(id)) {
        ids.add(id);
        pollOnly.push(id);
      }
    }
  }
  // The rest of the real poll-only ids are not public: make up numeric ids of the same shape.
  const rng = new Rng(0x5eed_2023, 7);
  while (ids.size < REAL_STORE_COUNT) ids.add(numericId(rng));
  const stores = [...ids].sort(cmp).map((id) => ({ id, hours: hours.get(id) ?? [], zone: zones.get(id) ?? null }));
  return { stores };
}

/** A 19-digit numeric id like the real ones (first digit 1–9). */
export function numericId(rng: Rng): string {
  const hi = 1 + (rng.next() % 9);
  const mid = String(rng.next() % 1_000_000_000).padStart(9, '0');
  const lo = String(rng.next() % 1_000_000_000).padStart(9, '0');
  return `${hi}${mid}${lo}`;
}

const US_ZONES: readonly (readonly [string, number])[] = [
  ['America/New_York', 58],
  ['America/Los_Angeles', 23],
  ['America/Chicago', 11],
  ['America/Phoenix', 3],
  ['America/Denver', 2],
  ['America/Detroit', 1],
  ['America/Indiana/Indianapolis', 0.5],
  ['America/Boise', 0.3],
  ['Pacific/Honolulu', 0.2],
  ['America/Anchorage', 0.2],
];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}:00`;

/** Business-hours rows of a synthetic store (SPEC §2 shapes, as real operators set them). */
function syntheticHours(id: string, rng: Rng): string[] {
  const kind = rng.pick<string>([
    ['none', 18], ['regular', 34], ['late', 12], ['overnight', 10], ['split', 10], ['closed-days', 8], ['all-day', 6], ['varied', 2],
  ]);
  const rows: string[] = [];
  const row = (day: number, startMin: number, endText: string) => rows.push(`${id},${day},${clock(startMin)},${endText}`);
  const open = () => rng.int(6 * 4, 11 * 4) * 15; // 06:00–11:00 in quarter hours
  switch (kind) {
    case 'none':
      break;
    case 'regular': {
      const o = open(), c = rng.int(19 * 4, 23 * 4) * 15;
      for (let d = 0; d < 7; d++) row(d, o, clock(c));
      break;
    }
    case 'late': {
      const o = open();
      for (let d = 0; d < 7; d++) row(d, o, rng.unit() < 0.5 ? '23:59:59' : '23:59:00');
      break;
    }
    case 'overnight': {
      const o = rng.int(16 * 4, 20 * 4) * 15, c = rng.int(1 * 4, 3 * 4) * 15;
      for (let d = 0; d < 7; d++) row(d, o, clock(c));
      break;
    }
    case 'split': {
      const o1 = rng.int(10 * 2, 11 * 2) * 30, c1 = rng.int(14 * 2, 15 * 2) * 30;
      const o2 = rng.int(17 * 2, 18 * 2) * 30, c2 = rng.int(21 * 2, 23 * 2) * 30;
      for (let d = 0; d < 7; d++) {
        row(d, o1, clock(c1));
        row(d, o2, clock(c2));
      }
      break;
    }
    case 'closed-days': {
      const o = open(), c = rng.int(18 * 4, 22 * 4) * 15;
      const closed = new Set([rng.int(0, 6), rng.int(0, 6)]);
      for (let d = 0; d < 7; d++) if (!closed.has(d)) row(d, o, clock(c));
      break;
    }
    case 'all-day':
      for (let d = 0; d < 7; d++) row(d, 0, '23:59:59');
      break;
    default: // different hours per day, a few 24 h (start == end) days
      for (let d = 0; d < 7; d++) {
        const o = open();
        if (rng.unit() < 0.15) row(d, o, clock(o));
        else row(d, o, clock(rng.int(17 * 4, 23 * 4) * 15));
      }
  }
  return rows;
}

/**
 * The stores of a data set of `count` stores: the real set (a seeded subset when fewer are
 * asked for), then synthetic stores. Returned sorted by id.
 */
export function buildStores(real: RealData, count: number, seed: number): GenStore[] {
  let stores: GenStore[];
  if (count <= real.stores.length) {
    const order = real.stores.map((_, i) => i);
    new Rng(seed, 11).shuffle(order);
    stores = order.slice(0, count).sort((a, b) => a - b).map((i) => real.stores[i]!);
  } else {
    stores = real.stores.slice();
    const taken = new Set(stores.map((s) => s.id));
    const rng = new Rng(seed, 13);
    while (stores.length < count) {
      const id = numericId(rng);
      if (taken.has(id)) continue;
      taken.add(id);
      const own = new Rng(hash32(seed, stores.length), 17);
      const zone = own.unit() < 0.05 ? null : `${id},${own.pick(US_ZONES)}`;
      stores.push({ id, hours: syntheticHours(id, own), zone });
    }
    stores.sort((a, b) => cmp(a.id, b.id));
  }
  return stores;
}
