import { openDb } from '../db/client';
import { createReport, runReportInProcess } from '../lib/reports/runner';
async function main() {
  const db = await openDb({ target: process.argv[2]! });
  const mb = (x: number) => Math.round(x / 2 ** 20);
  const show = (w: string) => { const m = process.memoryUsage(); console.log(w, { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), ab: mb(m.arrayBuffers), maxRss: mb(process.resourceUsage().maxRSS * 1024) }); };
  show('start');
  let peak = 0; const iv = setInterval(() => { const m = process.memoryUsage(); if (m.heapTotal > peak) peak = m.heapTotal; }, 5);
  for (let i = 0; i < 3; i++) { const id = await createReport(db, null, 'cli'); await runReportInProcess(db, id); show('after ' + i); await db.query('DELETE FROM reports WHERE id=$1', [id]); }
  clearInterval(iv); console.log('peak heapTotal', mb(peak));
  await db.close();
}
main();
