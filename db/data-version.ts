/**
 * The data version (table `data_version`, see db/schema.ts): every committed import bumps it,
 * so a report can tell whether it read all its shards at the version it planned against.
 */
import type { Sql } from './client';

/** The current data version (see db/schema.ts `dataVersion`): bumped by every committed import. */
export async function currentDataVersion(db: Sql): Promise<number> {
  const [r] = await db.query<{ v: string }>(`SELECT coalesce((SELECT version FROM data_version WHERE id = 1), 0)::text AS v`);
  return Number(r?.v ?? 0);
}

/** Called inside every import's transaction: later readers of the data see a new version. */
export async function bumpDataVersion(tx: Sql): Promise<void> {
  await tx.query(
    `INSERT INTO data_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1`,
  );
}

