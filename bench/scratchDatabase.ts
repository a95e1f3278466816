import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, migrate, type Storage } from '../src/storage/database.ts';
import { dropTestDatabase } from '../src/testing/databases.ts';

/** A fresh, migrated database on a PostgreSQL server for one benchmark; `drop()` removes it. */
export async function scratchPostgres(adminUrl: string, poolSize = 8): Promise<{ storage: Storage; url: string; drop(): Promise<void> }> {
  const name = `cairn_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString(), dataDir: '', poolSize });
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
