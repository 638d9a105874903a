/**
 * The whole data path on the configured database kind (PGlite, or PostgreSQL when DATABASE_URL
 * is set): import the bundled sample → trigger through the server action and through
 * POST /api/trigger_report → poll GET /api/get_report → the CSV equals the one-shot CLI's.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

import { setDb } from '../../db/client';
import { importCsv } from '../../lib/import/importer';
import { loadSample, sampleDir } from '../../lib/import/sample';
import { inProcessJobs } from '../../lib/reports/dispatch';
import { triggerReport } from '../../app/actions';
import { POST as triggerRoute } from '../../app/api/trigger_report/route';
import { GET as getReportRoute } from '../../app/api/get_report/route';
import { freshDb, type TestDb } from '../helpers/db';

const root = path.resolve(__dirname, '../..');
let t: TestDb;
let cliCsv: Promise<string>;

beforeAll(async () => {
  // The reference: the one-shot CLI on the same files, in its own process and database.
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flow-')), 'cli.csv');
  cliCsv = promisify(execFile)(process.execPath, ['scripts/uptime-cli.cjs', 'report', '--data', sampleDir(), '--out', out], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '' },
  }).then(() => fs.readFileSync(out, 'utf8'));
  cliCsv.catch(() => {});
  t = await freshDb();
  setDb(t.db);
  const results = await loadSample(t.db);
  expect(results.map((r) => [r.source, r.rejected, r.error])).toEqual([
    ['zones', 0, undefined],
    ['hours', 0, undefined],
    ['polls', 0, undefined],
  ]);
}, 180_000);

afterAll(async () => {
  await inProcessJobs();
  await t?.drop();
});

async function csvOf(reportId: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const res = await getReportRoute(new Request(`http://test/api/get_report?report_id=${reportId}`));
    expect(res.status).toBe(200);
    if (res.headers.get('X-Report-Status') === 'Complete') {
      expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/);
      expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="report-${reportId}.csv"`);
      return res.text();
    }
    const body = await res.json();
    if (body.status === 'Failed') throw new Error(`report failed: ${body.error}`);
    expect(body.status).toBe('Running');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('report did not complete');
}

describe('import → trigger → get_report', () => {
  it('the server action, the HTTP API and the one-shot CLI give the same CSV', async () => {
    const viaAction = await triggerReport({});
    expect(viaAction.ok).toBe(true);
    const res = await triggerRoute(new Request('http://test/api/trigger_report', { method: 'POST' }));
    expect(res.status).toBe(202);
    const { report_id } = (await res.json()) as { report_id: string };
    const a = await csvOf(viaAction.ok ? viaAction.value.reportId : '');
    const b = await csvOf(report_id);
    expect(a.split('\n').length).toBeGreaterThan(8000);
    expect(b).toBe(a);
    expect(a).toBe(await cliCsv);
    expect(await csvOf(report_id)).toBe(b); // served again (from the in-memory cache): same bytes
  }, 240_000);

  it('an explicit as-of gives a different, earlier report', async () => {
    const res = await triggerRoute(
      new Request('http://test/api/trigger_report', { method: 'POST', body: JSON.stringify({ as_of: '2023-01-20T00:00:00Z' }) }),
    );
    expect(res.status).toBe(202);
    const csv = await csvOf(((await res.json()) as { report_id: string }).report_id);
    expect(csv).not.toBe(await cliCsv);
    expect(csv.startsWith('store_id,uptime_last_hour,')).toBe(true);
  }, 120_000);

  it('importing the same polls file twice adds no rows', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM polls');
    const again = await importCsv(t.db, fs.createReadStream(path.join(sampleDir(), 'store_status.csv')), 'store_status.csv');
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM polls');
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(again.read);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('the first load (into an empty polls table, primary key built afterwards) leaves the primary key in place', async () => {
    const pk = await t.db.query<{ cols: string }>(
      `SELECT pg_get_constraintdef(oid) AS cols FROM pg_constraint WHERE conrelid = 'polls'::regclass AND contype = 'p'`,
    );
    expect(pk).toEqual([{ cols: 'PRIMARY KEY (store_id, ts)' }]);
  });
});

describe('HTTP API answers (SPEC §4)', () => {
  const get = (q: string) => getReportRoute(new Request(`http://test/api/get_report${q}`));
  const post = (body?: string) => triggerRoute(new Request('http://test/api/trigger_report', { method: 'POST', body }));

  it('400 for a missing or malformed id, 404 for an unknown one, always JSON', async () => {
    for (const [q, status] of [['', 400], ['?report_id=', 400], ["?report_id='; drop table polls; --", 400], ['?report_id=00000000-0000-4000-8000-000000000000', 404]] as const) {
      const res = await get(q);
      expect(res.status).toBe(status);
      expect((await res.json()).error).toEqual(expect.any(String));
    }
  });

  it('400 for bad bodies with a clear message', async () => {
    for (const body of ['not json', '[1]', '{"as_of": "yesterday"}', '{"as_of": "2023-01-22T12:00:00"}', '{"asof": "x"}', '{"as_of": 12345}',
      '{"as_of": "2099-01-01T00:00:00Z"}', '{"as_of": "1990-01-01T00:00:00Z"}']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/as_of|JSON|unknown field/);
    }
  });

  it('a failed report answers {"status":"Failed","error":…}', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    await t.db.query(`INSERT INTO reports (id, status, error) VALUES ($1, 'failed', 'boom')`, [id]);
    const res = await get(`?report_id=${id}`);
    expect(await res.json()).toEqual({ status: 'Failed', error: 'boom' });
  });
});
