/**
 * Report jobs that fail: a step that throws ends `failed` with a readable reason (also through
 * GET /api/get_report); retries never duplicate rows or complete twice; a report left running by
 * a stopped server is marked failed on the next start; start-up on an unreachable database or on
 * a schema from a newer version says so and exits.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb, type Db, type Sql } from '../../db/client';
import { migrate } from '../../db/migrate';
import { importCsv } from '../../lib/import/importer';
import { computeShard, finalizeReport, planReport } from '../../lib/reports/job';
import { createReport, failInterruptedReports, runReportInProcess } from '../../lib/reports/dispatch';
import { getReport, reportCsvText } from '../../lib/reports/read';
import { GET as getReportRoute } from '../../app/api/get_report/route';
import { freshDb, usingPostgres, type TestDb } from '../helpers/db';

let t: TestDb;
let db: Db;
const STORES = 40;

/** A connection whose queries fail while `failing(text)` says so (a database restart, a bad step). */
function flaky(inner: Sql, failing: (text: string) => boolean): Sql {
  return {
    kind: inner.kind,
    query: <T,>(text: string, params?: unknown[]) =>
      failing(text) ? Promise.reject(new Error('connection terminated unexpectedly (simulated database restart)')) : inner.query<T>(text, params),
    copyIn: (table, columns, data) => inner.copyIn(table, columns, data),
    copyOut: (select) => inner.copyOut(select),
    copyOutBinary: (select) =>
      failing(select) ? Promise.reject(new Error('connection terminated unexpectedly (simulated database restart)')) : inner.copyOutBinary(select),
    transaction: (fn) => inner.transaction((tx) => fn(flaky(tx, failing))),
  };
}

beforeAll(async () => {
  t = await freshDb();
  db = t.db;
  setDb(db);
  const polls = ['store_id,status,timestamp_utc'];
  for (let s = 0; s < STORES; s++)
    for (let h = 0; h < 30; h++) polls.push(`r-${String(s).padStart(3, '0')},${(s + h) % 4 ? 'active' : 'inactive'},2023-01-2${h % 5} ${String(h % 24).padStart(2, '0')}:10:00 UTC`);
  await importCsv(db, polls.join('\n'), 'polls.csv');
  await importCsv(db, 'store_id,dayOfWeek,start_time_local,end_time_local\nr-000,0,09:00,17:00\nr-001,1,22:00,02:00\n', 'hours.csv');
});
afterAll(async () => t?.drop());

const status = async (id: string) => (await getReport(db, id))!;
const rowCount = async (id: string) =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_rows WHERE report_id = $1', [id]))[0]!.n);

