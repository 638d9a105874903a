/**
 * A report split into many shards equals the unsharded report, byte for byte, on generated
 * data (real ids, hours and zones; outages, duplicates and conflicting polls), whether the
 * shards run one after the other or concurrently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../lib/generate/generator';
import { importPaths } from '../../lib/import/files';
import { createReport } from '../../lib/reports/dispatch';
import { computeShard, finalizeReport, planReport } from '../../lib/reports/job';
import { getReport, reportCsvText } from '../../lib/reports/read';
import { freshDb, type TestDb } from '../helpers/db';

let t: TestDb;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptime-shard-test-'));
  await generateDataset({ out: dir, stores: 240, days: 7, historyWeeks: 1, seed: 42 });
  t = await freshDb();
  const results = await importPaths(t.db, ['timezones.csv', 'menu_hours.csv', 'store_status.csv'].map((f) => path.join(dir, f)));
  for (const r of results) expect(r.error).toBeUndefined();
});

afterAll(async () => {
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(shardSize: number, concurrent: boolean): Promise<{ csv: string; shards: number }> {
  const id = await createReport(t.db, null, 'cli');
  const plan = await planReport(t.db, id, shardSize);
  const shards = Array.from({ length: plan.shardCount }, (_, i) => i);
  if (concurrent) await Promise.all(shards.map((s) => computeShard(t.db, id, s)));
  else for (const s of shards) await computeShard(t.db, id, s);
  await finalizeReport(t.db, id);
  expect((await getReport(t.db, id))?.status).toBe('complete');
  return { csv: await reportCsvText(t.db, id), shards: plan.shardCount };
}

describe('sharded reports', () => {
  it('equal the unsharded report', async () => {
    const whole = await run(1_000_000, false);
    expect(whole.shards).toBe(1);
    expect(whole.csv.split('\n').length).toBe(240 + 2); // header, 240 stores, final newline
    const small = await run(7, false);
    expect(small.shards).toBeGreaterThan(20);
    expect(small.csv).toBe(whole.csv);
    const parallel = await run(31, true);
    expect(parallel.shards).toBeGreaterThan(5);
    expect(parallel.csv).toBe(whole.csv);
  });
});
