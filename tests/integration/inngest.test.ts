/**
 * The Inngest function with @inngest/test: real steps against a real database, and the
 * report's lifecycle as the steps run; a step that throws ends in a failed report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InngestTestEngine } from '@inngest/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../lib/import/importer';
import { createReport } from '../../lib/reports/dispatch';
import { getReport, reportCsvText } from '../../lib/reports/read';
import { createReportFunction } from '../../inngest/functions';
import { REPORT_REQUESTED } from '../../inngest/client';
import { freshDb, type TestDb } from '../helpers/db';

const caseDir = path.resolve(__dirname, '../cases/16-overlap-merge-split');
let t: TestDb;

beforeAll(async () => {
  t = await freshDb();
  for (const f of ['timezones.csv', 'menu_hours.csv', 'store_status.csv'])
    await importCsv(t.db, fs.createReadStream(path.join(caseDir, f)), f);
});
afterAll(() => t?.drop());

describe('compute-report Inngest function', () => {
  it('plans, computes every shard and finalizes; the CSV is the expected one', async () => {
    const id = await createReport(t.db, Date.parse('2023-01-25T06:00:00Z') * 1000, 'inngest');
    const engine = new InngestTestEngine({ function: createReportFunction(async () => t.db) });
    const { result, error } = await engine.execute({ events: [{ name: REPORT_REQUESTED, data: { reportId: id } }] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ reportId: id, shards: 1, rows: 1, attempts: 1 });
    expect((await getReport(t.db, id))?.status).toBe('complete');
    expect(await reportCsvText(t.db, id)).toBe(fs.readFileSync(path.join(caseDir, 'expected.csv'), 'utf8'));
  });

  it('running the same event again (a retry) neither duplicates rows nor changes the result', async () => {
    const id = await createReport(t.db, Date.parse('2023-01-25T06:00:00Z') * 1000, 'inngest');
    const engine = new InngestTestEngine({ function: createReportFunction(async () => t.db) });
    await engine.execute({ events: [{ name: REPORT_REQUESTED, data: { reportId: id } }] });
    await engine.execute({ events: [{ name: REPORT_REQUESTED, data: { reportId: id } }] });
    const [n] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_rows WHERE report_id = $1', [id]);
    expect(n!.n).toBe(1);
    expect((await getReport(t.db, id))?.status).toBe('complete');
  });

  it('a report that does not exist makes the run fail', async () => {
    const engine = new InngestTestEngine({ function: createReportFunction(async () => t.db) });
    const { error } = await engine.execute({ events: [{ name: REPORT_REQUESTED, data: { reportId: '22222222-2222-4222-8222-222222222222' } }] });
    expect(String((error as Error)?.message ?? error)).toMatch(/does not exist/);
  });
});