describe('a report job that throws', () => {
  it('ends failed with a readable reason, shown by get_report without a stack trace', async () => {
    const id = await createReport(db, null, 'in-process');
    await runReportInProcess(flaky(db, (q) => /FROM polls/.test(q)), id);
    const r = await status(id);
    expect(r.status).toBe('failed');
    expect(r.error).toBe('connection terminated unexpectedly (simulated database restart)');
    const res = await getReportRoute(new Request(`http://localhost/api/get_report?report_id=${id}`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'Failed', error: 'connection terminated unexpectedly (simulated database restart)' });
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    expect(await rowCount(id)).toBe(0);
  });

  it('a step that fails once is retried: the report completes with every row exactly once', async () => {
    let failures = 0;
    const id = await createReport(db, null, 'in-process');
    await runReportInProcess(flaky(db, (q) => /FROM polls/.test(q) && failures++ < 1), id);
    expect(failures).toBeGreaterThan(0);
    const r = await status(id);
    expect(r.status).toBe('complete');
    expect(r.storesTotal).toBe(STORES);
    expect(await rowCount(id)).toBe(STORES);
  });

  it('retried steps (as Inngest would) never duplicate rows; finalize twice is still one complete report', async () => {
    const id = await createReport(db, null, 'in-process');
    const plan = await planReport(db, id, 7);
    expect(await planReport(db, id, 7)).toEqual(plan); // a retried plan keeps its plan
    for (let s = 0; s < plan.shardCount; s++) {
      await computeShard(db, id, s);
      await computeShard(db, id, s); // a retry of a step that had succeeded
    }
    await expect(finalizeReport(db, id)).resolves.toEqual({ rows: STORES, restarted: false });
    await expect(finalizeReport(db, id)).resolves.toEqual({ rows: STORES, restarted: false });
    expect(await rowCount(id)).toBe(STORES);
    const finishedAt = async () => (await db.query<{ f: string }>('SELECT finished_at::text AS f FROM reports WHERE id = $1', [id]))[0]!.f;
    const finished = await finishedAt();
    await finalizeReport(db, id);
    expect(await finishedAt()).toBe(finished);
    // The same report run twice at once: still one copy of each row, one complete state.
    const both = await createReport(db, null, 'in-process');
    await Promise.all([runReportInProcess(db, both), runReportInProcess(db, both)]);
    expect((await status(both)).status).toBe('complete');
    expect(await rowCount(both)).toBe(STORES);
    expect(await reportCsvText(db, both)).toBe(await reportCsvText(db, id));
  });

  it('is never complete with missing rows: finalize refuses while a shard is pending', async () => {
    const id = await createReport(db, null, 'in-process');
    const plan = await planReport(db, id, 7);
    for (let s = 0; s < plan.shardCount - 1; s++) await computeShard(db, id, s);
    await expect(finalizeReport(db, id)).rejects.toThrow(/is incomplete: 1 shards pending/);
    expect((await status(id)).status).toBe('running');
  });

  it('a failed report is not turned complete by a late retry, and failure never overwrites complete', async () => {
    const id = await createReport(db, null, 'in-process');
    await runReportInProcess(db, id);
    const { failReport } = await import('../../lib/reports/job');
    await failReport(db, id, 'late failure from a stale retry');
    expect((await status(id)).status).toBe('complete');
  });
});

describe('after a restart', () => {
  it('reports left pending or running by the in-process runner are marked failed on start', async () => {
    await failInterruptedReports(db); // what earlier tests left running
    const running = await createReport(db, null, 'in-process');
    await planReport(db, running, 7);
    await computeShard(db, running, 0);
    const pending = await createReport(db, null, 'in-process');
    const done = await createReport(db, null, 'in-process');
    await runReportInProcess(db, done);
    expect(await failInterruptedReports(db)).toBe(2);
    for (const id of [running, pending]) {
      const r = await status(id);
      expect(r.status).toBe('failed');
      expect(r.error).toBe('interrupted: the server stopped while this report was being computed; generate it again');
    }
    expect((await status(done)).status).toBe('complete');
    const res = await getReportRoute(new Request(`http://localhost/api/get_report?report_id=${running}`));
    expect(await res.json()).toEqual({ status: 'Failed', error: 'interrupted: the server stopped while this report was being computed; generate it again' });
  });
});

describe('start-up problems give a clear message and exit', () => {
  const ROOT = path.join(__dirname, '..', '..');
  const startServer = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./lib/startup.ts').then((m) => (m.onServerStart ?? m.default.onServerStart)()).then(() => process.exit(0))"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('an unreachable PostgreSQL server', () => {
    const r = startServer({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[store-uptime] cannot open the database: Cannot reach the PostgreSQL server at postgres://postgres:***@127.0.0.1:1/nowhere');
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a database whose schema comes from a newer version of the app', async () => {
    await db.query(`INSERT INTO schema_migrations (tag) VALUES ('9999_from_the_future')`);
    try {
      await expect(migrate(db)).rejects.toThrow(
        'The database has schema migrations this version of the app does not know (9999_from_the_future): it was created by a newer version.',
      );
      if (usingPostgres()) {
        const r = startServer({ DATABASE_URL: t.url! });
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('it was created by a newer version');
      }
    } finally {
      await db.query(`DELETE FROM schema_migrations WHERE tag = '9999_from_the_future'`);
    }
  });
});
