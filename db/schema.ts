/**
 * The database schema (drizzle). Store ids are `text COLLATE "C"` so that ORDER BY and range
 * predicates use byte order — the report's row order (SPEC §3a) — on PostgreSQL and PGlite alike.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const storeId = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});

const tstz = (name: string) => timestamp(name, { withTimezone: true, precision: 6, mode: 'string' });

/** Status polls, append-only; one row per store and instant (conflicting duplicates: inactive wins). */
export const polls = pgTable(
  'polls',
  {
    storeId: storeId('store_id').notNull(),
    ts: tstz('ts').notNull(),
    active: boolean('active').notNull(),
  },
  // Only the primary key: the report reads each store's week by (store_id, ts) range, and the
  // latest poll comes from `stores`. A second index on ts would double the cost of every import.
  (t) => [primaryKey({ columns: [t.storeId, t.ts] })],
);

/** Every store seen in polls, with its first and last poll (kept up to date by each import). */
export const stores = pgTable(
  'stores',
  {
    storeId: storeId('store_id').primaryKey(),
    firstPoll: tstz('first_poll').notNull(),
    lastPoll: tstz('last_poll').notNull(),
  },
  (t) => [index('stores_first_poll_idx').on(t.firstPoll)],
);

/** Business-hours rows as imported (a full snapshot of the source). */
export const businessHours = pgTable(
  'business_hours',
  {
    id: serial('id').primaryKey(),
    storeId: storeId('store_id').notNull(),
    dayOfWeek: smallint('day_of_week').notNull(),
    startTime: time('start_time', { precision: 6 }).notNull(),
    endTime: time('end_time', { precision: 6 }).notNull(),
  },
  (t) => [index('business_hours_store_idx').on(t.storeId)],
);

/** Time zones (a full snapshot of the source). `time_zone` null = the default (empty or unknown name). */
export const storeTimeZones = pgTable('store_time_zones', {
  storeId: storeId('store_id').primaryKey(),
  timeZone: text('time_zone'),
  rawName: text('raw_name').notNull(),
});

/**
 * A counter that every committed import increments (one row, id 1). A report records the
 * version it planned against; a shard that saw another version was read across an import,
 * and the report is planned again, so every report is computed entirely before or entirely
 * after each import.
 */
export const dataVersion = pgTable('data_version', {
  id: smallint('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** One row per import of one file: what it read and what became of it. */
export const imports = pgTable('imports', {
  id: serial('id').primaryKey(),
  source: text('source').notNull(),
  fileName: text('file_name').notNull(),
  startedAt: tstz('started_at').notNull().default(sql`now()`),
  finishedAt: tstz('finished_at'),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsInserted: integer('rows_inserted').notNull().default(0),
  rowsDuplicate: integer('rows_duplicate').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  rejections: jsonb('rejections').notNull().default(sql`'[]'::jsonb`),
  notes: jsonb('notes').notNull().default(sql`'[]'::jsonb`),
});

/** A report and its lifecycle: pending → running → complete | failed. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    status: text('status', { enum: ['pending', 'running', 'complete', 'failed'] }).notNull(),
    asOf: tstz('as_of'),
    requestedAsOf: tstz('requested_as_of'),
    createdAt: tstz('created_at').notNull().default(sql`now()`),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    storesTotal: integer('stores_total'),
    storesDone: integer('stores_done').notNull().default(0),
    shardCount: integer('shard_count'),
    runner: text('runner').notNull().default('in-process'),
    error: text('error'),
    dataVersion: bigint('data_version', { mode: 'number' }),
    attempt: integer('attempt').notNull().default(0),
  },
  (t) => [index('reports_created_idx').on(t.createdAt)],
);

/** The shards of a report: contiguous store-id ranges [lo, hi], computed and written independently. */
export const reportShards = pgTable(
  'report_shards',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    shard: integer('shard').notNull(),
    lo: storeId('lo').notNull(),
    hi: storeId('hi').notNull(),
    stores: integer('stores').notNull(),
    done: boolean('done').notNull().default(false),
    /** The data version the shard was read at, or null when an import landed while it was read. */
    dataVersion: bigint('data_version', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.shard] })],
);

/**
 * One row per store of a report. Durations are exact seconds (7 decimals hold the half
 * microseconds that midpoints produce); rounding happens only when written out.
 */
const seconds = (name: string) => numeric(name, { precision: 16, scale: 7 }).notNull();
export const reportRows = pgTable(
  'report_rows',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    storeId: storeId('store_id').notNull(),
    uptimeHourS: seconds('uptime_hour_s'),
    uptimeDayS: seconds('uptime_day_s'),
    uptimeWeekS: seconds('uptime_week_s'),
    downtimeHourS: seconds('downtime_hour_s'),
    downtimeDayS: seconds('downtime_day_s'),
    downtimeWeekS: seconds('downtime_week_s'),
    businessDayS: seconds('business_day_s'),
    businessWeekS: seconds('business_week_s'),
    observations: integer('observations').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.storeId] })],
);
