/**
 * The benchmark (issue 4): `npm run bench` (full: the real-scale 14,092-store / ~1.84M-poll
 * week) or `npm run bench -- --quick` (a small smoke run for CI).
 *
 * For PGlite (a data folder in the OS temp dir) and the PostgreSQL server (DATABASE_URL or
 * --pg URL; a throw-away database is created and dropped) side by side, it measures:
 *  - import of the three CSVs: seconds and validated rows/s (median of --import-runs fresh databases);
 *  - a full report (trigger → complete, every row written), median of --runs, and a bare
 *    `COPY (SELECT … the week's polls) TO STDOUT` consumed by the same process (ratio report/scan);
 *  - history growth: the same report with 8 older weeks of polls in the database (ratio);
 *  - store growth: the report at 4× the stores (ratio; linear = 4);
 *  - peak RSS of the process computing the report (each report measurement runs in a child
 *    process, which opens the database, runs the report --runs times, and reports its max RSS);
 *  - the dashboard's server-side data time on the last report: the table page (sorted, and
 *    searched + filtered), a store drill-down, the whole CSV export.
 * Prints a table and writes bench/results.json (`--quick`: bench/results-quick.json). Generated data sets are cached in bench/cache/.
 *
 * No assertions: it measures and prints. * Options: --quick, --runs N, --import-runs N, --growth pglite,postgres,
 * --pg URL, --no-pglite, --no-pg, --out FILE.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDb, type Db } from '../db/client';
import { importPaths } from '../lib/import/files';
import { generateDataset, type GenerateOptions } from '../lib/generate/generator';
import { REAL_STORE_COUNT } from '../lib/generate/stores';
import { createReport, runReportInProcess } from '../lib/reports/dispatch';
import { getReport } from '../lib/reports/read';
import { formatInstant, windowStart } from '../lib/report';
import { usText } from '../lib/reports/store-inputs';
import { listReportRows } from '../lib/dashboard/report-rows';
import { getStoreDetail } from '../lib/dashboard/store-detail';
import { reportCsvText } from '../lib/reports/csv-export';
import { DEFAULT_VIEW } from '../lib/dashboard/table-params';

const ROOT = process.cwd();
const CACHE = path.join(ROOT, 'bench', 'cache');
/** Bump when the generator's output changes, so cached sets are regenerated. */
const GENERATOR_VERSION = 1;
const HISTORY_WEEKS = 8;

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------- child: one process that computes reports and measures its own RSS ----------

interface ChildResult {
  reports: number[];
  scans: number[];
  rows: number;
  polls: number;
  maxRssMB: number;
  /** RSS once the database is open, before the first report: the process's own baseline. */
  baseRssMB: number;
  /** Server-side time (ms) of what each dashboard page asks the database for, on the last report. */
  pages: PageTimings;
}

interface PageTimings {
  /** The report table page sorted by week uptime % (ascending: worst first), 50 rows. */
  tableSortedMs: number;
  /** The same with a store-id search and the "downtime in the last hour" filter. */
  tableSearchMs: number;
  /** A store drill-down (hours, zone, the week's polls through the engine, the report row). */
  drilldownMs: number;
  /** The whole SPEC CSV of the report from the database (the uncached export path). */
  csvMs: number;
}

/** Median wall time in ms of `runs` calls of `f` after one warm-up call. */
async function timeMs(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return round(median(xs), 1);
}

async function pageTimings(db: Db, reportId: string): Promise<PageTimings> {
  const runs = 7;
  const sorted = { ...DEFAULT_VIEW, sort: 'uptime_pct_week' as const, dir: 'asc' as const };
  const first = await listReportRows(db, reportId, sorted);
  const storeId = first.rows[0]?.storeId;
  if (!storeId) throw new Error('the report table page is empty');
  const detail = await getStoreDetail(db, storeId, reportId);
  if (!detail) throw new Error(`no drill-down for ${storeId}`);
  return {
    tableSortedMs: await timeMs(runs, () => listReportRows(db, reportId, sorted)),
    tableSearchMs: await timeMs(runs, () => listReportRows(db, reportId, { ...sorted, q: '84', filter: 'down_hour' })),
    drilldownMs: await timeMs(runs, () => getStoreDetail(db, storeId, reportId)),
    csvMs: await timeMs(3, () => reportCsvText(db, reportId)),
  };
}

