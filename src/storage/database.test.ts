import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { dropTestDatabase, testBackends, unique } from '../testing/databases.ts';
import { inTransaction, migrate, openStorage } from './database.ts';
import { publicId } from '../domain/ids.ts';

for (const backend of testBackends()) {
  describe(`storage (${backend.name})`, () => {
    test('migrations are recorded and applying them again does nothing', async () => {
      const { db } = await backend.storage();
      assert.deepEqual(await migrate(db), []);
      const rows = await db
        .selectFrom('schema_migrations' as never)
        .select(sql<string>`name`.as('name'))
        .execute();
      assert.ok(rows.some((r) => r.name === '0001_foundation'));
    });

    test('a transaction is all or nothing, and concurrent work never slips into it', async () => {
      const { db } = await backend.storage();
      const slug = unique('tx-');
      const failing = inTransaction(db, async (tx) => {
        await tx
          .insertInto('organisations')
          .values({
            public_id: publicId('org'),
            slug,
            name: 'Rolled back',
            kind: 'issuer',
            updated_at: new Date(),
          })
          .execute();
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('abort');
      });
      // Runs while the transaction above is open; on PGlite it must wait, not join it.
      const outside = db
        .insertInto('organisations')
        .values({
          public_id: publicId('org'),
          slug: `${slug}-b`,
          name: 'Kept',
          kind: 'issuer',
          updated_at: new Date(),
        })
        .execute();
      await assert.rejects(failing, /abort/);
      await outside;
      const found = await db
        .selectFrom('organisations')
        .select('slug')
        .where('slug', 'like', `${slug}%`)
        .execute();
      assert.deepEqual(
        found.map((f) => f.slug),
        [`${slug}-b`],
      );
    });

    test('ids come back as numbers and arrays as arrays on every driver', async () => {
      const { db } = await backend.storage();
      const org = await db
        .insertInto('organisations')
        .values({
          public_id: publicId('org'),
          slug: unique('ids-'),
          name: 'Types',
          kind: 'both',
          updated_at: new Date(),
        })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      assert.equal(typeof org.id, 'number');
      assert.ok(org.created_at instanceof Date);
    });
  });
}

const postgres = testBackends().find((b) => b.name === 'postgres');
describe(
  'migrations on a fresh PostgreSQL database',
  { skip: postgres ? false : 'needs TEST_DATABASE_URL' },
  () => {
    test('several processes starting at once migrate it exactly once', async () => {
      const adminUrl = process.env.TEST_DATABASE_URL!;
      const name = `cairn_test_migrate_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const storages = await Promise.all(
        [1, 2, 3].map(() => openStorage({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 })),
      );
      try {
        const results = await Promise.all(storages.map((s) => migrate(s.db)));
        assert.equal(
          results.flat().filter((n) => n === '0001_foundation').length,
          1,
          'one process applied it, the others found it done',
        );
      } finally {
        for (const s of storages) await s.close();
        await admin.end();
        await dropTestDatabase(adminUrl, name);
      }
    });
  },
);
