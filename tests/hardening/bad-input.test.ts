/**
 * The bad-input corpus (tests/fixtures/bad/): every file gets an exact, clear outcome — accepted
 * rows, rejected rows with line numbers and reasons, or a whole-file refusal that says why.
 * Big inputs (the 10 MB line, the size limits) are generated here rather than committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { guardInput, ImportRefusal, sniff } from '../../lib/import/guard';
import { importCsv, type ImportResult } from '../../lib/import/importer';
import { freshDb, type TestDb } from '../helpers/db';

const BAD = path.join(__dirname, '..', 'fixtures', 'bad');
let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await freshDb();
  db = t.db;
});
afterAll(async () => t?.drop());
beforeEach(async () => {
  await db.query('TRUNCATE polls, stores, business_hours, store_time_zones, imports');
});

const load = (file: string) => importCsv(db, fs.createReadStream(path.join(BAD, file)), file);

async function polls(): Promise<Array<{ store_id: string; active: boolean; ts: string }>> {
  return db.query(
    `SELECT store_id, active, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS ts FROM polls ORDER BY store_id, ts`,
  );
}
const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

/** A refused file: the message, nothing read into the database, no import recorded. */
async function expectRefused(r: ImportResult, message: RegExp) {
  expect(r.error).toMatch(message);
  expect(r.inserted).toBe(0);
  expect(await count('polls')).toBe(0);
  expect(await count('imports')).toBe(0);
}

function expectCounts(r: ImportResult, c: { read: number; inserted: number; duplicates?: number; rejected: number }) {
  expect(r.error).toBeUndefined();
  expect({ read: r.read, inserted: r.inserted, duplicates: r.duplicates, rejected: r.rejected }).toEqual({ duplicates: 0, ...c });
  expect(r.rejections.length).toBe(Math.min(c.rejected, 100));
}

