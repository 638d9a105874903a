/**
 * What the server does once when it starts: open and migrate the database (a clear message and
 * exit if it cannot), fail reports a previous process left unfinished, and on a fresh embedded
 * database load the bundled sample and compute a first report.
 */
import { getDb } from '../db/client';
import { isDatabaseEmpty, loadSample } from './import/sample';
import { failInterruptedReports, triggerReport } from './reports/dispatch';

export async function onServerStart(): Promise<void> {
  let db;
  try {
    db = await getDb();
  } catch (e) {
    console.error(`\n[store-uptime] cannot open the database: ${(e as Error).message}\n`);
    if (process.env.NODE_ENV === 'production') process.exit(1);
    return;
  }
  const interrupted = await failInterruptedReports(db);
  if (interrupted > 0) console.warn(`[store-uptime] ${interrupted} unfinished report(s) from before the restart marked failed`);
  const autoSeed = process.env.SEED_SAMPLE ? process.env.SEED_SAMPLE !== '0' : db.kind === 'pglite';
  if (autoSeed && (await isDatabaseEmpty(db))) {
    console.log('[store-uptime] empty database: loading the bundled sample (data/sample) …');
    const results = await loadSample(db);
    for (const r of results) console.log(`[store-uptime]   ${r.file}: ${r.inserted} rows, ${r.rejected} rejected`);
    const id = await triggerReport(db, null);
    console.log(`[store-uptime] first report ${id} started`);
  }
}