async function scanWeek(db: Db): Promise<number> {
  const [m] = await db.query<{ us: string | null }>(`SELECT ${usText('max(ts)')} AS us FROM polls`);
  const asOf = Number(m?.us ?? 0);
  const t = performance.now();
  const text = await db.copyOut(
    `SELECT store_id, ts, active FROM polls WHERE ts > '${formatInstant(windowStart(asOf, 'week'))}'::timestamptz AND ts <= '${formatInstant(asOf)}'::timestamptz`,
  );
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const s = (performance.now() - t) / 1000;
  if (lines === 0) throw new Error('the scan found no polls');
  return s;
}

async function childMain(target: string, runs: number): Promise<void> {
  const db = await openDb({ target });
  try {
    const out: ChildResult = {
      reports: [], scans: [], rows: 0, polls: 0, maxRssMB: 0, baseRssMB: process.memoryUsage().rss / 2 ** 20,
      pages: { tableSortedMs: 0, tableSearchMs: 0, drilldownMs: 0, csvMs: 0 },
    };
    const [c] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM polls`);
    out.polls = c?.n ?? 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const id = await createReport(db, null, 'cli');
      await runReportInProcess(db, id);
      const r = await getReport(db, id);
      out.reports.push((performance.now() - t) / 1000);
      if (r?.status !== 'complete') throw new Error(`report failed: ${r?.error}`);
      out.rows = r.storesDone;
      if (i === runs - 1) out.maxRssMB = process.resourceUsage().maxRSS / 1024; // peak of the report runs
      if (i === runs - 1) out.pages = await pageTimings(db, id);
      // Keep the database as it was (reports pile up otherwise).
      await db.query(`DELETE FROM reports WHERE id = $1`, [id]);
    }
    for (let i = 0; i < runs; i++) out.scans.push(await scanWeek(db));
    process.stdout.write(`BENCH_CHILD ${JSON.stringify(out)}\n`);
  } finally {
    await db.close();
  }
}

/**
 * The child runs as plain node on an esbuild bundle of this script, as a production worker or
 * the CLI would: under tsx the process carries ~60 MB of compiler on top (RSS would be its).
 */
function childBundle(): string {
  const out = path.join(CACHE, 'bench-child.cjs');
  fs.mkdirSync(CACHE, { recursive: true });
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'esbuild'), [
    path.join(ROOT, 'scripts', 'bench.ts'), '--bundle', '--platform=node', '--format=cjs', '--packages=external',
    '--target=node20', '--log-level=warning', `--outfile=${out}`,
  ]);
  return out;
}

let bundled: string | null = null;

function runChild(target: string, runs: number): Promise<ChildResult> {
  bundled ??= childBundle();
  const script = bundled;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--child', target, '--runs', String(runs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_CHILD '));
      if (code !== 0 || !line) return reject(new Error(`report child exited ${code}: ${stdout.slice(-500)}`));
      resolve(JSON.parse(line.slice('BENCH_CHILD '.length)) as ChildResult);
    });
  });
}

// ---------- data sets ----------

async function dataset(name: string, options: Omit<GenerateOptions, 'out'>): Promise<string> {
  const dir = path.join(CACHE, name);
  const meta = JSON.stringify({ version: GENERATOR_VERSION, ...options });
  const metaFile = path.join(dir, 'generated.json');
  if (fs.existsSync(metaFile) && fs.readFileSync(metaFile, 'utf8') === meta) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  log(`generating ${name} (${JSON.stringify(options)}) …`);
  const s = await generateDataset({ ...options, out: dir });
  log(`  ${s.stores} stores, ${s.polls} polls in ${s.seconds.toFixed(1)} s`);
  fs.writeFileSync(metaFile, meta);
  return dir;
}

const FILES = ['timezones.csv', 'menu_hours.csv', 'store_status.csv'];

// ---------- engines ----------

interface Engine {
  name: 'pglite' | 'postgres';
  /** A fresh empty database; returns its target (folder or URL). */
  create(): Promise<string>;
  drop(target: string): Promise<void>;
}

function pgliteEngine(): Engine {
  return {
    name: 'pglite',
    async create() {
      return fs.mkdtempSync(path.join(os.tmpdir(), 'uptime-bench-pglite-'));
    },
    async drop(target) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.rmSync(`${target}.lock`, { force: true });
    },
  };
}

function postgresEngine(server: string): Engine {
  let n = 0;
  const admin = () => postgres(server, { max: 1, onnotice: () => {} });
  return {
    name: 'postgres',
    async create() {
      const name = `uptime_bench_${process.pid}_${n++}`;
      const a = admin();
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.unsafe(`CREATE DATABASE ${name}`);
      await a.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async drop(target) {
      const name = new URL(target).pathname.slice(1);
      const a = admin();
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

interface ImportMeasure {
  seconds: number;
  rows: number;
  rowsPerSecond: number;
}

async function importInto(target: string, dir: string): Promise<ImportMeasure> {
  const db = await openDb({ target });
  try {
    const t = performance.now();
    const results = await importPaths(db, FILES.map((f) => path.join(dir, f)));
    const seconds = (performance.now() - t) / 1000;
    for (const r of results) if (r.error) throw new Error(`${r.file}: ${r.error}`);
    const rows = results.reduce((a, r) => a + r.read, 0);
    if (target.startsWith('postgres')) await db.query('VACUUM ANALYZE');
    else await db.query('ANALYZE');
    return { seconds, rows, rowsPerSecond: rows / seconds };
  } finally {
    await db.close();
  }
}

/** Adds `weeks` older weeks of polls: copies of the stored polls shifted back by k × 7 days. */
async function addHistory(target: string, weeks: number): Promise<number> {
  const db = await openDb({ target });
  try {
    const t = performance.now();
    for (let k = weeks; k >= 1; k--) {
      await db.query(
        `INSERT INTO polls (store_id, ts, active)
         SELECT store_id, ts - interval '${7 * k} days', active FROM polls WHERE ts > (SELECT max(ts) FROM polls) - interval '7 days'
         ORDER BY store_id, ts ON CONFLICT DO NOTHING`,
      );
    }
    await db.query(`UPDATE stores SET first_poll = first_poll - interval '${7 * weeks} days'`);
    if (target.startsWith('postgres')) await db.query('VACUUM ANALYZE');
    else await db.query('ANALYZE');
    return (performance.now() - t) / 1000;
  } finally {
    await db.close();
  }
}

interface EngineResult {
  engine: string;
  import: ImportMeasure & { runs: number[] };
  report: { seconds: number; runs: number[]; rows: number; polls: number; maxRssMB: number; baseRssMB: number };
  pages: PageTimings;
  scan: { seconds: number; runs: number[] };
  reportToScan: number;
  history: { weeks: number; polls: number; seconds: number; runs: number[]; ratio: number; maxRssMB: number } | null;
  stores4x: { stores: number; polls: number; importSeconds: number; seconds: number; runs: number[]; ratio: number; maxRssMB: number } | null;
}

async function benchEngine(engine: Engine, sets: { base: string; big: string }, runs: number, importRuns: number, growth: boolean): Promise<EngineResult> {
  log(`${engine.name}: import ×${importRuns} …`);
  const imports: ImportMeasure[] = [];
  let target = '';
  for (let i = 0; i < importRuns; i++) {
    const t = await engine.create();
    imports.push(await importInto(t, sets.base));
    log(`  import ${imports[i]!.seconds.toFixed(2)} s`);
    if (i < importRuns - 1) await engine.drop(t);
    else target = t;
  }
  try {
    log(`${engine.name}: report ×${runs} …`);
    const base = await runChild(target, runs);
    log(`  report ${base.reports.map((x) => x.toFixed(2)).join(' ')} s; scan ${base.scans.map((x) => x.toFixed(2)).join(' ')} s; RSS ${base.maxRssMB.toFixed(0)} MB`);
    const rep = median(base.reports);
    const scan = median(base.scans);
    const sorted = imports.map((m) => m.seconds);
    const common = {
      engine: engine.name,
      import: { seconds: round(median(sorted)), rows: imports[0]!.rows, rowsPerSecond: Math.round(imports[0]!.rows / median(sorted)), runs: sorted.map((x) => round(x)) },
      report: { seconds: round(rep), runs: base.reports.map((x) => round(x)), rows: base.rows, polls: base.polls, maxRssMB: Math.round(base.maxRssMB), baseRssMB: Math.round(base.baseRssMB) },
      scan: { seconds: round(scan), runs: base.scans.map((x) => round(x)) },
      reportToScan: round(rep / scan, 2),
      pages: base.pages,
    };
    if (!growth) return { ...common, history: null, stores4x: null };
    log(`${engine.name}: adding ${HISTORY_WEEKS} weeks of history …`);
    const hs = await addHistory(target, HISTORY_WEEKS);
    log(`  history added in ${hs.toFixed(1)} s; report ×${runs} …`);
    const hist = await runChild(target, runs);
    log(`  report ${hist.reports.map((x) => x.toFixed(2)).join(' ')} s`);
    await engine.drop(target);
    target = '';

    log(`${engine.name}: 4× stores …`);
    const bigTarget = await engine.create();
    try {
      const bigImport = await importInto(bigTarget, sets.big);
      log(`  import ${bigImport.seconds.toFixed(2)} s; report ×${runs} …`);
      const big = await runChild(bigTarget, runs);
      log(`  report ${big.reports.map((x) => x.toFixed(2)).join(' ')} s`);
      return {
        ...common,
        history: {
          weeks: HISTORY_WEEKS, polls: hist.polls, seconds: round(median(hist.reports)), runs: hist.reports.map((x) => round(x)),
          ratio: round(median(hist.reports) / rep, 2), maxRssMB: Math.round(hist.maxRssMB),
        },
        stores4x: {
          stores: big.rows, polls: big.polls, importSeconds: round(bigImport.seconds), seconds: round(median(big.reports)),
          runs: big.reports.map((x) => round(x)), ratio: round(median(big.reports) / rep, 2), maxRssMB: Math.round(big.maxRssMB),
        },
      };
    } finally {
      await engine.drop(bigTarget);
    }
  } finally {
    if (target) await engine.drop(target);
  }
}

// ---------- output ----------

function table(results: EngineResult[], notes: string[]): string {
  const rows: [string, ...string[]][] = [
    ['', ...results.map((r) => r.engine)],
    ['import: seconds (3 files)', ...results.map((r) => `${r.import.seconds.toFixed(2)} s`)],
    ['import: validated rows/s', ...results.map((r) => `${Math.round(r.import.rowsPerSecond / 1000)}k`)],
    ['full report (trigger → complete)', ...results.map((r) => `${r.report.seconds.toFixed(2)} s`)],
    ['bare COPY scan of the week', ...results.map((r) => `${r.scan.seconds.toFixed(2)} s`)],
    ['report / scan', ...results.map((r) => `${r.reportToScan.toFixed(2)}×`)],
    [`report with ${HISTORY_WEEKS} older weeks`, ...results.map((r) => (r.history ? `${r.history.seconds.toFixed(2)} s (${r.history.ratio.toFixed(2)}×)` : 'not run'))],
    ['report at 4× stores', ...results.map((r) => (r.stores4x ? `${r.stores4x.seconds.toFixed(2)} s (${r.stores4x.ratio.toFixed(2)}×)` : 'not run'))],
    ['peak RSS, report process', ...results.map((r) => `${r.report.maxRssMB} MB`)],
    ['  of which before the first report', ...results.map((r) => `${r.report.baseRssMB} MB`)],
    ['peak RSS, 4× stores', ...results.map((r) => (r.stores4x ? `${r.stores4x.maxRssMB} MB` : 'not run'))],
    ['table page, sorted by week % (50 rows)', ...results.map((r) => `${r.pages.tableSortedMs} ms`)],
    ['table page, search + filter', ...results.map((r) => `${r.pages.tableSearchMs} ms`)],
    ['store drill-down', ...results.map((r) => `${r.pages.drilldownMs} ms`)],
    ['CSV export (uncached, whole report)', ...results.map((r) => `${r.pages.csvMs} ms`)],
  ];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  const out = [line(rows[0]!), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.slice(1).map(line)];
  return [...out, ...notes.map((n) => `note: ${n}`)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'import-runs': { type: 'string' },
      pg: { type: 'string' },
      'no-pg': { type: 'boolean', default: false },
      'no-pglite': { type: 'boolean', default: false },
      out: { type: 'string' },
      child: { type: 'string' },
      growth: { type: 'string' },
    },
    strict: true,
  });
  if (values.child) return childMain(values.child, Number(values.runs ?? 1));

  const quick = values.quick!;
  const runs = Number(values.runs ?? (quick ? 2 : 5));
  const importRuns = Number(values['import-runs'] ?? (quick ? 1 : 3));
  const stores = quick ? 300 : REAL_STORE_COUNT;
  const notes: string[] = [];
  const started = performance.now();
  const sets = {
    base: await dataset(quick ? 'quick-1x' : 'real-1x', { stores, seed: 1 }),
    big: await dataset(quick ? 'quick-4x' : 'real-4x', { stores: stores * 4, seed: 1 }),
  };
  const engines: Engine[] = [];
  const pg = values.pg ?? process.env.DATABASE_URL;
  if (values['no-pg']) notes.push('PostgreSQL server skipped (--no-pg)');
  else if (!pg) notes.push('PostgreSQL server skipped: set DATABASE_URL or pass --pg postgres://… to measure it side by side');
  else engines.push(postgresEngine(pg));
  if (!values['no-pglite']) engines.push(pgliteEngine());
  // --growth pglite,postgres (default both): which engines also measure history and store growth.
  const growthFor = new Set((values.growth ?? 'pglite,postgres').split(',').map((x) => x.trim()));

  const results: EngineResult[] = [];
  // The quick smoke run must not overwrite the committed figures of the last full run.
  const outFile = values.out ?? path.join(ROOT, 'bench', quick ? 'results-quick.json' : 'results.json');
  for (const e of engines) {
    results.push(await benchEngine(e, sets, runs, importRuns, growthFor.has(e.name)));
    if (!growthFor.has(e.name)) notes.push(`${e.name}: history and store growth not measured in this run (--growth)`);
    // Written after each engine too, so a long run stopped half-way still leaves its figures.
    await writeResults(outFile, { quick, stores, runs, importRuns, pg: values['no-pg'] ? undefined : pg, results, notes, started, partial: true });
  }
  await writeResults(outFile, { quick, stores, runs, importRuns, pg: values['no-pg'] ? undefined : pg, results, notes, started, partial: false });
  const cpus = os.cpus();
  console.log(`\n${quick ? 'Quick' : 'Full'} benchmark: ${stores} stores (4× = ${stores * 4}), medians of ${runs} report runs and ${importRuns} imports, ${cpus.length} cores`);
  console.log(table(results, notes));
  console.log(`\nwritten: ${path.relative(ROOT, outFile)} (${round((performance.now() - started) / 1000, 1)} s in all)`);
}

interface WriteInput {
  quick: boolean;
  stores: number;
  runs: number;
  importRuns: number;
  pg: string | undefined;
  results: EngineResult[];
  notes: string[];
  started: number;
  partial: boolean;
}

async function writeResults(outFile: string, w: WriteInput): Promise<void> {
  const notes = [
    ...w.notes,
    `history: ${HISTORY_WEEKS} older weeks are copies of the report week shifted back by 7·k days, inserted with INSERT … SELECT`,
    'page timings: the data functions the pages call (lib/dashboard, lib/reports/csv-export) on the last report, median of 7 (CSV: 3) after a warm-up; no HTTP or React rendering',
  ];
  if (w.partial) notes.push('partial: written after an engine finished; the run was still going');
  let pgVersion = '';
  if (w.pg && !w.partial) {
    const a = postgres(w.pg, { max: 1, onnotice: () => {} });
    pgVersion = String((await a`show server_version`)[0]?.server_version ?? '');
    await a.end();
  }
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    mode: w.quick ? 'quick' : 'full',
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '', memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    versions: { postgresServer: pgVersion || null, commit: gitCommit() },
    dataset: { stores: w.stores, runs: w.runs, importRuns: w.importRuns },
    results: w.results,
    notes,
    seconds: round((performance.now() - w.started) / 1000, 1),
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(`bench failed: ${e.stack ?? e.message}`);
    process.exit(1);
  },
);
