import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends, unique } from '../testing/databases.ts';
import { embeddedChanges, inTransaction } from './database.ts';

for (const backend of testBackends()) {
  test(`the embedded change count moves on every statement that may write, not on reads (${backend.name})`, async () => {
    const storage = await backend.storage();
    const { db } = storage;
    if (backend.name === 'postgres') {
      assert.equal(embeddedChanges(db), undefined, 'other processes write to PostgreSQL: no count to trust');
      return;
    }
    const at = () => embeddedChanges(db)!;
    const start = at();
    await db.selectFrom('organisations').select('id').limit(1).execute();
    assert.equal(at(), start, 'a select changes nothing');
    await db
      .insertInto('organisations')
      .values({
        public_id: unique('org_'),
        slug: unique('c-'),
        name: 'Counted',
        kind: 'issuer',
        updated_at: new Date(),
      })
      .execute();
    assert.ok(at() > start, 'an insert moves it');
    const afterInsert = at();
    await inTransaction(db, async (tx) => {
      await tx.selectFrom('organisations').select('id').limit(1).execute();
    });
    assert.ok(at() > afterInsert, 'a transaction (begin/commit) counts as a possible change');
    const afterTx = at();
    await sql`select 1`.execute(db);
    assert.ok(at() > afterTx, 'raw SQL is not parsed: it counts, to be safe');
  });
}
