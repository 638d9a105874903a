/**
 * A fresh, migrated database per test file: an in-memory PGlite, or — when DATABASE_URL is
 * set — a new database on that PostgreSQL server (created here, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDb, type Db } from '../../db/client';

export interface TestDb {
  db: Db;
  /** The URL of the test database (PostgreSQL only), e.g. for child processes. */
  url?: string;
  drop(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const db = await openDb({ target: 'memory' });
    return { db, drop: () => db.close() };
  }
  const name = `uptime_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDb({ target: url.toString() });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);
