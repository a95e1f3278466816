import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { ChangeCounter, PGliteDialect } from './pg/pgliteDialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import type { Logger } from '../logger.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything queries can run on: the database or a transaction in progress. */
export type Queryable = Db | Tx;

export interface Storage {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages (never contains a password). */
  location: string;
  close(): Promise<void>;
  /** The embedded database's files as one archive, to open copies of it (`StorageOptions.from`). */
  snapshot?(): Promise<Blob>;
}

export interface StorageOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL: how long to wait for a connection (a new one, or a free one from the pool). */
  connectTimeoutMs?: number;
  /** Where to report connections the server closed (restart, failover); they are replaced. */
  logger?: Pick<Logger, 'warn' | 'debug'>;
  /** Embedded database kept in memory only (tests). */
  inMemory?: boolean;
  /** Embedded: start as a copy of this `snapshot()` (tests: a seeded demo in a second, not a minute). */
  from?: Blob;
}

const INT8 = 20;
const NUMERIC = 1700;

// bigint ids fit in a JS number for any realistic table; both drivers return numbers.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

/** Opens PostgreSQL (DATABASE_URL) or the embedded PGlite database; does not migrate. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const pool = openPool(options.databaseUrl, options);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
  }
  let dataPath = 'memory://';
  let unlock = () => {};
  if (!options.inMemory) {
    dataPath = resolve(options.dataDir, 'db');
    mkdirSync(dataPath, { recursive: true });
    unlock = lockDataDir(resolve(options.dataDir, 'db.lock'));
  }
  const pglite = await PGlite.create(dataPath, {
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    ...(options.from ? { loadDataDir: options.from } : {}),
  });
  const changes = new ChangeCounter();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, changes) });
  changeCounters.set(db, changes);
  return {
    db,
    kind: 'pglite',
    location: options.inMemory ? 'memory' : dataPath,
    close: async () => {
      await db.destroy();
      unlock();
    },
    snapshot: () => pglite.dumpDataDir('none'),
  };
}

/** Default bound on waiting for a PostgreSQL connection, so requests fail fast in an outage. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool that rides through a restart or failover of the server. When the server ends a
 * connection (restart, failover, a pooler's idle timeout), node-postgres emits 'error' on the
 * client and, for an idle client, on the pool: without listeners that event would end the
 * process. The listeners here log it; the pool drops the broken client and opens a new one on
 * demand, and the query that was running fails with an error the callers treat as temporary.
 */
function openPool(connectionString: string, options: StorageOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // Notices a server that vanished without closing its connections (a network partition).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  let lastWarned = 0;
  pool.on('error', (err) => {
    // One line per burst: a restart closes every idle connection at once.
    const now = Date.now();
    const fields = { error: err.message, code: (err as { code?: string }).code };
    if (now - lastWarned > 10_000)
      options.logger?.warn('the database closed a connection; it will be replaced when needed', fields);
    else options.logger?.debug('the database closed a connection', fields);
    lastWarned = now;
  });
  // A checked-out client whose connection breaks also emits 'error'; the query it runs (or its
  // next one) fails and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', (err) =>
      options.logger?.debug('a database connection in use broke', { error: err.message }),
    );
  });
  return pool;
}

const changeCounters = new WeakMap<object, ChangeCounter>();

/**
 * On the embedded database (one process), a number that moves whenever data may have changed:
 * note it before reading, and the copy is current while it has not moved. Undefined on
 * PostgreSQL, where other processes write too.
 */
export function embeddedChanges(db: Queryable): number | undefined {
  return changeCounters.get(db)?.value;
}

/** Applies every pending forward-only migration; safe when several processes start at once. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs work in one transaction; joins the caller's transaction when given one. */
const afterCommitHooks = new WeakMap<object, Array<() => void>>();

/**
 * Runs `hook` once the transaction `db` belongs to has committed (never if it rolls back).
 * Outside a transaction opened by `inTransaction`, the work is already committed: it runs at once.
 */
export function afterCommit(db: Queryable, hook: () => void): void {
  const hooks = db.isTransaction ? afterCommitHooks.get(db) : undefined;
  if (hooks) hooks.push(hook);
  else queueMicrotask(hook);
}

export async function inTransaction<T>(db: Queryable, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  const hooks: Array<() => void> = [];
  const result = await (db as Db).transaction().execute((tx) => {
    afterCommitHooks.set(tx, hooks);
    return work(tx);
  });
  for (const hook of hooks) hook();
  return result;
}

/**
 * The embedded database must have one process at a time: two would corrupt it. A lock file
 * with the owner's pid refuses a second one with a clear message; a stale lock is taken over.
 */
function lockDataDir(file: string): () => void {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid) {
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive) {
        throw new Error(
          `The embedded database in ${file.replace(/db\.lock$/, '')} is in use by process ${pid} (probably \`cairn serve\`). Stop it first, or use DATABASE_URL for several processes.`,
        );
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
