/**
 * Applies the drizzle-kit migrations in db/migrations (generated from db/schema.ts) in order,
 * each in its own transaction, recording them in `schema_migrations`. On PostgreSQL an advisory
 * lock keeps two processes from migrating at once. A database that has migrations this code
 * does not know (a newer version of the app ran on it) is refused with a clear message.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from './client';

const MIGRATION_LOCK = 72_640_001;

interface JournalEntry {
  idx: number;
  tag: string;
}

export function migrationsDir(): string {
  return path.join(process.cwd(), 'db', 'migrations');
}

function readJournal(dir: string): JournalEntry[] {
  const file = path.join(dir, 'meta', '_journal.json');
  if (!fs.existsSync(file)) throw new Error(`Migrations not found at ${dir} (run from the project folder).`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries.sort((a, b) => a.idx - b.idx);
}

/** A short hash of all migrations: changes whenever the schema does. */
export function schemaVersion(dir = migrationsDir()): string {
  const hash = createHash('sha256');
  for (const entry of readJournal(dir)) hash.update(entry.tag).update(fs.readFileSync(path.join(dir, `${entry.tag}.sql`)));
  return hash.digest('hex').slice(0, 12);
}

export async function migrate(db: Sql, dir = migrationsDir()): Promise<string[]> {
  const journal = readJournal(dir);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ tag: string }>('SELECT tag FROM schema_migrations')).map((r) => r.tag));
    const known = new Set(journal.map((e) => e.tag));
    const unknown = [...done].filter((t) => !known.has(t));
    if (unknown.length > 0)
      throw new Error(
        `The database has schema migrations this version of the app does not know (${unknown.join(', ')}): ` +
          `it was created by a newer version. Upgrade the app or point DATABASE_URL at another database.`,
      );
    for (const entry of journal) {
      if (done.has(entry.tag)) continue;
      const text = fs.readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (tag) VALUES ($1)', [entry.tag]);
      applied.push(entry.tag);
    }
  });
  return applied;
}
