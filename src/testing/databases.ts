import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, migrate, type Storage } from '../storage/database.ts';

/** A database the storage and HTTP suites run against. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** The shared, migrated storage for this test process. */
  storage(): Promise<Storage>;
  /** postgres:// URL of the test database (postgres only), for tests that start processes. */
  url?: string;
}

let pglite: Promise<Storage> | undefined;
let postgres: Promise<Storage> | undefined;
let postgresUrl: string | undefined;

/** One embedded database per test process; tests isolate themselves with unique ids. */
function sharedPglite(): Promise<Storage> {
  pglite ??= openStorage({ databaseUrl: null, dataDir: '', inMemory: true }).then(async (s) => {
    await migrate(s.db);
    return s;
  });
  return pglite;
}

/** A fresh, migrated database on a PostgreSQL server (tests, benchmarks); `drop()` removes it. */
export async function scratchPostgres(
  adminUrl: string,
  options: { prefix?: string; poolSize?: number } = {},
): Promise<{ storage: Storage; url: string; drop(): Promise<void> }> {
  const name = `${options.prefix ?? 'cairn_test'}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const storage = await openStorage({
    databaseUrl: url.toString(),
    dataDir: '',
    poolSize: options.poolSize ?? 10,
  });
  await migrate(storage.db);
  return {
    storage,
    url: url.toString(),
    async drop() {
      await storage.close();
      await dropTestDatabase(adminUrl, name);
    },
  };
}

/** A fresh database on the TEST_DATABASE_URL server, dropped when the tests end. */
function sharedPostgres(adminUrl: string): Promise<Storage> {
  if (!postgres) {
    const scratch = scratchPostgres(adminUrl);
    postgres = scratch.then((s) => {
      postgresUrl = s.url;
      return s.storage;
    });
    dropPostgres = async () => (await scratch).drop();
  }
  return postgres;
}

let dropPostgres: (() => Promise<void>) | undefined;

// Registered at load time so they hang off the root test and run once, after every file.
after(async () => {
  if (pglite) await (await pglite).close();
  await dropPostgres?.();
});

/**
 * Drops a test database once its connections are gone. pg's pool.end() does not wait for the
 * server to close sockets, and forcing the drop while they linger makes the server terminate
 * them, which surfaces as an uncaught error in the test process.
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (Number(rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** PGlite always; a real PostgreSQL server too whenever TEST_DATABASE_URL is set. */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: 'pglite', storage: sharedPglite }];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    // Resolve the URL eagerly so tests that spawn processes can read it after storage().
    const backend: TestBackend = {
      name: 'postgres',
      storage: async () => {
        const s = await sharedPostgres(adminUrl);
        backend.url = postgresUrl;
        return s;
      },
    };
    backends.push(backend);
  }
  return backends;
}

/** A unique suffix so tests sharing a database never collide. */
export function unique(prefix = 't'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}
