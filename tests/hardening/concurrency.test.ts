/**
 * Concurrency: many reports at once, imports while a report is computed, the same file imported
 * twice at once, and a second process on the embedded database's folder.
 *
 * Snapshot semantics (docs/data-rules.md): a report's as-of and store list are fixed when it is
 * planned. Data arriving during the computation that is newer than the as-of (the normal case)
 * never changes it: the report is computed entirely *before* that import. An import that adds
 * stores inside the report's as-of while it runs makes it fail with a clear "the data changed"
 * message — it is never shown complete with missing rows — and generating it again gives the
 * report entirely *after* the import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, setDb, type Db } from '../../db/client';
import { importCsv } from '../../lib/import/importer';
import { computeShard, finalizeReport, planReport } from '../../lib/reports/job';
import { createReport, inProcessJobs, runReportInProcess, triggerReport } from '../../lib/reports/dispatch';
import { getReport, reportCsvText } from '../../lib/reports/read';
import { POST as triggerRoute } from '../../app/api/trigger_report/route';
import { freshDb, type TestDb } from '../helpers/db';

let t: TestDb;
let db: Db;
const STORES = 60;
const AS_OF = '2023-01-25T12:00:00Z';
const AS_OF_US = Date.parse(AS_OF) * 1000;

function pollsCsv(prefix: string, stores: number, day: string, hours = 24): string {
  const lines = ['store_id,status,timestamp_utc'];
  for (let s = 0; s < stores; s++)
    for (let h = 0; h < hours; h++)
      lines.push(`${prefix}${String(s).padStart(3, '0')},${(s * 7 + h) % 5 ? 'active' : 'inactive'},${day} ${String(h).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}:00 UTC`);
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  t = await freshDb();
  db = t.db;
  setDb(db);
  for (const day of ['2023-01-22', '2023-01-23', '2023-01-24']) await importCsv(db, pollsCsv('c-', STORES, day), `polls-${day}.csv`);
  const hours = ['store_id,dayOfWeek,start_time_local,end_time_local'];
  for (let s = 0; s < STORES; s += 2) hours.push(`c-${String(s).padStart(3, '0')},${s % 7},08:00,20:00`, `c-${String(s).padStart(3, '0')},${(s + 1) % 7},22:00,03:00`);
  await importCsv(db, hours.join('\n'), 'hours.csv');
  await importCsv(db, 'store_id,timezone_str\nc-000,America/New_York\nc-003,America/Los_Angeles\n', 'zones.csv');
});
afterAll(async () => t?.drop());

async function completeCsv(id: string): Promise<string> {
  const r = await getReport(db, id);
  expect(r?.status, r?.error ?? '').toBe('complete');
  return reportCsvText(db, id);
}

describe('10 reports at once', () => {
  it('through triggerReport: all complete, identical CSVs with every store', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => triggerReport(db, null)));
    expect(new Set(ids).size).toBe(10);
    await inProcessJobs();
    const csvs = await Promise.all(ids.map(completeCsv));
    expect(csvs[0]!.trim().split('\n')).toHaveLength(STORES + 1);
    for (const csv of csvs) expect(csv).toBe(csvs[0]);
  });

  it('through POST /api/trigger_report: 10 × 202, all complete, identical CSVs', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        triggerRoute(new Request('http://localhost/api/trigger_report', { method: 'POST', body: JSON.stringify({ as_of: AS_OF }) })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { report_id: string }).report_id));
    await inProcessJobs();
    const csvs = await Promise.all(ids.map(completeCsv));
    for (const csv of csvs) expect(csv).toBe(csvs[0]);
  });
});

describe('an import while a report is computed', () => {
  it('newer data arriving mid-report: the report is planned again (entirely after the import) and, its as-of fixed, its rows do not change', async () => {
    const baselineId = await createReport(db, AS_OF_US, 'in-process');
    await runReportInProcess(db, baselineId);
    const baseline = await completeCsv(baselineId);

    const id = await createReport(db, AS_OF_US, 'in-process');
    const plan = await planReport(db, id, 16);
    expect(plan.shardCount).toBeGreaterThan(2);
    await computeShard(db, id, 0);
    // Mid-report: a new day of polls for the same stores, and new stores, all after the as-of.
    await importCsv(db, pollsCsv('c-', STORES, '2023-01-26'), 'polls-2023-01-26.csv');
    await importCsv(db, pollsCsv('new-', 5, '2023-01-26'), 'new-stores.csv');
    for (let s = 1; s < plan.shardCount; s++) await computeShard(db, id, s);
    expect(await finalizeReport(db, id)).toEqual({ rows: 0, restarted: true });
    expect((await getReport(db, id))?.status).toBe('running');
    await runReportInProcess(db, id); // plans again at the new data version
    expect(await completeCsv(id)).toBe(baseline);
  });

  it('an import and a running report at the same time (in-process runner): complete and equal to the baseline', async () => {
    const baselineId = await triggerReport(db, AS_OF_US);
    await inProcessJobs();
    const baseline = await completeCsv(baselineId);
    const id = await triggerReport(db, AS_OF_US);
    await Promise.all([importCsv(db, pollsCsv('c-', STORES, '2023-01-27'), 'polls-2023-01-27.csv'), inProcessJobs()]);
    expect(await completeCsv(id)).toBe(baseline);
  });

  it('stores added inside the as-of while it runs: never complete with missing rows; planned again, it includes them', async () => {
    const id = await createReport(db, AS_OF_US, 'in-process');
    const plan = await planReport(db, id, 16);
    await importCsv(db, pollsCsv('c-0', 3, '2023-01-24').replace(/c-0(\d{3})/g, 'c-0$1x'), 'late-stores.csv');
    for (let s = 0; s < plan.shardCount; s++) await computeShard(db, id, s);
    expect(await finalizeReport(db, id)).toEqual({ rows: 0, restarted: true });
    expect(Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_rows WHERE report_id = $1', [id]))[0]!.n)).toBe(0);
    await runReportInProcess(db, id);
    expect((await completeCsv(id)).trim().split('\n')).toHaveLength(STORES + 3 + 1);
  });
});

describe('two imports of the same file at once', () => {
  it('leave exactly one copy of each poll', async () => {
    const file = pollsCsv('twin-', 30, '2023-01-23');
    const before = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM polls'))[0]!.n);
    const results = await Promise.all([importCsv(db, file, 'a.csv'), importCsv(db, file, 'a.csv'), importCsv(db, file, 'a.csv')]);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(30 * 24);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(2 * 30 * 24);
    const [c] = await db.query<{ n: number; distinct_n: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (store_id, ts))::int AS distinct_n FROM polls`,
    );
    expect(c).toEqual({ n: before + 30 * 24, distinct_n: before + 30 * 24 });
    expect(Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM stores WHERE store_id LIKE 'twin-%'`))[0]!.n)).toBe(30);
  });

  it('two hours files at once: one of them wins whole, never a mix', async () => {
    const a = 'store_id,dayOfWeek,start_time_local,end_time_local\n' + Array.from({ length: 500 }, (_, i) => `mix-${i},1,09:00,17:00`).join('\n');
    const b = 'store_id,dayOfWeek,start_time_local,end_time_local\n' + Array.from({ length: 300 }, (_, i) => `mix-${i},2,10:00,18:00`).join('\n');
    await Promise.all([importCsv(db, a, 'a.csv'), importCsv(db, b, 'b.csv')]);
    const rows = await db.query<{ day_of_week: number; n: number }>('SELECT day_of_week, count(*)::int AS n FROM business_hours GROUP BY 1');
    expect(rows.length).toBe(1);
    expect([500, 300]).toContain(rows[0]!.n);
  });
});

describe('the embedded database is single-process', () => {
  it('a second process opening the same PGlite folder gets a clear error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptime-lock-'));
    const folder = path.join(dir, 'pglite');
    const mine = await openDb({ target: folder, migrate: false });
    try {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', '-e', `import('./db/client.ts').then((m) => (m.openDb ?? m.default.openDb)({ target: ${JSON.stringify(folder)} })).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`],
        { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(3);
      expect(r.stderr.trim()).toBe(
        `The embedded database ${folder} is in use by process ${process.pid}. PGlite allows one process per data folder: ` +
          'stop that process (the dashboard or another CLI command), or set DATABASE_URL to use a PostgreSQL server.',
      );
      // And a second instance inside this process is refused too (two instances lose writes just the same).
      await expect(openDb({ target: folder, migrate: false })).rejects.toThrow(/already open in this process/);
    } finally {
      await mine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
