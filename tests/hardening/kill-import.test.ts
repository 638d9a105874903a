/**
 * Failures in the middle of an import: a process killed (SIGKILL) while it imports a large file,
 * an input stream that breaks, a dropped database connection. Afterwards hours and zones are as
 * they were, and the polls of the interrupted file are all there or none; re-running the same
 * import completes it (imports are idempotent).
 *
 * Runs against a new PostgreSQL database when DATABASE_URL is set, else against a PGlite folder
 * (a child process cannot share an in-memory database).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client';
import { importCsv } from '../../lib/import/importer';
import { freshDb, usingPostgres, type TestDb } from '../helpers/db';

const ROOT = path.join(__dirname, '..', '..');
/** `node --import tsx …`: the process we kill is the one importing (the tsx CLI would be a wrapper). */
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const CHILD = path.join(__dirname, 'helpers', 'import-child.ts');

let tmp: string;
let pgTest: TestDb | undefined;
/** Where the child and the checks connect: a PostgreSQL URL or a PGlite folder. */
let target: string;

const POLL_ROWS = 100_000;
const HOURS_ROWS = 80_000;

function writePolls(file: string, rows: number, prefix: string) {
  const start = Date.UTC(2023, 0, 16);
  const lines = ['store_id,status,timestamp_utc'];
  for (let i = 0; i < rows; i++) {
    const ts = new Date(start + Math.floor(i / 1000) * 3_600_000 + (i % 7) * 1000).toISOString();
    lines.push(`${prefix}-${i % 1000},${i % 5 === 0 ? 'inactive' : 'active'},${ts}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

function writeHours(file: string, rows: number) {
  const lines = ['store_id,dayOfWeek,start_time_local,end_time_local'];
  for (let i = 0; i < rows; i++) lines.push(`kill-h-${i},${i % 7},09:00:00,17:00:00`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ target });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

interface Snapshot {
  polls: number;
  stores: number;
  hours: number;
  hoursDigest: string;
  zones: number;
  imports: number;
}

async function snapshot(db: Db): Promise<Snapshot> {
  const [r] = await db.query<Snapshot>(`SELECT
      (SELECT count(*)::int FROM polls) AS polls,
      (SELECT count(*)::int FROM stores) AS stores,
      (SELECT count(*)::int FROM business_hours) AS hours,
      (SELECT coalesce(md5(string_agg(store_id || day_of_week || start_time::text || end_time::text, ',' ORDER BY store_id, day_of_week, start_time)), '') FROM business_hours) AS "hoursDigest",
      (SELECT count(*)::int FROM store_time_zones) AS zones,
      (SELECT count(*)::int FROM imports) AS imports`);
  return r!;
}

/** Runs the child importer and SIGKILLs it once it has read `killAfterBytes` of the file. */
function importThenKill(file: string, killAfterBytes: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), CHILD, target, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /progress (\d+)\n(?![\s\S]*progress)/.exec(output);
      if (!killed && m && Number(m[1]) >= killAfterBytes) {
        killed = child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: killed && signal === 'SIGKILL', output }));
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uptime-kill-'));
  if (usingPostgres()) {
    pgTest = await freshDb();
    await pgTest.db.close().catch(() => {});
    target = pgTest.url!;
  } else {
    target = path.join(tmp, 'pglite');
  }
  writePolls(path.join(tmp, 'polls.csv'), POLL_ROWS, 'kill');
  writeHours(path.join(tmp, 'hours.csv'), HOURS_ROWS);
  // The state before: some polls, hours and zones.
  await withDb(async (db) => {
    await importCsv(db, 'store_id,status,timestamp_utc\nbefore-1,active,2023-01-20 10:00:00 UTC\nbefore-2,inactive,2023-01-20 10:00:00 UTC\n', 'before.csv');
    await importCsv(db, 'store_id,dayOfWeek,start_time_local,end_time_local\nbefore-1,0,09:00,17:00\nbefore-2,1,10:00,22:00\n', 'hours-before.csv');
    await importCsv(db, 'store_id,timezone_str\nbefore-1,America/Denver\n', 'zones-before.csv');
  });
}, 120_000);

afterAll(async () => {
  if (pgTest) {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${new URL(target).pathname.slice(1)} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a process killed in the middle of an import', () => {
  it('polls: none of the file is stored; re-running the import completes it exactly once', async () => {
    const before = await withDb(snapshot);
    const run = await importThenKill(path.join(tmp, 'polls.csv'), 1536 * 1024);
    expect(run.killed, run.output).toBe(true);
    expect(run.output).not.toMatch(/^done/m);
    await withDb(async (db) => {
      expect(await snapshot(db)).toEqual(before);
      // Resumable: the same import again, to the end — then once more, which adds nothing.
      const again = await importCsv(db, fs.createReadStream(path.join(tmp, 'polls.csv')), 'polls.csv');
      expect(again.error).toBeUndefined();
      expect(again.inserted).toBe(POLL_ROWS);
      const twice = await importCsv(db, fs.createReadStream(path.join(tmp, 'polls.csv')), 'polls.csv');
      expect({ inserted: twice.inserted, duplicates: twice.duplicates }).toEqual({ inserted: 0, duplicates: POLL_ROWS });
      const after = await snapshot(db);
      expect(after.polls).toBe(before.polls + POLL_ROWS);
      expect(after.hoursDigest).toBe(before.hoursDigest);
    });
  });

  it('business hours: the stored hours are unchanged (the replace is one transaction)', async () => {
    const before = await withDb(snapshot);
    // Past the first COPY batch, so the old hours were already deleted inside the transaction.
    const run = await importThenKill(path.join(tmp, 'hours.csv'), 2 * 1024 * 1024);
    expect(run.killed, run.output).toBe(true);
    await withDb(async (db) => expect(await snapshot(db)).toEqual(before));
  });

  it.runIf(usingPostgres())('the real CLI (`uptime import`) killed during its COPY leaves the polls as they were', async () => {
    const before = await withDb(snapshot);
    const file = path.join(tmp, 'polls-cli.csv');
    writePolls(file, POLL_ROWS, 'cli');
    const dbName = new URL(target).pathname.slice(1);
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), path.join(ROOT, 'scripts', 'uptime.ts'), 'import', file], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: target },
        stdio: 'ignore',
      });
      const exited = new Promise<string | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
      let sawCopy = false;
      for (let i = 0; i < 1500 && child.exitCode === null; i++) {
        const [row] = await admin.unsafe(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query ILIKE 'copy%'`,
          [dbName],
        );
        if (row!.n > 0) {
          sawCopy = true;
          child.kill('SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(sawCopy).toBe(true);
      expect(await exited).toBe('SIGKILL');
    } finally {
      await admin.end();
    }
    await withDb(async (db) => expect(await snapshot(db)).toEqual(before));
  });
});

