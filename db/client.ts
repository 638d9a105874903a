/**
 * The one database module: PGlite (embedded PostgreSQL, on disk under .data/) when
 * DATABASE_URL is not set, a PostgreSQL server through postgres.js when it is.
 *
 * Both are wrapped in the same small interface (parameterised queries, transactions and
 * COPY in/out); db/drizzle.ts gives a typed drizzle handle on either. Values from requests are
 * always bound parameters, never spliced into SQL text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { migrate, schemaVersion } from './migrate';

export type DbKind = 'pglite' | 'postgres';

/** What the data layer needs of a connection (or of a transaction on it). */
export interface Sql {
  readonly kind: DbKind;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** `COPY table (cols) FROM STDIN` with text-format data. */
  copyIn(table: string, columns: string[], data: string): Promise<void>;
  /** `COPY (select) TO STDOUT` in text format, as one string (for bounded results). */
  copyOut(select: string): Promise<string>;
  /** `COPY (select) TO STDOUT WITH (FORMAT binary)`, as bytes (read them with db/copy-binary.ts). */
  copyOutBinary(select: string): Promise<Uint8Array>;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface Db extends Sql {
  /** The driver's own client (for drizzle: see db/drizzle.ts). */
  readonly client: { kind: 'pglite'; pg: PGlite } | { kind: 'postgres'; sql: postgres.Sql };
  /** Where the data lives, for messages: a folder, `memory` or a URL without password. */
  readonly location: string;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function copyTarget(table: string, columns: string[]): string {
  if (!IDENT.test(table) || !columns.every((c) => IDENT.test(c))) throw new Error('bad COPY target');
  return `${table} (${columns.join(', ')})`;
}

// ---------- PGlite ----------

class PgliteSql implements Sql {
  readonly kind = 'pglite' as const;
  constructor(protected readonly pg: Pick<PGlite, 'query'> & { transaction?: PGlite['transaction'] }) {}

  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pg.query<T>(text, params)).rows;
  }
  async copyIn(table: string, columns: string[], data: string): Promise<void> {
    await this.pg.query(`COPY ${copyTarget(table, columns)} FROM '/dev/blob'`, [], { blob: new Blob([data]) });
  }
  async copyOut(select: string): Promise<string> {
    const r = await this.pg.query(`COPY (${select}) TO '/dev/blob'`);
    return r.blob ? await r.blob.text() : '';
  }
  async copyOutBinary(select: string): Promise<Uint8Array> {
    const r = await this.pg.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
    return r.blob ? new Uint8Array(await r.blob.arrayBuffer()) : new Uint8Array();
  }
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (!this.pg.transaction) return fn(this); // already inside one: PGlite has a single session
    return this.pg.transaction((tx) => fn(new PgliteSql(tx)));
  }
}

class PgliteDb extends PgliteSql implements Db {
  readonly client;
  constructor(private readonly instance: PGlite, readonly location: string, private readonly release: () => void) {
    super(instance);
    this.client = { kind: 'pglite' as const, pg: instance };
  }
  async close(): Promise<void> {
    await this.instance.close();
    this.release();
  }
}

/**
 * A PGlite data folder may be opened by one process only (two open instances silently lose
 * writes). A lock file with the owner's pid makes a second process fail with a clear message.
 */
const openInThisProcess = new Set<string>();

