/**
 * Streams one CSV file into the database (SPEC §1).
 *
 * The file flows through the guard (guard.ts: refusals, limits, record-aligned text), is split into
 * records chunk by chunk (csv-records.ts, papaparse) and written in COPY batches, so memory stays
 * flat whatever the file size. Each file is imported in one transaction: polls are merged into
 * the append-only `polls` table (idempotent; conflicting duplicates: inactive wins); hours and
 * time zones replace their source as a whole. A failure anywhere leaves the database as it was.
 */
import { Readable } from 'node:stream';
import type { Sql } from '../../db/client';
import { copyText } from '../../db/copy-text';
import { bumpDataVersion } from '../../db/data-version';
import { countOf } from '../plural';
import { formatClockTime } from '../report/time';
import { parseRecords } from './csv-records';
import { guardInput, ImportRefusal, importLimits, refuseEmptySnapshot } from './guard';
import { detectSource, FLAG_TEXT, parseRecord, rowFlag, type DetectedSource, type PollRow, type RowFlag, type SourceKind, type TimestampBounds, type ZoneRow } from './sources';

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportResult {
  file: string;
  source: SourceKind | null;
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** The first rejections (at most `MAX_LISTED_REJECTIONS`), with line numbers. */
  rejections: Rejection[];
  /** Things worth knowing that are not rejections (unknown time zones, overrides). */
  notes: string[];
  /** Set when the whole file was refused (nothing imported). */
  error?: string;
  importId?: number;
}

export const MAX_LISTED_REJECTIONS = 100;
const BATCH_ROWS = 50_000;

export type CsvInput = Readable | AsyncIterable<Buffer | string> | string | Buffer;

function toStream(input: CsvInput): Readable {
  if (typeof input === 'string' || Buffer.isBuffer(input)) return Readable.from([input]);
  return input instanceof Readable ? input : Readable.from(input);
}

class Tally {
  read = 0;
  rejected = 0;
  rejections: Rejection[] = [];
  notes: string[] = [];
  /** Accepted rows the operator should hear about: count and first line per kind. */
  flags = new Map<RowFlag, { count: number; line: number }>();
  reject(line: number, reason: string) {
    this.rejected++;
    if (this.rejections.length < MAX_LISTED_REJECTIONS) this.rejections.push({ line, reason });
  }
  flag(kind: RowFlag, line: number) {
    const f = this.flags.get(kind);
    if (f) f.count++;
    else this.flags.set(kind, { count: 1, line });
  }
  /** The flags as notes (`warning: …`), once the file is read. */
  flagNotes(bounds: TimestampBounds | undefined): string[] {
    return [...this.flags].map(([kind, f]) => `warning: ${FLAG_TEXT[kind](f.count, bounds)} (first at line ${f.line})`);
  }
}

/** Sink of one source's accepted rows, inside the file's transaction. */
interface SourceWriter {
  /** Buffers one row (synchronous: the rows of a chunk are added in one go). */
  add(row: unknown): void;
  /** Writes the buffered rows out once a batch is full. */
  flushIfFull(): Promise<void>;
  /** Finishes the import; returns rows inserted and duplicates. */
  finish(): Promise<{ inserted: number; duplicates: number }>;
}

/**
 * The first load into an empty `polls` table: takes the table exclusively and, if it is still
 * empty, drops the primary key so that it is built once after the rows are in — on the server
 * that is ~3 s for 1.84M polls instead of ~15 s of row-by-row index maintenance. Readers wait
 * for this import to commit (they would have found an empty table). Call it before the
 * transaction has touched `polls` (a lock upgrade could deadlock with a concurrent import).
 */