describe('files that are not CSV at all are refused whole', () => {
  it('empty file and blank lines only', async () => {
    await expectRefused(await load('empty.csv'), /^the file is empty \(no header line\)$/);
    await expectRefused(await load('blank-lines-only.csv'), /^the file is empty \(no header line\)$/);
  });
  it('binary, PNG, JSON, HTML, xlsx', async () => {
    await expectRefused(await load('binary.bin'), /^this looks like a binary file, not CSV text .*Nothing was imported\.$/);
    await expectRefused(await load('image.png'), /^this is a PNG image, not a CSV text file\. Nothing was imported\.$/);
    await expectRefused(await load('export.json'), /^this looks like JSON, not CSV/);
    await expectRefused(await load('error-page.html'), /^this looks like HTML or XML, not CSV/);
    await expectRefused(await load('workbook.xlsx'), /^this is a ZIP archive \(an Excel \.xlsx workbook is one/);
  });
  it('UTF-16 with and without a byte-order mark', async () => {
    await expectRefused(await load('utf16-bom.csv'), /^the file is UTF-16 text \(it starts with a UTF-16 byte-order mark\); save it as UTF-8/);
    await expectRefused(await load('utf16-no-bom.csv'), /^the file looks like UTF-16 text \(every other byte is NUL\)/);
  });
});

describe('headers', () => {
  it('header only: nothing to import, no error', async () => {
    const r = await load('header-only-polls.csv');
    expect(r.source).toBe('polls');
    expectCounts(r, { read: 0, inserted: 0, rejected: 0 });
  });
  it('an unknown header says which sources it could have been', async () => {
    const r = await load('unknown-header.csv');
    await expectRefused(r, /^unrecognised header \["id", "state", "when"\]; expected one of: store status polls \(store_id,status,timestamp_utc\); business hours/);
  });
  it('missing required columns', async () => {
    await expectRefused(await load('missing-columns.csv'), /it has store_id but is missing the other columns of every source/);
  });
  it('extra and reordered columns, any header case: matched by name', async () => {
    const r = await load('extra-reordered-columns.csv');
    expectCounts(r, { read: 3, inserted: 3, rejected: 0 });
    expect(await polls()).toEqual([
      { store_id: 's1', active: true, ts: '2023-01-22 12:00:00.000000' },
      { store_id: 's1', active: false, ts: '2023-01-22 13:00:00.000000' },
      { store_id: 's2', active: true, ts: '2023-01-22 12:00:00.000000' },
    ]);
  });
  it('wrong delimiter (; or tab) is named', async () => {
    await expectRefused(await load('semicolon.csv'), /^the file is separated by semicolons \(;\) instead of commas .*save it as comma-separated CSV/);
    await expectRefused(await load('tab.tsv'), /^the file is separated by tabs instead of commas/);
  });
  it('a data row with another delimiter is rejected with a hint, its neighbours import', async () => {
    const r = await load('mixed-delimiter-rows.csv');
    expectCounts(r, { read: 3, inserted: 2, rejected: 1 });
    expect(r.rejections).toEqual([
      { line: 3, reason: 'too few fields (1, expected at least 3); the line seems to be separated by semicolons (;) instead of commas' },
    ]);
  });
});

describe('CSV structure', () => {
  it('BOM, CRLF, blank line and quoted fields are accepted', async () => {
    const r = await load('bom-crlf-quoted.csv');
    expectCounts(r, { read: 3, inserted: 3, rejected: 0 });
    expect((await polls()).map((p) => p.store_id)).toEqual(['b"3', 'b,2', 'b1']);
  });
  it('old-Mac CR-only line ends: lines are numbered right', async () => {
    const r = await load('cr-only-line-ends.csv');
    expectCounts(r, { read: 3, inserted: 2, rejected: 1 });
    expect(r.rejections).toEqual([{ line: 3, reason: 'status must be active or inactive, got "bogus"' }]);
  });
  it('an unclosed quote refuses the file (the parser cannot know where fields end)', async () => {
    await expectRefused(await load('unbalanced-quote-eof.csv'), /^unbalanced quotes: a quoted field is never closed .*Nothing was imported\.$/);
  });
  it('a stray quote inside a field refuses the file with its line', async () => {
    await expectRefused(await load('stray-quote.csv'), /^unbalanced quotes at line 3: a " inside a field that does not start with one/);
  });
  it('a runaway quoted field in a big file is stopped at the line limit, reported at its opening line', async () => {
    const body = 'store_id,status,timestamp_utc\nq1,active,2023-01-22 12:00:00 UTC\n"q2,active,2023-01-22 12:00:00 UTC\n' +
      'q3,active,2023-01-22 13:00:00 UTC\n'.repeat(5000);
    await expectRefused(await importCsv(db, body, 'runaway.csv'), /^line 3: a quoted field opened on this line is still not closed after 65,536 bytes \(64 KiB\) \(IMPORT_MAX_LINE_BYTES\)/);
  });
});

describe('encodings and bytes', () => {
  it('NUL bytes: the rows holding them are rejected, the rest imports', async () => {
    const r = await load('nul-bytes.csv');
    expectCounts(r, { read: 4, inserted: 2, rejected: 2 });
    expect(r.rejections).toEqual([
      { line: 3, reason: 'status contains a NUL byte (binary data in a text file)' },
      { line: 4, reason: 'store_id contains a NUL byte (binary data in a text file)' },
    ]);
    expect((await polls()).map((p) => p.store_id)).toEqual(['n1', 'n4']);
  });
  it('invalid UTF-8: the rows holding it are rejected', async () => {
    const r = await load('invalid-utf8.csv');
    expectCounts(r, { read: 4, inserted: 2, rejected: 2 });
    expect(r.rejections).toEqual([
      { line: 3, reason: 'store_id is not valid UTF-8 text (the file may be Latin-1 / Windows-1252: save it as "CSV UTF-8")' },
      { line: 4, reason: 'timestamp_utc is not valid UTF-8 text (the file may be Latin-1 / Windows-1252: save it as "CSV UTF-8")' },
    ]);
  });
  it('Latin-1 is not guessed: rows with Latin-1 in a used column are rejected; an extra column is not checked', async () => {
    const r = await load('latin1.csv');
    expectCounts(r, { read: 3, inserted: 1, rejected: 2 });
    expect(r.rejections.map((j) => j.line)).toEqual([2, 4]);
    expect(r.rejections[0]!.reason).toMatch(/Latin-1/);
    expect((await polls()).map((p) => p.store_id)).toEqual(['plain-2']);
  });
  it('UTF-8 ids are taken exactly', async () => {
    expectCounts(await load('utf8-names.csv'), { read: 2, inserted: 2, rejected: 0 });
    expect((await polls()).map((p) => p.store_id)).toEqual(['café-1', 'доставка-2']);
  });
  it('a multi-byte character split across stream chunks is not damaged', async () => {
    const text = Buffer.from('store_id,status,timestamp_utc\ncafé-€-𝄞,active,2023-01-22 12:00:00 UTC\n');
    const chunks = Array.from(text, (_, i) => text.subarray(i, i + 1)); // one byte per chunk
    expectCounts(await importCsv(db, Readable.from(chunks), 'split.csv'), { read: 1, inserted: 1, rejected: 0 });
    expect((await polls())[0]!.store_id).toBe('café-€-𝄞');
  });
});

describe('limits (IMPORT_MAX_BYTES, IMPORT_MAX_LINE_BYTES)', () => {
  it('a 10 MB single line is refused, and the error states the limit', async () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'a');
    const chunks = (function* () {
      for (let i = 0; i < line.length; i += 65536) yield line.subarray(i, i + 65536);
    })();
    const r = await importCsv(db, Readable.from(chunks), 'ten-mb-line.csv');
    await expectRefused(r, /^line 1 is longer than the limit of 65,536 bytes \(64 KiB\) \(IMPORT_MAX_LINE_BYTES\)/);
  });
  it('a long line in the middle of a file is reported at its line number', async () => {
    const body = `store_id,status,timestamp_utc\nok,active,2023-01-22 12:00:00 UTC\n${'x'.repeat(70_000)},active,2023-01-22 12:00:00 UTC\n`;
    await expectRefused(await importCsv(db, body, 'long.csv'), /^line 3 is longer than the limit of 65,536 bytes/);
  });
  it('limits come from the environment, and their errors say what they are', async () => {
    const body = 'store_id,status,timestamp_utc\n' + 'size,active,2023-01-22 12:00:00 UTC\n'.repeat(1000);
    process.env.IMPORT_MAX_BYTES = '10000';
    try {
      await expectRefused(await importCsv(db, body, 'big.csv'), /^the file is larger than the import limit of 10,000 bytes \(9\.8 KiB\) \(IMPORT_MAX_BYTES\)/);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
    process.env.IMPORT_MAX_LINE_BYTES = '20';
    try {
      await expectRefused(await importCsv(db, body, 'big.csv'), /^line 1 is longer than the limit of 20 bytes \(IMPORT_MAX_LINE_BYTES\)/);
    } finally {
      delete process.env.IMPORT_MAX_LINE_BYTES;
    }
    process.env.IMPORT_MAX_BYTES = 'lots';
    try {
      await expect(importCsv(db, body, 'big.csv')).rejects.toThrow('IMPORT_MAX_BYTES=lots is not a positive whole number of bytes');
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
    expectCounts(await importCsv(db, body, 'big.csv'), { read: 1000, inserted: 1, duplicates: 999, rejected: 0 });
  });
  it('a refusal in the middle of a large polls file leaves no poll of it behind', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `big-${i % 500},active,${new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString()}\n`);
    const body = 'store_id,status,timestamp_utc\n' + rows.join('') + 'x'.repeat(70_000) + '\n';
    await expectRefused(await importCsv(db, body, 'late-refusal.csv'), /^line 120002 is longer than the limit/);
    expect(await count('stores')).toBe(0);
  });
});

