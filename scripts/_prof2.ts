import { openDb } from '../db/client';
import { createReport } from '../lib/reports/runner';
import { planReport, computeShard, finalizeReport } from '../lib/reports/job';
async function main() {
  const db = await openDb({ target: process.argv[2]! });
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const id = await createReport(db, null, 'cli');
    const t1 = performance.now();
    const plan = await planReport(db, id);
    const t2 = performance.now();
    let next = 0;
    const w = async () => { while (next < plan.shardCount) { const s = next++; await computeShard(db, id, s); } };
    await Promise.all([w(), w()]);
    const t3 = performance.now();
    await finalizeReport(db, id);
    const t4 = performance.now();
    console.log({ create: t1 - t0, plan: t2 - t1, shards: t3 - t2, finalize: t4 - t3, total: t4 - t0 });
    await db.query('DELETE FROM reports WHERE id=$1', [id]);
  }
  await db.close();
}
main();
