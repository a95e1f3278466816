import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, Migrator } from 'kysely';
import { scratchPostgres, testBackends } from '../../../testing/databases.ts';
import { testConfig } from '../../../testing/http.ts';
import { buildUser } from '../../../testing/factories.ts';
import { ManualClock } from '../../../domain/clock.ts';
import { hashToken, newSecretToken, publicId } from '../../../domain/ids.ts';
import { openStorage, type Db, type Storage } from '../../../storage/database.ts';
import { migrations } from '../../../storage/migrations/index.ts';
import { sharedCollection } from '../access.ts';
import { createCollection } from './createCollection.ts';
import { shareCollection } from './shareCollection.ts';

// Collection share links are secrets: the database keeps only their hash, the link works, stopping
// sharing (or making a new link) kills it, and links made before hashing keep working.

/** Every value the database holds for the user's collections and their audit trail, as one text. */
async function everythingAbout(db: Db, userId: number): Promise<string> {
  const collections = await sql<{
    row: unknown;
  }>`select to_jsonb(c) as row from collections c where c.user_id = ${userId}`.execute(db);
  const audit = await sql<{
    row: unknown;
  }>`select to_jsonb(a) as row from audit_events a where a.actor_user_id = ${userId}`.execute(db);
  return JSON.stringify([...collections.rows, ...audit.rows]);
}

for (const backend of testBackends()) {
  describe(`collection share links (${backend.name})`, () => {
    test('the database holds no plain link; the link works; stopping sharing and new links kill it', async () => {
      const { db } = await backend.storage();
      const deps = { db, clock: new ManualClock(new Date()), config: testConfig() };
      const user = await buildUser(db);
      const actor = { userId: user.id, ip: null };
      const id = await createCollection(deps, { actor, name: 'For my renewal' });
      const token = (await shareCollection(deps, { actor, collection: id, share: true }))!;
      assert.ok(token.length >= 40);
      assert.ok(!(await everythingAbout(db, user.id)).includes(token), 'no plain token stored');
      assert.equal((await sharedCollection(db, token)).public_id, id);
      const replaced = (await shareCollection(deps, { actor, collection: id, share: true }))!;
      assert.notEqual(replaced, token);
      await assert.rejects(sharedCollection(db, token), { code: 'not_found' });
      assert.equal((await sharedCollection(db, replaced)).public_id, id);
      assert.equal(await shareCollection(deps, { actor, collection: id, share: false }), null);
      await assert.rejects(sharedCollection(db, replaced), { code: 'not_found' });
      assert.ok(!(await everythingAbout(db, user.id)).includes(replaced));
    });
  });
}

/** A fresh database of each kind, migrated up to (not including) 0017. */
async function beforeHashing(): Promise<Array<{ name: string; storage: Storage; drop(): Promise<void> }>> {
  const out: Array<{ name: string; storage: Storage; drop(): Promise<void> }> = [];
  const pglite = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
  out.push({ name: 'pglite', storage: pglite, drop: () => pglite.close() });
  if (process.env.TEST_DATABASE_URL) {
    // scratchPostgres migrates to the latest; start over in a schema of its own instead.
    const scratch = await scratchPostgres(process.env.TEST_DATABASE_URL, { poolSize: 2 });
    await sql`drop schema public cascade`.execute(scratch.storage.db);
    await sql`create schema public`.execute(scratch.storage.db);
    out.push({ name: 'postgres', storage: scratch.storage, drop: () => scratch.drop() });
  }
  for (const { storage } of out) {
    const migrator = new Migrator({
      db: storage.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const names = Object.keys(migrations).sort();
    const last = names[names.indexOf('0017_trust_accounts') - 1]!;
    const { error } = await migrator.migrateTo(last);
    if (error) throw error;
  }
  return out;
}

describe('migration 0017 hashes existing share links', () => {
  test(
    'a link shared before the migration still opens the collection, and is no longer stored',
    { timeout: 120_000 },
    async () => {
      for (const { name, storage, drop } of await beforeHashing()) {
        try {
          const db = storage.db;
          const user = await buildUser(db);
          const token = newSecretToken();
          const now = new Date();
          // Written as the table was before 0017 (share_token held the link itself).
          await sql`insert into collections (public_id, user_id, name, shared, share_token, created_at, updated_at)
                  values (${publicId('col')}, ${user.id}, 'Shared long ago', true, ${token}, ${now}, ${now})`.execute(
            db,
          );
          const migrator = new Migrator({
            db,
            provider: { getMigrations: async () => migrations },
            migrationTableName: 'schema_migrations',
            migrationLockTableName: 'schema_migrations_lock',
          });
          const { error } = await migrator.migrateToLatest();
          if (error) throw error;
          assert.equal((await sharedCollection(db, token)).name, 'Shared long ago', name);
          assert.ok(!(await everythingAbout(db, user.id)).includes(token), `${name}: no plain token stored`);
          const row = await db
            .selectFrom('collections')
            .select(['share_token_hash', 'shared_at'])
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow();
          assert.equal(row.share_token_hash, hashToken(token));
          assert.ok(row.shared_at);
        } finally {
          await drop();
        }
      }
    },
  );
});