describe('field values', () => {
  it('spreadsheet-mangled ids are imported as written but flagged with a warning; long numeric ids are kept exactly', async () => {
    const r = await load('mangled-ids.csv');
    expectCounts(r, { read: 5, inserted: 5, rejected: 0 });
    expect(r.notes).toEqual([
      'warning: 4 store ids look mangled by a spreadsheet (scientific notation such as 8.41954E+18 loses digits); imported as written — re-export the file with the ids as text (first at line 3)',
    ]);
    expect((await polls()).map((p) => p.store_id)).toEqual(['1E+5', '8,41954E+18', '8.41954E+18', '8.41954e+18', '8419537941919820732']);
  });
  it('timestamps: 7+ fraction digits, no zone, impossible dates, far past and future', async () => {
    const r = await load('timestamps.csv');
    expectCounts(r, { read: 14, inserted: 5, rejected: 9 });
    const reasons = Object.fromEntries(r.rejections.map((j) => [j.line, j.reason]));
    expect(reasons).toEqual({
      3: 'timestamp has 7 fraction digits (at most 6): "2023-01-22 12:09:39.3888841 UTC"',
      4: 'timestamp has no time zone (add UTC, Z or an offset): "2023-01-22 12:09:39"',
      5: 'timestamp has no time zone (add UTC, Z or an offset): "2023-01-22T12:09:39"',
      6: 'impossible date: "2023-02-30 12:00:00 UTC"',
      7: 'impossible time of day: "2023-01-22 24:00:00 UTC"',
      9: 'timestamp year 1899 is outside 1970–2199: "1899-12-31 00:00:00 UTC"',
      11: 'timestamp year 9999 is outside 1970–2199: "9999-12-31 23:59:59 UTC"',
      12: 'not a timestamp: "22/01/2023 12:00" (expected e.g. 2023-01-22 12:09:39.388884 UTC or ISO 8601 with Z or an offset)',
      13: 'empty timestamp',
    });
    // A poll of 1970 (an unset clock) and one of 2150 (a typo?) parse, so they are imported — and flagged.
    expect((await polls()).map((p) => p.ts)).toEqual([
      '1970-01-01 00:00:00.000000', '2023-01-22 07:30:00.000000', '2023-01-22 12:09:39.388884', '2023-01-22 14:00:00.500000', '2150-01-01 00:00:00.000000',
    ]);
    expect(r.notes).toEqual([
      'warning: a poll is dated before 2000-01-01 (an unset clock?); imported (first at line 8)',
      expect.stringMatching(
        /^warning: a poll is dated after \d{4}-\d\d-\d\d \(more than IMPORT_MAX_FUTURE_HOURS after this import\); imported — the default as-of of a report is the latest poll, so check for a typo in the year \(first at line 10\)$/,
      ),
    ]);
  });
  it('statuses other than active/inactive (any case, trimmed) are rejected; short rows and empty ids too', async () => {
    const r = await load('statuses.csv');
    expectCounts(r, { read: 8, inserted: 3, rejected: 5 });
    expect(r.rejections).toEqual([
      { line: 5, reason: 'status must be active or inactive, got "online"' },
      { line: 6, reason: 'status must be active or inactive, got ""' },
      { line: 7, reason: 'status must be active or inactive, got "1"' },
      { line: 8, reason: 'too few fields (2, expected at least 3)' },
      { line: 9, reason: 'empty store_id' },
    ]);
    expect((await polls()).map((p) => p.active)).toEqual([true, true, false]);
  });
  it('the same store and instant with conflicting statuses: stored once, inactive wins', async () => {
    const r = await load('conflicting-duplicates.csv');
    expectCounts(r, { read: 5, inserted: 2, duplicates: 3, rejected: 0 });
    expect(await polls()).toEqual([
      { store_id: 'd1', active: false, ts: '2023-01-22 12:00:00.000000' },
      { store_id: 'd2', active: true, ts: '2023-01-22 12:00:00.000000' },
    ]);
    // Again, in the other order and a second time: still one row each, inactive still wins.
    const again = await importCsv(db, 'store_id,status,timestamp_utc\nd2,inactive,2023-01-22T12:00:00Z\nd1,active,2023-01-22T12:00:00Z\n', 'again.csv');
    expectCounts(again, { read: 2, inserted: 0, duplicates: 2, rejected: 0 });
    expect((await polls()).map((p) => p.active)).toEqual([false, false]);
  });
  it('formula-like and injection-like ids are stored exactly as written', async () => {
    expectCounts(await load('formula-ids.csv'), { read: 4, inserted: 4, rejected: 0 });
    expectCounts(await load('injection-ids.csv'), { read: 3, inserted: 3, rejected: 0 });
    expect((await polls()).map((p) => p.store_id)).toEqual([
      `'; drop table polls; --`, '+1', '-2', '=HYPERLINK("http://x","y")', '@cmd', `Robert'); DROP TABLE business_hours;--`, `x"); DELETE FROM stores; --`,
    ]);
  });
});

