import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { testBackends, unique } from '../testing/databases.ts';
import { inTransaction, type Queryable } from '../storage/database.ts';
import { jobType } from './definition.ts';
import { onJobsEnqueued } from './wake.ts';

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/** The jobs of one test: the database is shared, so each test uses its own job type. */
const jobsOf = (db: Queryable, type: string) =>
  db
    .selectFrom('jobs')
    .select(['payload', 'idempotency_key', 'max_attempts', 'organisation_id', 'run_at'])
    .where('type', '=', type)
    .orderBy('id')
    .execute();

async function countingWakes<T>(work: (wakes: string[]) => Promise<T>): Promise<T> {
  const wakes: string[] = [];
  const stop = onJobsEnqueued(() => wakes.push('wake'));
  try {
    return await work(wakes);
  } finally {
    stop();
  }
}

for (const backend of testBackends()) {
  describe(`enqueueMany: a typed batch of jobs (${backend.name})`, () => {
    const schema = z.object({ label: z.string(), count: z.number().int() });

    test('a committed batch is stored with its options and wakes the workers once, after the commit', async () => {
      const { db } = await backend.storage();
      const type = unique('test.batch.');
      const batch = jobType(type, schema);
      const now = new Date('2031-02-03T04:05:06Z');
      // More than one INSERT's worth of rows, still one wake.
      const payloads = Array.from({ length: 1203 }, (_, i) => ({ label: `n${i}`, count: i }));
      await countingWakes(async (wakes) => {
        const created = await inTransaction(db, async (tx) => {
          const n = await batch.enqueueMany(tx, payloads, now, (p) => ({
            idempotencyKey: `${type}:${p.label}`,
            maxAttempts: 3,
            organisationId: null,
          }));
          await nextTick();
          assert.equal(wakes.length, 0, 'no wake while the transaction is open');
          return n;
        });
        assert.equal(created, 1203);
        assert.equal(wakes.length, 1, 'one wake for the whole batch');
      });
      const rows = await jobsOf(db, type);
      assert.equal(rows.length, 1203);
      assert.deepEqual(rows[7]!.payload, { label: 'n7', count: 7 });
      assert.equal(rows[7]!.idempotency_key, `${type}:n7`);
      assert.equal(rows[7]!.max_attempts, 3);
      assert.equal(new Date(rows[7]!.run_at).toISOString(), now.toISOString());

      // Again with keys that exist: nothing is added, nobody is woken.
      await countingWakes(async (wakes) => {
        const again = await inTransaction(db, (tx) =>
          batch.enqueueMany(tx, payloads.slice(0, 5), now, (p) => ({ idempotencyKey: `${type}:${p.label}` })),
        );
        await nextTick();
        assert.equal(again, 0);
        assert.equal(wakes.length, 0);
      });
      assert.equal((await jobsOf(db, type)).length, 1203);
    });

    test('a transaction that rolls back wakes nobody and leaves no jobs', async () => {
      const { db } = await backend.storage();
      const type = unique('test.batch.');
      const batch = jobType(type, schema);
      await countingWakes(async (wakes) => {
        await assert.rejects(
          inTransaction(db, async (tx) => {
            await batch.enqueueMany(
              tx,
              [
                { label: 'a', count: 1 },
                { label: 'b', count: 2 },
              ],
              new Date(),
            );
            throw new Error('abort');
          }),
          /abort/,
        );
        await nextTick();
        assert.equal(wakes.length, 0);
      });
      assert.deepEqual(await jobsOf(db, type), []);
    });

    test('one bad payload rejects the whole batch before anything is stored', async () => {
      const { db } = await backend.storage();
      const type = unique('test.batch.');
      const batch = jobType(type, schema);
      await countingWakes(async (wakes) => {
        await assert.rejects(
          batch.enqueueMany(
            db,
            [
              { label: 'fine', count: 1 },
              { label: 'not fine', count: 1.5 },
            ],
            new Date(),
          ),
          (err: unknown) => err instanceof z.ZodError,
        );
        await nextTick();
        assert.equal(wakes.length, 0);
      });
      assert.deepEqual(await jobsOf(db, type), []);
    });

    test('an empty batch stores nothing and wakes nobody; outside a transaction the wake comes at once', async () => {
      const { db } = await backend.storage();
      const type = unique('test.batch.');
      const batch = jobType(type, schema);
      await countingWakes(async (wakes) => {
        assert.equal(await batch.enqueueMany(db, [], new Date()), 0);
        await nextTick();
        assert.equal(wakes.length, 0);
        assert.equal(
          await batch.enqueueMany(db, [{ label: 'x', count: 0 }], new Date(), { maxAttempts: 2 }),
          1,
        );
        await nextTick();
        assert.equal(wakes.length, 1);
      });
      const [row] = await jobsOf(db, type);
      assert.equal(row?.max_attempts, 2);
    });
  });
}
