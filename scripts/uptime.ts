/**
 * The command line: `npm run uptime -- <command>`. See `help` below and the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '../db/client';
import { migrate } from '../db/migrate';
import { importPaths, formatImportResult } from '../lib/import/files';
import { EMPTY_FILE } from '../lib/import/importer';
import { parseAsOf } from '../lib/report';
import { asOfProblem } from '../lib/reports/requests';
import { createReport, runReportInProcess } from '../lib/reports/runner';
import { getReport, reportCsvText } from '../lib/reports/read';

const HELP = `Store uptime — command line

Usage: npm run uptime -- <command> [options]

Commands:
  import <dir | file…>          Import CSV files into the configured database (a folder: every
                                *.csv in it). Each file's source is recognised by its header.
  report [--as-of ISO] [--out FILE]
                                Compute a report from the configured database and write the CSV
                                (stdout without --out).
  report --data DIR [--as-of ISO] [--out FILE]
                                One-shot: import DIR's store_status.csv, menu_hours.csv and
                                timezones.csv (each may be missing) into a fresh in-memory
                                database, compute, write the CSV.
  migrate                       Apply database migrations (the app also does this on start).
  generate --out DIR [--stores N] [--days D] [--seed S] [--end ISO] [--history-weeks W]
                                Write a real-scale data set (the three CSVs): the real 2023 store
                                ids, hours and zones with synthetic polls (see docs/scaling.md).
  help                          This text.

The configured database is DATABASE_URL (PostgreSQL) when set, else the embedded PGlite
database in .data/pglite (PGLITE_DATA_DIR to change). Only one process may open it at a time.
`;

class UsageError extends Error {}

function asOfOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = parseAsOf(value);
  if (!parsed.ok) throw new UsageError(`--as-of: ${parsed.reason}`);
  return parsed.value;
}

async function computeToCsv(db: Db, asOf: number | null): Promise<string> {
  // The CLI computes any as-of (the engine is defined for every instant), but says when the
  // result is bound to be empty or all zeros — usually a typo in --as-of.
  const problem = await asOfProblem(db, asOf);
  if (problem) console.error(`warning: --as-of: ${problem.replace(/^as_of /, '')}`);
  const id = await createReport(db, asOf, 'cli');
  await runReportInProcess(db, id);
  const report = await getReport(db, id);
  if (report?.status !== 'complete') throw new Error(`report failed: ${report?.error ?? 'unknown error'}`);
  return reportCsvText(db, id);
}

function writeOut(csv: string, out: string | undefined) {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, csv);
  } else process.stdout.write(csv);
}

async function importCommand(args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError('import needs a folder or CSV files');
  const db = await openDb();
  try {
    const results = await importPaths(db, args);
    for (const r of results) console.log(formatImportResult(r));
    return results.some((r) => r.error) ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'as-of': { type: 'string' }, out: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  });
  const asOf = asOfOption(values['as-of']);
  if (values.data) {
    const dir = values.data;
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--data: ${dir} is not a folder`);
    const files = ['timezones.csv', 'menu_hours.csv', 'store_status.csv'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
    if (!files.some((f) => f.endsWith('store_status.csv')))
      console.error(`warning: --data: ${dir} has no store_status.csv, so the report has no stores${files.length ? '' : ' (nor menu_hours.csv or timezones.csv)'}`);
    const db = await openDb({ target: 'memory' });
    try {
      const results = await importPaths(db, files);
      for (const r of results) {
        // An empty file stands for a missing one here (each of the three may be missing).
        if (r.error === EMPTY_FILE) console.error(`warning: ${r.file} is empty; computed as if it were missing`);
        else if (r.error) throw new Error(`${r.file}: ${r.error}`);
        if (r.rejected > 0 || r.notes.length > 0) console.error(formatImportResult(r));
      }
      writeOut(await computeToCsv(db, asOf), values.out);
    } finally {
      await db.close();
    }
    return 0;
  }
  const db = await openDb();
  try {
    writeOut(await computeToCsv(db, asOf), values.out);
  } finally {
    await db.close();
  }
  return 0;
}

async function generateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' }, stores: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      end: { type: 'string' }, 'history-weeks': { type: 'string' },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError('generate needs --out DIR');
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name}: not a number: ${v}`);
    return n;
  };
  const { generateDataset } = await import('../lib/generate/generator');
  const s = await generateDataset({
    out: values.out, stores: num('stores', values.stores), days: num('days', values.days), seed: num('seed', values.seed),
    end: values.end, historyWeeks: num('history-weeks', values['history-weeks']),
  });
  console.log(
    `${s.out}: ${s.stores} stores (${s.storesWithHours} with hours, ${s.storesWithZone} with a zone), ${s.polls} polls ` +
      `(${s.inactive} inactive, ${s.duplicates} duplicates, ${s.conflicts} conflicting), ${s.hoursRows} hours rows, ` +
      `${s.firstPoll} … ${s.lastPoll}, ${s.seconds.toFixed(1)} s`,
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'import':
      return importCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'generate':
      return generateCommand(rest);
    case 'migrate': {
      const db = await openDb({ migrate: false });
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } finally {
        await db.close();
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return command === undefined ? 1 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * Exits once stdout and stderr have handed everything to the OS: on a pipe (`report | wc`)
 * writes are asynchronous, and exiting at once would cut the CSV off after the pipe's buffer.
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// `report | head`: the reader went away; that is not an error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (e: Error) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${e.message}\n\n${HELP}`);
      return exitWhenFlushed(2);
    }
    console.error(`error: ${e.message}`);
    if (process.env.DEBUG) console.error(e.stack);
    exitWhenFlushed(1);
  },
);