describe('business hours and time zones', () => {
  it('days outside 0–6 and times like 25:00, 12:60, 9am, 24:00 are rejected with their line', async () => {
    const r = await load('hours-bad-values.csv');
    expectCounts(r, { read: 11, inserted: 3, rejected: 8 });
    expect(r.rejections).toEqual([
      { line: 3, reason: 'dayOfWeek must be 0 (Monday) … 6 (Sunday), got "7"' },
      { line: 4, reason: 'dayOfWeek must be 0 (Monday) … 6 (Sunday), got "-1"' },
      { line: 5, reason: 'dayOfWeek must be 0 (Monday) … 6 (Sunday), got "Mon"' },
      { line: 6, reason: 'start_time_local: hour out of range 0–23: "25:00"' },
      { line: 7, reason: 'start_time_local: minute out of range 0–59: "12:60"' },
      { line: 8, reason: 'start_time_local: not a time of day: "9am" (expected HH:MM[:SS[.ffffff]])' },
      { line: 9, reason: 'end_time_local: hour out of range 0–23: "24:00"' },
      { line: 10, reason: 'start_time_local: time has 7 fraction digits (at most 6): "09:00:00.1234567"' },
    ]);
  });
  it('an hours file whose every row is rejected, or that is empty, is refused when it would wipe stored hours', async () => {
    expectCounts(await load('hours-bad-values.csv'), { read: 11, inserted: 3, rejected: 8 });
    const before = await db.query('SELECT store_id, day_of_week, start_time::text, end_time::text FROM business_hours ORDER BY id');
    const all = await load('hours-all-rejected.csv');
    expect(all.error).toBe(
      "the business-hours file was refused: all 2 of its rows were rejected, and importing it would delete the 3 stored business-hours rows " +
        '(every store would count as open 24×7). The stored business-hours data is unchanged.',
    );
    expect(all.rejections.map((j) => j.line)).toEqual([2, 3]); // the reasons are still listed
    const empty = await load('hours-header-only.csv');
    expect(empty.error).toMatch(/^the business-hours file was refused: it has no data rows, and importing it would delete the 3 stored/);
    expect(await db.query('SELECT store_id, day_of_week, start_time::text, end_time::text FROM business_hours ORDER BY id')).toEqual(before);
  });
  it('a snapshot that replaces stored hours or zones says what it replaced, and warns when it covers far fewer stores', async () => {
    const H = 'store_id,dayOfWeek,start_time_local,end_time_local\n';
    const first = await importCsv(db, `${H}a,0,09:00,17:00\na,1,09:00,17:00\nb,0,10:00,12:00\nc,2,08:00,20:00\n`, 'h1.csv');
    expect(first.notes).toEqual([]); // nothing was stored before
    const same = await importCsv(db, `${H}a,0,09:00,18:00\nb,0,10:00,12:00\nc,2,08:00,20:00\n`, 'h2.csv');
    expect(same.notes).toEqual(["replaced the stored business hours (4 rows for 3 stores) with this file's 3 rows for 3 stores"]);
    const mostlyBad = await importCsv(db, `${H}a,0,09:00,17:00\nb,9,10:00,12:00\nc,2,8am,20:00\n`, 'h3.csv');
    expectCounts(mostlyBad, { read: 3, inserted: 1, rejected: 2 });
    expect(mostlyBad.notes).toEqual([
      "warning: replaced the stored business hours (3 rows for 3 stores) with this file's 1 row for 1 store — fewer than half the stores it had before",
    ]);
    await importCsv(db, 'store_id,timezone_str\na,America/Denver\nb,America/Denver\nc,America/Denver\n', 'z1.csv');
    const zones = await importCsv(db, 'store_id,timezone_str\na,America/Boise\n', 'z2.csv');
    expect(zones.notes).toEqual([
      "warning: replaced the stored time zones (3 rows for 3 stores) with this file's 1 row for 1 store — fewer than half the stores it had before",
    ]);
  });
  it('on an empty database an all-rejected hours file changes nothing and is accepted with its rejections', async () => {
    const r = await load('hours-all-rejected.csv');
    expectCounts(r, { read: 2, inserted: 0, rejected: 2 });
  });
  it('time zones: case-insensitive names, unknown → default with a note, empty → default, last row wins', async () => {
    const r = await load('zones.csv');
    expectCounts(r, { read: 8, inserted: 7, duplicates: 1, rejected: 0 });
    expect(r.notes).toEqual(['unknown time zone "Mars/Olympus_Mons" (2 stores): using America/Chicago']);
    expect(await db.query('SELECT store_id, time_zone, raw_name FROM store_time_zones ORDER BY store_id')).toEqual([
      { store_id: 'z1', time_zone: 'America/Denver', raw_name: 'America/Denver' },
      { store_id: 'z2', time_zone: 'America/New_York', raw_name: 'america/new_york' },
      { store_id: 'z3', time_zone: 'America/Chicago', raw_name: 'AMERICA/CHICAGO' },
      { store_id: 'z4', time_zone: null, raw_name: 'Mars/Olympus_Mons' },
      { store_id: 'z5', time_zone: null, raw_name: '' },
      { store_id: 'z6', time_zone: null, raw_name: 'Mars/Olympus_Mons' },
      { store_id: 'z7', time_zone: 'America/Boise', raw_name: 'America/Boise' },
    ]);
    // A header-only zones file over stored zones would reset them all: refused.
    const empty = await importCsv(db, 'store_id,timezone_str\n', 'tz-empty.csv');
    expect(empty.error).toMatch(/^the time-zone file was refused: it has no data rows, and importing it would delete the 7 stored time zones/);
    expect(await count('store_time_zones')).toBe(7);
  });
});

describe('the guard on its own', () => {
  it('sniffs only the start: a normal CSV passes', () => {
    expect(sniff(Buffer.from('store_id,status,timestamp_utc\n1,active,2023-01-22 12:00:00 UTC\n'))).toBeUndefined();
    expect(sniff(Buffer.from('\uFEFFstore_id,timezone_str\n'))).toBeUndefined();
  });
  it('passes the text through with line ends normalised outside quotes only', async () => {
    const text = '\uFEFFstore_id,status,timestamp_utc\r\n"a\r\nb",active,x\r\n"c",inactive,y';
    const out: string[] = [];
    for await (const c of guardInput(Readable.from([Buffer.from(text)]))) out.push(c.text);
    expect(out.join('')).toBe('store_id,status,timestamp_utc\n"a\r\nb",active,x\n"c",inactive,y');
  });
  it('fails the stream with an ImportRefusal', async () => {
    const run = async () => {
      for await (const _ of guardInput(Readable.from([Buffer.from('{"a":1}')]))) void _;
    };
    await expect(run()).rejects.toBeInstanceOf(ImportRefusal);
  });
});
