import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { testBackends, unique } from '../testing/databases.ts';
import { testConfig } from '../testing/http.ts';
import { ManualClock, HOUR, MINUTE } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { outboxOnlyMailer } from '../mail/mailer.ts';
import { inTransaction, type Storage } from '../storage/database.ts';
import { backoffMs, claimJobs, completeJob, enqueueJob, failJob, retryDeadJob } from './queue.ts';
import { Worker } from './worker.ts';
import { defineJob, PermanentJobError, type JobDefinition } from './definition.ts';
import { enqueueDueSchedules, ensureSchedules } from './schedules.ts';

// Every test runs at its own far-future moment, so only its own jobs are due: the database is
// shared with every other test in the process.
let era = 0;
function clockOfItsOwn(): ManualClock {
  era++;
  return new ManualClock(new Date(Date.UTC(2400 + era, 0, 1)));
}
const ownJobs = async (storage: Storage, type: string) =>
  storage.db.selectFrom('jobs').selectAll().where('type', '=', type).orderBy('id').execute();

function worker(storage: Storage, clock: ManualClock, jobs: JobDefinition<unknown>[], concurrency = 2) {
  return new Worker({
    deps: { db: storage.db, clock, logger: silentLogger, mailer: outboxOnlyMailer, config: testConfig() },
    jobs,
    concurrency,
    pollMs: 20,
  });
}