describe('an import that fails in the middle in the same process', () => {
  it('a broken input stream: the import throws, nothing of the file is stored', async () => {
    await withDb(async (db) => {
      const before = await snapshot(db);
      const body = fs.readFileSync(path.join(tmp, 'polls.csv'));
      async function* breaking() {
        for (let i = 0; i < body.length / 2; i += 65536) yield body.subarray(i, i + 65536);
        throw Object.assign(new Error('the upload was interrupted'), { code: 'ECONNRESET' });
      }
      await expect(importCsv(db, Readable.from(breaking()), 'broken.csv')).rejects.toThrow('the upload was interrupted');
      expect(await snapshot(db)).toEqual(before);
      const hours = fs.readFileSync(path.join(tmp, 'hours.csv'));
      async function* breakingHours() {
        for (let i = 0; i < hours.length * 0.8; i += 65536) yield hours.subarray(i, i + 65536);
        throw new Error('disk read error');
      }
      await expect(importCsv(db, Readable.from(breakingHours()), 'hours.csv')).rejects.toThrow('disk read error');
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it.runIf(usingPostgres())('a dropped database connection: the import fails, nothing is stored, the next import works', async () => {
    await withDb(async (db) => {
      const before = await snapshot(db);
      const dbName = new URL(target).pathname.slice(1);
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const body = fs.readFileSync(path.join(tmp, 'polls.csv'));
      async function* dropping() {
        for (let i = 0; i < body.length; i += 65536) {
          if (i === 65536 * 40)
            await admin.unsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
          yield body.subarray(i, i + 65536);
        }
      }
      try {
        await expect(importCsv(db, Readable.from(dropping()), 'dropped.csv')).rejects.toThrow();
      } finally {
        await admin.end();
      }
      expect(await snapshot(db)).toEqual(before);
      const ok = await importCsv(db, 'store_id,status,timestamp_utc\nafter-drop,active,2023-01-20 10:00:00 UTC\n', 'after.csv');
      expect(ok.inserted).toBe(1);
    });
  });
});