async function claimEmptyPolls(tx: Sql): Promise<boolean> {
  await tx.query('LOCK TABLE polls IN ACCESS EXCLUSIVE MODE');
  const [r] = await tx.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM polls) AS empty');
  if (!r?.empty) return false;
  await tx.query('SAVEPOINT claim_polls');
  try {
    await tx.query('ALTER TABLE polls DROP CONSTRAINT polls_store_id_ts_pk');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT claim_polls'); // e.g. a database user that does not own the table: the ordinary path
    return false;
  }
  return true;
}

function pollWriter(tx: Sql, pollsWereEmpty: boolean): SourceWriter {
  let buffer: string[] = [];
  let staged = 0;
  let created = false;
  const flush = async () => {
    if (buffer.length === 0) return;
    if (!created) {
      await tx.query(`CREATE TEMP TABLE poll_stage (store_id text COLLATE "C", ts_us int8, active boolean) ON COMMIT DROP`);
      created = true;
    }
    await tx.copyIn('poll_stage', ['store_id', 'ts_us', 'active'], buffer.join(''));
    buffer = [];
  };
  return {
    add(row) {
      const p = row as PollRow;
      buffer.push(`${copyText(p.storeId)}\t${p.ts}\t${p.active ? 't' : 'f'}\n`);
      staged++;
    },
    async flushIfFull() {
      if (buffer.length >= BATCH_ROWS) await flush();
    },
    async finish() {
      await flush();
      if (staged === 0) return { inserted: 0, duplicates: 0 };
      // Bulk statements: no JIT (compiling them costs ~1 s on the server and saves nothing),
      // and room to sort in memory.
      if (tx.kind === 'postgres') await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`);
      // Grouping the staged polls by (store_id, ts) and writing them in that order is one sort:
      // the planner, without statistics on the fresh staging table, would hash-aggregate first
      // and then sort (measured on 1.84M polls: 2.9 s vs 1.9 s). Back on for the stores upsert.
      await tx.query(`SELECT set_config('enable_hashagg', 'off', true)`);
      // Within the file, duplicates of one instant collapse with bool_and: inactive wins
      // (the rule of lib/report/uptime.ts mergeDuplicateStatus); against stored polls likewise.
      // Rows go in sorted by (store_id, ts): the primary-key index is filled in order, and each
      // store's polls of this import sit together on disk, so a report reads a few pages per store.
      let inserted: number;
      if (pollsWereEmpty && (await claimEmptyPolls(tx))) {
        await tx.query(`
          INSERT INTO polls (store_id, ts, active)
          SELECT store_id, timestamptz 'epoch' + ts_us * interval '1 microsecond', bool_and(active)
          FROM poll_stage GROUP BY store_id, ts_us ORDER BY store_id, ts_us`);
        await tx.query('ALTER TABLE polls ADD CONSTRAINT polls_store_id_ts_pk PRIMARY KEY (store_id, ts)');
        const [r] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM polls');
        inserted = r?.n ?? 0;
      } else {
        const [r] = await tx.query<{ inserted: number }>(`
          WITH incoming AS (
            SELECT store_id, timestamptz 'epoch' + ts_us * interval '1 microsecond' AS ts, bool_and(active) AS active
            FROM poll_stage GROUP BY store_id, ts_us
          ), ins AS (
            INSERT INTO polls (store_id, ts, active) SELECT store_id, ts, active FROM incoming ORDER BY store_id, ts
            ON CONFLICT (store_id, ts) DO UPDATE SET active = polls.active AND excluded.active
              WHERE polls.active AND NOT excluded.active
            RETURNING (xmax = 0) AS inserted
          )
          SELECT (count(*) FILTER (WHERE inserted))::int AS inserted FROM ins`);
        inserted = r?.inserted ?? 0;
      }
      await tx.query(`SELECT set_config('enable_hashagg', 'on', true)`);
      await tx.query(`
        INSERT INTO stores (store_id, first_poll, last_poll)
        SELECT store_id, timestamptz 'epoch' + min(ts_us) * interval '1 microsecond',
               timestamptz 'epoch' + max(ts_us) * interval '1 microsecond'
        FROM poll_stage GROUP BY store_id
        ON CONFLICT (store_id) DO UPDATE SET
          first_poll = least(stores.first_poll, excluded.first_poll),
          last_poll = greatest(stores.last_poll, excluded.last_poll)`);
      return { inserted, duplicates: staged - inserted };
    },
  };
}

/** Deletes a snapshot source's stored rows; returns how many rows and stores it held. */
async function clearSnapshot(tx: Sql, table: 'business_hours' | 'store_time_zones'): Promise<{ rows: number; stores: number }> {
  await tx.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`); // two files at once: one wins whole
  const [r] = await tx.query<{ rows: number; stores: number }>(
    `WITH d AS (DELETE FROM ${table} RETURNING store_id) SELECT count(*)::int AS rows, count(DISTINCT store_id)::int AS stores FROM d`,
  );
  return { rows: r?.rows ?? 0, stores: r?.stores ?? 0 };
}

/**
 * Says what a snapshot import replaced, so an operator sees at once when a file covers far fewer
 * stores than the data it replaced (a partial export, or most rows rejected).
 */
function replacementNote(what: string, before: { rows: number; stores: number }, after: { rows: number; stores: number }): string | null {
  if (before.rows === 0) return null;
  const note = `replaced the stored ${what} (${countOf(before.rows, 'row')} for ${countOf(before.stores, 'store')}) with this file's ${countOf(after.rows, 'row')} for ${countOf(after.stores, 'store')}`;
  return after.stores < before.stores / 2 ? `warning: ${note} — fewer than half the stores it had before` : note;
}

function hoursWriter(tx: Sql, tally: Tally): SourceWriter {
  let buffer: string[] = [];
  let count = 0;
  let cleared: { rows: number; stores: number } | null = null;
  const stores = new Set<string>();
  const flush = async () => {
    cleared ??= await clearSnapshot(tx, 'business_hours');
    if (buffer.length === 0) return;
    await tx.copyIn('business_hours', ['store_id', 'day_of_week', 'start_time', 'end_time'], buffer.join(''));
    buffer = [];
  };
  return {
    add(row) {
      const h = row as { storeId: string; day: number; startUs: number; endUs: number };
      buffer.push(`${copyText(h.storeId)}\t${h.day}\t${formatClockTime(h.startUs)}\t${formatClockTime(h.endUs)}\n`);
      stores.add(h.storeId);
      count++;
    },
    async flushIfFull() {
      if (buffer.length >= BATCH_ROWS) await flush();
    },
    async finish() {
      await flush();
      const note = replacementNote('business hours', cleared!, { rows: count, stores: stores.size });
      if (note) tally.notes.push(note);
      return { inserted: count, duplicates: 0 };
    },
  };
}

function zonesWriter(tx: Sql, tally: Tally): SourceWriter {
  // Several rows for one store: the last one wins (SPEC §3a). The file is small (one row per store).
  const latest = new Map<string, ZoneRow>();
  let rows = 0;
  return {
    add(row) {
      const z = row as ZoneRow;
      rows++;
      latest.set(z.storeId, z);
    },
    async flushIfFull() {},
    async finish() {
      const cleared = await clearSnapshot(tx, 'store_time_zones');
      const lines: string[] = [];
      const unknown = new Map<string, number>();
      for (const z of latest.values()) {
        lines.push(`${copyText(z.storeId)}\t${z.timeZone === null ? '\\N' : copyText(z.timeZone)}\t${copyText(z.rawName)}\n`);
        if (z.unknownZone) unknown.set(z.unknownZone, (unknown.get(z.unknownZone) ?? 0) + 1);
      }
      for (let i = 0; i < lines.length; i += BATCH_ROWS)
        await tx.copyIn('store_time_zones', ['store_id', 'time_zone', 'raw_name'], lines.slice(i, i + BATCH_ROWS).join(''));
      for (const [name, n] of unknown)
        tally.notes.push(`unknown time zone "${name}" (${n} store${n === 1 ? '' : 's'}): using America/Chicago`);
      const note = replacementNote('time zones', cleared, { rows: latest.size, stores: latest.size });
      if (note) tally.notes.push(note);
      return { inserted: latest.size, duplicates: rows - latest.size };
    },
  };
}

function writerFor(kind: SourceKind, tx: Sql, tally: Tally, pollsWereEmpty: boolean): SourceWriter {
  return kind === 'polls' ? pollWriter(tx, pollsWereEmpty) : kind === 'hours' ? hoursWriter(tx, tally) : zonesWriter(tx, tally);
}

/** The refusal of a file with no header line (nothing but blank lines, or no bytes at all). */
export const EMPTY_FILE = 'the file is empty (no header line)';

/** Imports one CSV (any of the three sources, recognised by its header) in one transaction. */
export async function importCsv(db: Sql, input: CsvInput, fileName: string, expect?: SourceKind): Promise<ImportResult> {
  const tally = new Tally();
  const result = (source: SourceKind | null, counts = { inserted: 0, duplicates: 0 }, error?: string): ImportResult => ({
    file: fileName,
    source,
    read: tally.read,
    ...counts,
    rejected: tally.rejected,
    rejections: tally.rejections,
    notes: tally.notes,
    ...(error ? { error } : {}),
  });

  const limits = importLimits(); // a misconfigured limit is the operator's error, not the file's: it throws
  // Read before the transaction, so that the transaction takes no lock on polls before claimEmptyPolls.
  const [probe] = await db.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM polls) AS empty');
  let source: DetectedSource | undefined;
  try {
    return await db.transaction(async (tx) => {
      let writer: SourceWriter | undefined;
      for await (const chunk of guardInput(toStream(input), limits)) { // refuses non-CSV input and enforces the limits (guard.ts)
        for (const { fields: record, line } of parseRecords(chunk)) {
          if (record.length === 1 && record[0]!.trim() === '') continue; // a blank (whitespace) line, also before the header
          if (!source) {
            const detected = detectSource(record);
            if (!detected.ok) return result(null, undefined, detected.reason);
            if (expect && detected.value.kind !== expect)
              return result(detected.value.kind, undefined, `expected ${expect} but the header is that of ${detected.value.kind}`);
            source = detected.value;
            writer = writerFor(source.kind, tx, tally, probe?.empty === true);
            continue;
          }
          tally.read++;
          const parsed = parseRecord(source, record);
          if (parsed.ok) {
            writer!.add(parsed.value);
            const flag = rowFlag(source, parsed.value as { storeId: string; ts?: number });
            if (flag) tally.flag(flag, line);
          } else tally.reject(line, parsed.reason);
        }
        await writer?.flushIfFull();
      }
      if (!source) return result(null, undefined, EMPTY_FILE);
      await refuseEmptySnapshot(tx, source.kind, tally.read - tally.rejected, tally.rejected); // never wipe all hours/zones
      const counts = await writer!.finish();
      tally.notes.push(...tally.flagNotes(source.bounds));
      await bumpDataVersion(tx); // a report running now will notice and plan again
      const [rec] = await tx.query<{ id: number }>(
        `INSERT INTO imports (source, file_name, finished_at, rows_read, rows_inserted, rows_duplicate, rows_rejected, rejections, notes)
         VALUES ($1, $2, now(), $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id`,
        [source.kind, fileName.slice(0, 300), tally.read, counts.inserted, counts.duplicates, tally.rejected,
          JSON.stringify(tally.rejections), JSON.stringify(tally.notes)],
      );
      return { ...result(source.kind, counts), importId: rec?.id };
    });
  } catch (e) {
    if (e instanceof ImportRefusal) return result(source?.kind ?? null, undefined, e.message);
    throw e;
  }
}
