/**
 * Security basics: injection strings as store ids (uploaded) and as report ids (URL) leave the
 * data as it was; the CSV export escapes formula-like ids and has a safe file name; ADMIN_TOKEN
 * protects the mutating endpoints; API errors are JSON without stack traces or SQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDb, type Db } from '../../db/client';
import { importCsv } from '../../lib/import/importer';
import { createReport, inProcessJobs, runReportInProcess } from '../../lib/reports/dispatch';
import { GET as getReportRoute } from '../../app/api/get_report/route';
import { POST as triggerRoute, GET as triggerGet } from '../../app/api/trigger_report/route';
import { POST as uploadRoute } from '../../app/api/upload/route';
import { freshDb, type TestDb } from '../helpers/db';

const INJECTIONS = [`'; drop table polls; --`, `x'); DELETE FROM stores; --`, `1 OR 1=1`, `"; TRUNCATE reports; --`, `$1`, `\\'; SELECT pg_sleep(5); --`];

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await freshDb();
  db = t.db;
  setDb(db);
  await importCsv(
    db,
    'store_id,status,timestamp_utc\nplain,active,2023-01-22 12:00:00 UTC\n"=HYPERLINK(""http://evil"",""x"")",active,2023-01-22 12:00:00 UTC\n+1,inactive,2023-01-22 12:00:00 UTC\n-2,active,2023-01-22 12:00:00 UTC\n@cmd,active,2023-01-22 12:00:00 UTC\n"\tTAB",active,2023-01-22 12:00:00 UTC\n"a,b",active,2023-01-22 12:00:00 UTC\n',
    'formula.csv',
  );
});
afterAll(async () => t?.drop());
afterEach(() => {
  delete process.env.ADMIN_TOKEN;
});

const counts = async () =>
  (await db.query<{ polls: number; stores: number; reports: number }>(
    `SELECT (SELECT count(*)::int FROM polls) AS polls, (SELECT count(*)::int FROM stores) AS stores, (SELECT count(*)::int FROM reports) AS reports`,
  ))[0]!;

function csvQuoted(id: string): string {
  return `"${id.replace(/"/g, '""')}"`;
}

describe('injection strings', () => {
  it('as uploaded store ids: stored verbatim as data, tables intact', async () => {
    const csv = 'store_id,status,timestamp_utc\n' + INJECTIONS.map((id) => `${csvQuoted(id)},active,2023-01-22 13:00:00 UTC`).join('\n');
    const res = await uploadRoute(new Request('http://localhost/api/upload?name=evil.csv', { method: 'POST', body: csv }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inserted: number; rejected: number };
    expect({ inserted: body.inserted, rejected: body.rejected }).toEqual({ inserted: INJECTIONS.length, rejected: 0 });
    const stored = (await db.query<{ store_id: string }>('SELECT store_id FROM stores ORDER BY store_id')).map((r) => r.store_id);
    for (const id of INJECTIONS) expect(stored).toContain(id);
    expect((await counts()).polls).toBe(7 + INJECTIONS.length);
  });

  it('as a report_id: 400 JSON, nothing touched', async () => {
    const before = await counts();
    for (const id of [...INJECTIONS, `00000000-0000-0000-0000-000000000000' OR '1'='1`]) {
      const res = await getReportRoute(new Request(`http://localhost/api/get_report?report_id=${encodeURIComponent(id)}`));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: 'report_id must be a report id (a UUID) as returned by trigger_report' });
    }
    const missing = await getReportRoute(new Request('http://localhost/api/get_report'));
    expect(missing.status).toBe(400);
    const unknown = await getReportRoute(new Request('http://localhost/api/get_report?report_id=6f1c8a52-0d7b-4c59-9d7e-3f1f4c0b9a11'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no report with id 6f1c8a52-0d7b-4c59-9d7e-3f1f4c0b9a11' });
    expect(await counts()).toEqual(before);
  });

  it('as an as_of or extra field of trigger_report: 400 JSON, no report created', async () => {
    const before = await counts();
    for (const body of [{ as_of: INJECTIONS[0] }, { as_of: '2023-01-22T12:00:00Z', sort: 'x; drop table polls' }, ['x'], 'not json {']) {
      const res = await triggerRoute(new Request('http://localhost/api/trigger_report', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }));
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string };
      expect(Object.keys(json)).toEqual(['error']);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('the CSV export', () => {
  it('escapes formula-like ids with a leading quote, quotes per RFC 4180, and has a safe file name', async () => {
    const id = await createReport(db, null, 'in-process');
    await runReportInProcess(db, id);
    const res = await getReportRoute(new Request(`http://localhost/api/get_report?report_id=${id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="report-${id}.csv"`);
    expect(res.headers.get('x-report-status')).toBe('Complete');
    const lines = (await res.text()).split('\n');
    const ids = lines.slice(1, -1).map((l) => (l.startsWith('"') ? l.slice(0, l.lastIndexOf('"') + 1) : l.split(',')[0]));
    expect(ids).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(ids).toContain(`'+1`);
    expect(ids).toContain(`'-2`);
    expect(ids).toContain(`'@cmd`);
    expect(ids).toContain(`'\tTAB`);
    expect(ids).toContain(`"a,b"`);
    expect(ids).toContain(`'; drop table polls; --`); // starts with a quote, not a formula character: as is
    expect(ids).toContain('plain');
    for (const l of lines.slice(1, -1)) expect(l).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('ADMIN_TOKEN', () => {
  const post = (headers: Record<string, string> = {}) =>
    triggerRoute(new Request('http://localhost/api/trigger_report', { method: 'POST', headers, body: '' }));

  it('off by default: trigger is open', async () => {
    expect((await post()).status).toBe(202);
    await inProcessJobs();
  });

  it('when set: trigger without or with a wrong token → 401 JSON; with it (Bearer or x-admin-token) → 202', async () => {
    process.env.ADMIN_TOKEN = 's3cret-token';
    const before = await counts();
    for (const headers of <Array<Record<string, string>>>[{}, { authorization: 'Bearer wrong' }, { authorization: 'Bearer s3cret-tokenX' }, { 'x-admin-token': 's3cret' }, { authorization: 's3cret-token' }]) {
      const res = await post(headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'this endpoint needs the admin token: send "Authorization: Bearer <ADMIN_TOKEN>" (or sign in on /login)' });
    }
    expect((await counts()).reports).toBe(before.reports);
    expect((await post({ authorization: 'Bearer s3cret-token' })).status).toBe(202);
    expect((await post({ 'x-admin-token': 's3cret-token' })).status).toBe(202);
    await inProcessJobs();
    // Reading stays open.
    const res = await getReportRoute(new Request('http://localhost/api/get_report?report_id=6f1c8a52-0d7b-4c59-9d7e-3f1f4c0b9a11'));
    expect(res.status).toBe(404);
  });

  it('when set: the upload endpoint needs it too', async () => {
    process.env.ADMIN_TOKEN = 's3cret-token';
    const csv = 'store_id,status,timestamp_utc\nadmin-test,active,2023-01-22 14:00:00 UTC\n';
    const denied = await uploadRoute(new Request('http://localhost/api/upload?name=a.csv', { method: 'POST', body: csv }));
    expect(denied.status).toBe(401);
    expect((await db.query(`SELECT 1 FROM polls WHERE store_id = 'admin-test'`)).length).toBe(0);
    const ok = await uploadRoute(new Request('http://localhost/api/upload?name=a.csv', { method: 'POST', body: csv, headers: { authorization: 'Bearer s3cret-token' } }));
    expect(ok.status).toBe(200);
  });
});

describe('errors', () => {
  it('a failing database gives JSON with no stack trace or SQL', async () => {
    const broken = {
      ...db,
      kind: db.kind,
      query: async () => {
        const e = new Error('relation "reports" does not exist');
        e.stack = 'Error: relation "reports" does not exist\n    at PostgresSql.query (db/client.ts:160:1)\n    SELECT * FROM reports';
        throw e;
      },
    } as unknown as Db;
    setDb(broken);
    try {
      const res = await getReportRoute(new Request('http://localhost/api/get_report?report_id=6f1c8a52-0d7b-4c59-9d7e-3f1f4c0b9a11'));
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: 'internal error; see the server log' });
      expect(text).not.toMatch(/SELECT|relation|\bat\b/);
    } finally {
      setDb(db);
    }
    const wrongMethod = await triggerGet();
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ error: 'use POST to trigger a report' });
  });

  it('a non-CSV upload is refused with a JSON explanation (422), nothing imported', async () => {
    const before = await counts();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000', 'hex');
    const res = await uploadRoute(new Request('http://localhost/api/upload?name=../../etc/passwd', { method: 'POST', body: png }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; file: string };
    expect(body.error).toBe('this is a PNG image, not a CSV text file. Nothing was imported.');
    expect(await counts()).toEqual(before);
  });

  it('curl --data-binary without a Content-Type (x-www-form-urlencoded) is taken as the raw CSV; a multipart form is 415', async () => {
    const csv = 'store_id,status,timestamp_utc\ncurl-default,active,2023-01-25 12:00:00 UTC\n';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await uploadRoute(new Request('http://localhost/api/upload?name=s.csv', { method: 'POST', body: csv, headers: form }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
    const realForm = await uploadRoute(new Request('http://localhost/api/upload?name=f.csv', { method: 'POST', body: 'a=1&b=2', headers: form }));
    expect(realForm.status).toBe(422);
    expect((await realForm.json()).error).toMatch(/^unrecognised header/);
    const multipart = await uploadRoute(
      new Request('http://localhost/api/upload?name=m.csv', { method: 'POST', body: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
    );
    expect(multipart.status).toBe(415);
    expect((await multipart.json()).error).toContain(`-H 'Content-Type: text/csv'`);
  });
});
