/**
 * A typed drizzle-orm handle on the open database (PGlite or postgres.js), cached per Db.
 * Kept apart from db/client.ts so that code which needs only SQL (the CLI) loads faster.
 */
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import * as schema from './schema';

export type Drizzle = PgDatabase<PgQueryResultHKT, typeof schema>;

const handles = new WeakMap<Db, Drizzle>();

export function drizzleOf(db: Db): Drizzle {
  let d = handles.get(db);
  if (!d) {
    d = (db.client.kind === 'pglite' ? drizzlePglite(db.client.pg, { schema }) : drizzlePostgres(db.client.sql, { schema })) as unknown as Drizzle;
    handles.set(db, d);
  }
  return d;
}
