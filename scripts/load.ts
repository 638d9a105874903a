/**
 * Load check (not a test): N concurrent readers of the report table page, a store drill-down and
 * the CSV export, plus M concurrent report triggers, against a running server (a production
 * build: `npm run build && npm start`). Prints throughput, p50/p95/p99 latency and errors.
 *
 *   npm run load -- --url http://localhost:3300 [--readers 50] [--triggers 10] [--duration 20]
 *
 * Bounded: at most --duration seconds of reading (≤ 300) and --max-requests requests (≤ 100000);
 * triggered reports are awaited at most --trigger-timeout seconds. Only localhost targets are
 * accepted. ADMIN_TOKEN from the environment is sent with the triggers when set.
 */
import { parseArgs } from 'node:util';

interface Sample {
  ms: number;
  ok: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      readers: { type: 'string', default: '50' },
      triggers: { type: 'string', default: '10' },
      duration: { type: 'string', default: '20' },
      'max-requests': { type: 'string', default: '20000' },
      'trigger-timeout': { type: 'string', default: '300' },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('npm run load -- --url http://localhost:3300 [--readers 50] [--triggers 10] [--duration 20] [--max-requests 20000] [--trigger-timeout 300] [--report <id>]');
    process.exit(0);
  }
  const base = new URL(values.url!);
  if (!LOCAL_HOSTS.has(base.hostname)) throw new Error(`--url must point at this machine (localhost, 127.0.0.1 or ::1), not ${base.hostname}`);
  const int = (name: string, v: string, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`);
    return n;
  };
  return {
    base: base.origin,
    readers: int('readers', values.readers!, 500),
    triggers: int('triggers', values.triggers!, 50),
    durationMs: int('duration', values.duration!, 300) * 1000,
    maxRequests: int('max-requests', values['max-requests']!, 100_000),
    triggerTimeoutMs: int('trigger-timeout', values['trigger-timeout']!, 1800) * 1000,
    report: values.report,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; body: string; headers: Headers }> {
  const start = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    return { ms: performance.now() - start, status: res.status, body, headers: res.headers };
  } catch (e) {
    return { ms: performance.now() - start, status: 0, body: (e as Error).message, headers: new Headers() };
  }
}

const authHeaders = (): Record<string, string> => (process.env.ADMIN_TOKEN ? { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } : {});

/** Triggers a report and waits for it: 'complete' | 'failed: …' | 'timeout'. */
async function triggerAndWait(base: string, timeoutMs: number): Promise<{ id?: string; outcome: string; triggerMs: number; totalMs: number }> {
  const start = performance.now();
  const t = await timed(`${base}/api/trigger_report`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders() }, body: '{}' });
  if (t.status !== 202) return { outcome: `trigger answered ${t.status}: ${t.body.slice(0, 200)}`, triggerMs: t.ms, totalMs: t.ms };
  const id = (JSON.parse(t.body) as { report_id: string }).report_id;
  while (performance.now() - start < timeoutMs) {
    const r = await timed(`${base}/api/get_report?report_id=${id}`);
    if (r.status === 200 && r.headers.get('x-report-status') === 'Complete') return { id, outcome: 'complete', triggerMs: t.ms, totalMs: performance.now() - start };
    if (r.status !== 200) return { id, outcome: `get_report answered ${r.status}`, triggerMs: t.ms, totalMs: performance.now() - start };
    const json = JSON.parse(r.body) as { status: string; error?: string };
    if (json.status === 'Failed') return { id, outcome: `failed: ${json.error}`, triggerMs: t.ms, totalMs: performance.now() - start };
    await new Promise((res) => setTimeout(res, 250));
  }
  return { id, outcome: 'timeout', triggerMs: t.ms, totalMs: performance.now() - start };
}

/** The first store id of a report CSV (undoing the CSV quoting and the formula escape). */
function firstStoreId(csv: string): string | undefined {
  const line = csv.split('\n')[1];
  if (!line) return undefined;
  let id: string;
  if (line.startsWith('"')) {
    const end = line.indexOf('",');
    id = line.slice(1, end).replace(/""/g, '"');
  } else id = line.slice(0, line.indexOf(','));
  return /^'[=+\-@\t\r]/.test(id) ? id.slice(1) : id;
}

async function main() {
  const o = options();
  console.log(`load: ${o.base} — ${o.readers} readers for ≤ ${o.durationMs / 1000} s (≤ ${o.maxRequests} requests), ${o.triggers} concurrent triggers`);

  // A complete report to read (one is computed first when none is given).
  let reportId = o.report;
  if (!reportId) {
    const first = await triggerAndWait(o.base, o.triggerTimeoutMs);
    if (first.outcome !== 'complete') throw new Error(`could not get a complete report to read: ${first.outcome}`);
    reportId = first.id!;
    console.log(`report ${reportId} computed in ${(first.totalMs / 1000).toFixed(1)} s`);
  }
  const csv = await timed(`${o.base}/api/get_report?report_id=${reportId}`);
  if (csv.status !== 200) throw new Error(`get_report answered ${csv.status}: ${csv.body.slice(0, 200)}`);
  const storeId = firstStoreId(csv.body);
  if (!storeId) throw new Error('the report has no rows: load data first');

  const targets: Array<[name: string, url: string]> = [
    ['report page', `${o.base}/reports/${reportId}`],
    ['store drill-down', `${o.base}/stores/${encodeURIComponent(storeId)}`],
    ['CSV export', `${o.base}/api/get_report?report_id=${reportId}`],
  ];
  const samples = new Map<string, Sample[]>(targets.map(([n]) => [n, []]));
  const errors = new Map<string, number>();
  let issued = 0;
  const deadline = performance.now() + o.durationMs;
  const started = performance.now();

  const reader = async (k: number) => {
    for (let i = k; performance.now() < deadline && issued < o.maxRequests; i++) {
      issued++;
      const [name, url] = targets[i % targets.length]!;
      const r = await timed(url);
      const ok = r.status === 200;
      samples.get(name)!.push({ ms: r.ms, ok });
      if (!ok) {
        const key = `${name}: ${r.status} ${r.body.slice(0, 120).replace(/\s+/g, ' ')}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  };
  const triggerRun = Promise.all(Array.from({ length: o.triggers }, () => triggerAndWait(o.base, o.triggerTimeoutMs)));
  await Promise.all(Array.from({ length: o.readers }, (_, k) => reader(k)));
  const readSeconds = (performance.now() - started) / 1000;
  const triggers = await triggerRun;

  console.log(`\nreaders: ${issued} requests in ${readSeconds.toFixed(1)} s = ${(issued / readSeconds).toFixed(1)} req/s`);
  console.log('endpoint            requests   req/s    p50 ms   p95 ms   p99 ms   max ms   errors');
  const all: number[] = [];
  let errorCount = 0;
  for (const [name] of targets) {
    const s = samples.get(name)!;
    const ms = s.map((x) => x.ms).sort((a, b) => a - b);
    all.push(...ms);
    const errs = s.filter((x) => !x.ok).length;
    errorCount += errs;
    console.log(
      `${name.padEnd(18)} ${String(s.length).padStart(9)} ${(s.length / readSeconds).toFixed(1).padStart(7)} ${percentile(ms, 50).toFixed(0).padStart(9)} ${percentile(ms, 95).toFixed(0).padStart(8)} ${percentile(ms, 99).toFixed(0).padStart(8)} ${(ms.at(-1) ?? NaN).toFixed(0).padStart(8)} ${String(errs).padStart(8)}`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(`${'all'.padEnd(18)} ${String(all.length).padStart(9)} ${(all.length / readSeconds).toFixed(1).padStart(7)} ${percentile(all, 50).toFixed(0).padStart(9)} ${percentile(all, 95).toFixed(0).padStart(8)} ${percentile(all, 99).toFixed(0).padStart(8)} ${(all.at(-1) ?? NaN).toFixed(0).padStart(8)} ${String(errorCount).padStart(8)}`);
  for (const [k, n] of errors) console.log(`  error ×${n}: ${k}`);

  if (o.triggers > 0) {
    const complete = triggers.filter((t) => t.outcome === 'complete');
    const totals = complete.map((t) => t.totalMs).sort((a, b) => a - b);
    const trig = triggers.map((t) => t.triggerMs).sort((a, b) => a - b);
    console.log(`\ntriggers: ${complete.length}/${triggers.length} complete; trigger p50 ${percentile(trig, 50).toFixed(0)} ms, p95 ${percentile(trig, 95).toFixed(0)} ms; ` +
      `time to complete p50 ${(percentile(totals, 50) / 1000).toFixed(1)} s, max ${((totals.at(-1) ?? NaN) / 1000).toFixed(1)} s`);
    for (const t of triggers.filter((x) => x.outcome !== 'complete')) console.log(`  trigger problem: ${t.outcome}`);
  }
  const failed = errorCount > 0 || triggers.some((t) => t.outcome !== 'complete');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`load: ${(e as Error).message}`);
  process.exit(2);
});