for (const backend of testBackends()) {
  describe(`durable job queue (${backend.name})`, () => {
    test('an idempotency key yields one job; a rolled-back transaction leaves none', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.idem.');
      const key = unique('key');
      const a = await enqueueJob(storage.db, type, { n: 1 }, clock.now(), { idempotencyKey: key });
      const b = await enqueueJob(storage.db, type, { n: 2 }, clock.now(), { idempotencyKey: key });
      assert.equal(a.id, b.id);
      assert.deepEqual([a.created, b.created], [true, false]);
      await assert.rejects(
        inTransaction(storage.db, async (tx) => {
          await enqueueJob(tx, type, {}, clock.now());
          throw new Error('rollback');
        }),
        /rollback/,
      );
      assert.equal((await ownJobs(storage, type)).length, 1);
    });

    test('failures retry with growing backoff, then go dead with the last error; an admin can retry', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.flaky.');
      const { id } = await enqueueJob(storage.db, type, {}, clock.now(), { maxAttempts: 3 });
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const [job] = await claimJobs(storage.db, {
          worker: 'w1',
          limit: 5,
          now: clock.now(),
          leaseMs: MINUTE,
          types: [type],
        });
        assert.equal(job?.id, id);
        assert.equal(job.attempts, attempt);
        const outcome = await failJob(storage.db, job, 'w1', `boom ${attempt}`, clock.now());
        const row = (await ownJobs(storage, type))[0]!;
        if (attempt < 3) {
          assert.equal(outcome, 'retry');
          assert.equal(row.status, 'queued');
          delays.push(row.run_at.getTime() - clock.now().getTime());
          assert.equal(
            (
              await claimJobs(storage.db, {
                worker: 'w1',
                limit: 5,
                now: clock.now(),
                leaseMs: MINUTE,
                types: [type],
              })
            ).length,
            0,
            'not due before its backoff',
          );
          clock.set(row.run_at);
        } else {
          assert.equal(outcome, 'dead');
          assert.equal(row.status, 'dead');
          assert.equal(row.last_error, 'boom 3');
        }
      }
      assert.ok(delays[1]! > delays[0]!, `backoff grows: ${delays}`);
      assert.equal(await retryDeadJob(storage.db, id, clock.now()), true);
      const again = await claimJobs(storage.db, {
        worker: 'w2',
        limit: 5,
        now: clock.now(),
        leaseMs: MINUTE,
        types: [type],
      });
      assert.equal(again[0]?.attempts, 1);
      assert.equal(await completeJob(storage.db, again[0]!, 'w2', clock.now()), true);
    });

    test('a job whose worker died is taken over when its lease runs out; the late worker cannot complete it', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.lease.');
      await enqueueJob(storage.db, type, {}, clock.now());
      const [first] = await claimJobs(storage.db, {
        worker: 'dead-worker',
        limit: 1,
        now: clock.now(),
        leaseMs: MINUTE,
        types: [type],
      });
      assert.ok(first);
      assert.equal(
        (
          await claimJobs(storage.db, {
            worker: 'w2',
            limit: 1,
            now: clock.now(),
            leaseMs: MINUTE,
            types: [type],
          })
        ).length,
        0,
      );
      clock.advance(2 * MINUTE);
      const [taken] = await claimJobs(storage.db, {
        worker: 'w2',
        limit: 1,
        now: clock.now(),
        leaseMs: MINUTE,
        types: [type],
      });
      assert.equal(taken?.id, first.id);
      assert.equal(await completeJob(storage.db, first, 'dead-worker', clock.now()), false);
      assert.equal(await completeJob(storage.db, taken!, 'w2', clock.now()), true);
    });

    test('concurrent claimers never take the same job', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.race.');
      for (let i = 0; i < 120; i++) await enqueueJob(storage.db, type, { i }, clock.now());
      const seen: number[] = [];
      await Promise.all(
        [1, 2, 3, 4].map(async (w) => {
          for (;;) {
            const jobs = await claimJobs(storage.db, {
              worker: `w${w}`,
              limit: 7,
              now: clock.now(),
              leaseMs: HOUR,
              types: [type],
            });
            if (!jobs.length) return;
            seen.push(...jobs.map((j) => j.id));
          }
        }),
      );
      assert.equal(seen.length, 120);
      assert.equal(new Set(seen).size, 120);
    });

    test('the worker validates payloads, runs handlers within its concurrency, records runs and sends bad jobs to the dead letters', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.work.');
      let running = 0;
      let peak = 0;
      const handled: number[] = [];
      const job = defineJob({
        type,
        payload: z.object({ n: z.number() }),
        async handle({ n }) {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 10));
          running--;
          if (n === 99) throw new PermanentJobError('cannot do 99');
          handled.push(n);
        },
      });
      for (let n = 0; n < 6; n++) await enqueueJob(storage.db, type, { n }, clock.now());
      await enqueueJob(storage.db, type, { n: 'not a number' }, clock.now());
      await enqueueJob(storage.db, type, { n: 99 }, clock.now());
      const w = worker(storage, clock, [job as JobDefinition<unknown>], 2);
      await w.drain();
      assert.deepEqual(handled.sort(), [0, 1, 2, 3, 4, 5]);
      assert.ok(peak <= 2, `never more than 2 at once (peak ${peak})`);
      const rows = await ownJobs(storage, type);
      assert.deepEqual(
        rows.map((r) => r.status),
        ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'dead', 'dead'],
      );
      // A worker without a handler leaves other types alone (rolling deploys, dedicated workers).
      const stranger = unique('t.unhandled.');
      await enqueueJob(storage.db, stranger, {}, clock.now());
      await w.drain();
      assert.equal((await ownJobs(storage, stranger))[0]?.status, 'queued');
      await storage.db.deleteFrom('jobs').where('type', '=', stranger).execute();
      assert.match(rows[6]!.last_error!, /Invalid payload/);
      assert.match(rows[7]!.last_error!, /cannot do 99/);
      const runs = await storage.db
        .selectFrom('job_runs')
        .select(['outcome'])
        .where(
          'job_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      assert.equal(runs.length, 8);
    });

    test('stop() waits for the job in hand', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const type = unique('t.stop.');
      let finished = false;
      const job = defineJob({
        type,
        payload: z.object({}),
        async handle() {
          await new Promise((r) => setTimeout(r, 150));
          finished = true;
        },
      });
      await enqueueJob(storage.db, type, {}, clock.now());
      const w = worker(storage, clock, [job as JobDefinition<unknown>]);
      w.start();
      for (let i = 0; i < 100 && (await ownJobs(storage, type))[0]?.status !== 'running'; i++)
        await new Promise((r) => setTimeout(r, 10));
      await w.stop();
      assert.equal(finished, true);
      assert.equal((await ownJobs(storage, type))[0]?.status, 'succeeded');
    });

    test('schedules enqueue once per slot however many processes tick, and resume from now after downtime', async () => {
      const storage = await backend.storage();
      const clock = clockOfItsOwn();
      const name = unique('sched-');
      const type = unique('t.sched.');
      await ensureSchedules(storage.db, [{ name, jobType: type, everySeconds: 3600 }], clock.now());
      await Promise.all([1, 2, 3, 4, 5].map(() => enqueueDueSchedules(storage.db, clock.now())));
      assert.equal((await ownJobs(storage, type)).length, 1);
      clock.advance(30 * MINUTE);
      await enqueueDueSchedules(storage.db, clock.now());
      assert.equal((await ownJobs(storage, type)).length, 1, 'not due yet');
      clock.advance(10 * HOUR);
      await enqueueDueSchedules(storage.db, clock.now());
      await enqueueDueSchedules(storage.db, clock.now());
      assert.equal((await ownJobs(storage, type)).length, 2, 'missed slots are not replayed');
      const row = await storage.db
        .selectFrom('job_schedules')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      assert.equal(row.next_run_at.getTime(), clock.now().getTime() + HOUR);
      await ensureSchedules(storage.db, [{ name, jobType: type, everySeconds: 60 }], clock.now());
      const kept = await storage.db
        .selectFrom('job_schedules')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      assert.equal(
        kept.next_run_at.getTime(),
        row.next_run_at.getTime(),
        're-registering keeps the next run',
      );
      assert.equal(kept.every_seconds, 60);
      await storage.db.deleteFrom('job_schedules').where('name', '=', name).execute();
    });
  });
}

test('backoff grows exponentially and is capped at an hour', () => {
  const noJitter = () => 0;
  assert.deepEqual(
    [1, 2, 3, 4].map((a) => backoffMs(a, noJitter)),
    [5_000, 10_000, 20_000, 40_000],
  );
  assert.equal(backoffMs(30, noJitter), 3_600_000);
  assert.ok(backoffMs(1, () => 1) <= 6_000);
});
