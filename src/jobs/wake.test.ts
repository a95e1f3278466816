import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { testBackends, unique } from '../testing/databases.ts';
import { inTransaction } from '../storage/database.ts';
import { jobType } from './definition.ts';
import { onJobsEnqueued } from './wake.ts';

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

for (const backend of testBackends()) {
  describe(`typed jobs and the after-commit wake (${backend.name})`, () => {
    const probe = jobType('test.probe', z.object({ label: z.string(), count: z.number().int() }));

    test('enqueuing in a transaction wakes workers once it commits, not before', async () => {
      const { db } = await backend.storage();
      const wakes: string[] = [];
      const stop = onJobsEnqueued(() => wakes.push('wake'));
      try {
        await inTransaction(db, async (tx) => {
          await probe.enqueue(tx, { label: unique('a'), count: 1 }, new Date());
          await nextTick();
          assert.equal(wakes.length, 0, 'no wake while the transaction is open');
        });
        assert.equal(wakes.length, 1, 'one wake after the commit');
      } finally {
        stop();
      }
    });

    test('a transaction that rolls back wakes nobody and leaves no job', async () => {
      const { db } = await backend.storage();
      const label = unique('rolled-back');
      const wakes: string[] = [];
      const stop = onJobsEnqueued(() => wakes.push('wake'));
      try {
        await assert.rejects(
          inTransaction(db, async (tx) => {
            await probe.enqueue(tx, { label, count: 1 }, new Date());
            throw new Error('abort');
          }),
          /abort/,
        );
        await nextTick();
        assert.equal(wakes.length, 0);
        const left = await db
          .selectFrom('jobs')
          .select('id')
          .where('type', '=', 'test.probe')
          .where(({ eb, ref }) => eb(ref('payload', '->>').key('label' as never), '=', label))
          .execute();
        assert.equal(left.length, 0);
      } finally {
        stop();
      }
    });

    test('outside a transaction the wake comes at once; the payload is checked against its schema', async () => {
      const { db } = await backend.storage();
      const wakes: string[] = [];
      const stop = onJobsEnqueued(() => wakes.push('wake'));
      try {
        const label = unique('direct');
        const { id, created } = await probe.enqueue(db, { label, count: 2 }, new Date());
        assert.ok(created);
        await nextTick();
        assert.equal(wakes.length, 1);
        const row = await db
          .selectFrom('jobs')
          .select(['type', 'payload'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(row.type, 'test.probe');
        assert.deepEqual(row.payload, { label, count: 2 });
        await assert.rejects(
          probe.enqueue(db, { label, count: 1.5 }, new Date()),
          (err: unknown) => err instanceof z.ZodError,
        );
      } finally {
        stop();
      }
    });
  });
}
