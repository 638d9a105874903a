/**
 * Snapshot semantics: an import that lands while a report is being computed never yields a
 * mix. The report notices (the data version changed under one of its shards), is planned
 * again, and is computed entirely after the import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../lib/import/importer';
import { computeShard, finalizeReport, planReport } from '../../lib/reports/job';
import { reportCsvText } from '../../lib/reports/read';
import { createReport, runReportInProcess } from '../../lib/reports/runner';
import { freshDb, type TestDb } from '../helpers/db';

let t: TestDb;
const polls = (rows: string[]) => ['store_id,status,timestamp_utc', ...rows].join('\n');
const storeRows = (status: string, prefix = 's', at = '12:00:00') =>
  Array.from({ length: 6 }, (_, i) => `${prefix}${i},${status},2023-01-22 ${at} UTC`);

beforeAll(async () => {
  t = await freshDb();
  await importCsv(t.db, polls(storeRows('active')), 'first.csv');
});
afterAll(() => t?.drop());

async function fullReport(asOf: number): Promise<string> {
  const id = await createReport(t.db, asOf, 'cli');
  await runReportInProcess(t.db, id);
  return reportCsvText(t.db, id);
}

describe('an import during a report', () => {
  const asOf = Date.parse('2023-01-22T12:30:00Z') * 1000;

  it('resets the report, which is then computed entirely after the import', async () => {
    const before = await fullReport(asOf);
    const id = await createReport(t.db, asOf, 'cli');
    const plan = await planReport(t.db, id, 2);
    expect(plan.shardCount).toBe(3);
    await computeShard(t.db, id, 0); // read before the import
    // Hours for s0..s5 that close them all day long: would change every row.
    const hours = ['store_id,day,start_time_local,end_time_local', ...Array.from({ length: 6 }, (_, i) => `s${i},0,01:00,02:00`)].join('\n');
    const imported = await importCsv(t.db, hours, 'hours.csv');
    expect(imported.inserted).toBe(6);
    await computeShard(t.db, id, 1); // read after it
    await computeShard(t.db, id, 2);
    const first = await finalizeReport(t.db, id);
    expect(first.restarted).toBe(true);

    const again = await planReport(t.db, id, 2);
    expect(again.attempt).toBe(1);
    for (let s = 0; s < again.shardCount; s++) await computeShard(t.db, id, s);
    expect((await finalizeReport(t.db, id)).restarted).toBe(false);

    const after = await reportCsvText(t.db, id);
    expect(after).toBe(await fullReport(asOf));
    expect(after).not.toBe(before);
  });

  it('a report racing with imports ends complete and equal to a report before or after them', async () => {
    await importCsv(t.db, polls(storeRows('active', 'r')), 'open-all-day.csv'); // stores without hours: 24×7
    const before = await fullReport(asOf);
    const id = await createReport(t.db, asOf, 'cli');
    const run = runReportInProcess(t.db, id);
    await importCsv(t.db, polls(storeRows('inactive', 'r', '12:10:00')), 'second.csv');
    await run;
    const after = await fullReport(asOf);
    expect(after).not.toBe(before);
    expect([before, after]).toContain(await reportCsvText(t.db, id));
  });
});
