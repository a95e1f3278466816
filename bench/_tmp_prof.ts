import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrate, type Storage } from '../src/storage/database.ts';
import type { Database } from '../src/storage/schema.ts';
import { bulkAwardOnce } from './bulkAward.ts';
const stats = new Map<string, { n: number; ms: number }>();
const pool = new pg.Pool({ connectionString: process.env.U, max: 4 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => {
  const key = e.query.sql.replace(/\s+/g, ' ').slice(0, 90);
  const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(key, s);
} });
const s: Storage = { db, kind: 'postgres', location: '', close: () => db.destroy() };
await migrate(s.db);
stats.clear();
console.log(await bulkAwardOnce(s, Number(process.env.N ?? 5000)));
for (const [k, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(Math.round(v.ms), v.n, k);
await s.close();
