/**
 * The data generator is deterministic for a seed (same bytes), different for another seed,
 * and writes the three sources in the real formats.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../lib/generate/generator';
import { detectSource, parseRecord } from '../../lib/import/sources';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'uptime-gen-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const FILES = ['store_status.csv', 'menu_hours.csv', 'timezones.csv'];
const read = (dir: string) => FILES.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

describe('generator', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const a = tmp(), b = tmp(), c = tmp();
    const opts = { stores: 200, days: 2, historyWeeks: 1 };
    const sa = await generateDataset({ ...opts, out: a, seed: 7 });
    await generateDataset({ ...opts, out: b, seed: 7 });
    await generateDataset({ ...opts, out: c, seed: 8 });
    expect(read(a)).toEqual(read(b));
    expect(read(c)[0]).not.toEqual(read(a)[0]);
    expect(sa.stores).toBe(200);
    expect(sa.polls).toBeGreaterThan(200 * 9 * 24 * 0.5);
  });

  it('writes the real formats: every row parses, the last poll is the given end', async () => {
    const dir = tmp();
    const s = await generateDataset({ out: dir, stores: 15_000, days: 1, seed: 3, end: '2024-03-10T12:00:00Z' });
    expect(s.stores).toBe(15_000); // above the real 14,092: synthetic stores are added
    const [polls, hours, zones] = read(dir).map((t) => t.trimEnd().split('\n').map((l) => l.split(',')));
    let last = 0;
    for (const [name, rows] of [['polls', polls], ['hours', hours], ['zones', zones]] as const) {
      const src = detectSource(rows![0]!);
      expect(src.ok, name).toBe(true);
      if (!src.ok) continue;
      const bad: string[] = [];
      for (const r of rows!.slice(1)) {
        const p = parseRecord(src.value, r);
        if (!p.ok) bad.push(`${r.join(',')}: ${p.reason}`);
        else if (name === 'polls') last = Math.max(last, (p.value as { ts: number }).ts);
      }
      expect(bad.slice(0, 5), name).toEqual([]);
    }
    expect(polls![0]).toEqual(['store_id', 'status', 'timestamp_utc']);
    expect(hours![0]).toEqual(['store_id', 'day', 'start_time_local', 'end_time_local']);
    expect(new Date(last / 1000).toISOString()).toBe('2024-03-10T12:00:00.000Z');
    expect(s.storesWithHours / s.stores).toBeGreaterThan(0.7);
    expect(s.storesWithHours / s.stores).toBeLessThan(0.9);
    expect(s.storesWithZone / s.stores).toBeGreaterThan(0.9);
  });
});