function lockDataDir(dir: string): () => void {
  const key = path.resolve(dir);
  if (openInThisProcess.has(key))
    throw new Error(`The embedded database ${dir} is already open in this process; use getDb() (one instance per process).`);
  const lock = path.join(dir, '..', `${path.basename(dir)}.lock`);
  const take = () => {
    const fd = fs.openSync(lock, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  };
  try {
    take();
  } catch {
    const owner = Number(fs.readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (owner && owner !== process.pid) {
      try {
        process.kill(owner, 0);
        alive = true;
      } catch {}
    }
    if (alive)
      throw new Error(
        `The embedded database ${dir} is in use by process ${owner}. PGlite allows one process per data folder: ` +
          `stop that process (the dashboard or another CLI command), or set DATABASE_URL to use a PostgreSQL server.`,
      );
    fs.rmSync(lock, { force: true });
    take();
  }
  openInThisProcess.add(key);
  const release = () => {
    openInThisProcess.delete(key);
    try {
      if (fs.readFileSync(lock, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { force: true });
    } catch {}
  };
  process.once('exit', release);
  return release;
}

/**
 * Creating a PGlite cluster (initdb) takes seconds; loading a dump of a fresh, migrated one takes
 * about one. In-memory databases (the one-shot CLI, tests) start from such a dump, cached under
 * .data/ per schema version and written atomically; any problem with it falls back to initdb.
 */
async function openMemoryPglite(): Promise<Db> {
  const template = path.join(process.cwd(), '.data', `memory-template-${schemaVersion()}.tar`);
  if (fs.existsSync(template)) {
    try {
      const pg = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(template)]) });
      return new PgliteDb(pg, 'memory', () => {});
    } catch {
      fs.rmSync(template, { force: true });
    }
  }
  const pg = await PGlite.create();
  const db = new PgliteDb(pg, 'memory', () => {});
  try {
    await migrate(db);
    const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    fs.mkdirSync(path.dirname(template), { recursive: true });
    const tmp = `${template}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, dump);
    fs.renameSync(tmp, template);
  } catch {
    // The cache is an optimisation only (read-only checkouts still work).
  }
  return db;
}

async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir === null) return openMemoryPglite();
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pg = await PGlite.create(dataDir);
    return new PgliteDb(pg, dataDir, release);
  } catch (e) {
    release();
    throw e;
  }
}

// ---------- PostgreSQL server (postgres.js) ----------

type PostgresClient = postgres.Sql | postgres.TransactionSql;

class PostgresSql implements Sql {
  readonly kind = 'postgres' as const;
  constructor(protected readonly sql: PostgresClient) {}

  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
  }
  async copyIn(table: string, columns: string[], data: string): Promise<void> {
    const stream = await this.sql.unsafe(`COPY ${copyTarget(table, columns)} FROM STDIN`).writable();
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(data);
    });
  }
  async copyOut(select: string): Promise<string> {
    return (await this.copyOutBytes(`COPY (${select}) TO STDOUT`)).toString('utf8');
  }
  async copyOutBinary(select: string): Promise<Uint8Array> {
    return this.copyOutBytes(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`);
  }
  private async copyOutBytes(statement: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.sql.unsafe(statement).readable()) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if ('savepoint' in this.sql && !('begin' in this.sql)) return fn(this);
    return (await (this.sql as postgres.Sql).begin((tx) => fn(new PostgresSql(tx)))) as T;
  }
}

class PostgresDb extends PostgresSql implements Db {
  readonly client;
  constructor(private readonly pool: postgres.Sql, readonly location: string) {
    super(pool);
    this.client = { kind: 'postgres' as const, sql: pool };
  }
  async close(): Promise<void> {
    await this.pool.end({ timeout: 5 });
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

async function openPostgres(url: string): Promise<Db> {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    connect_timeout: 10,
  });
  try {
    await client`select 1`;
  } catch (e) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new Error(`Cannot reach the PostgreSQL server at ${redact(url)}: ${(e as Error).message}`);
  }
  return new PostgresDb(client, redact(url));
}

// ---------- opening ----------

export interface OpenOptions {
  /** A PostgreSQL URL, `memory` for a throw-away PGlite, or a PGlite data folder. */
  target?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/** The default PGlite folder: `.data/pglite` in the project, or PGLITE_DATA_DIR when set. */
export function defaultPgliteDir(): string {
  const dir = process.env.PGLITE_DATA_DIR;
  if (dir && !path.isAbsolute(dir)) throw new Error(`PGLITE_DATA_DIR must be an absolute path (got "${dir}")`);
  return dir || path.join(process.cwd(), '.data', 'pglite');
}

/** Opens a database: a URL → PostgreSQL; `memory` → in-memory PGlite; anything else → a PGlite folder. */
export async function openDb(options: OpenOptions = {}): Promise<Db> {
  const target = options.target ?? (process.env.DATABASE_URL || defaultPgliteDir());
  const db = /^postgres(ql)?:\/\//.test(target)
    ? await openPostgres(target)
    : await openPglite(target === 'memory' ? null : target);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (e) {
      await db.close().catch(() => {});
      throw e;
    }
  }
  return db;
}

const globalForDb = globalThis as unknown as { __uptimeDb?: Promise<Db> };

/**
 * The process-wide database (one PGlite instance per process; it survives `next dev` hot
 * reloads because it lives on globalThis). A failed open is not cached, so the next call retries.
 */
export function getDb(): Promise<Db> {
  if (!globalForDb.__uptimeDb) {
    globalForDb.__uptimeDb = openDb().catch((e) => {
      globalForDb.__uptimeDb = undefined;
      throw e;
    });
  }
  return globalForDb.__uptimeDb;
}

/** Makes `getDb()` answer with this database (tests, and CLI commands that run app code). */
export function setDb(db: Db): void {
  globalForDb.__uptimeDb = Promise.resolve(db);
}
