import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { scratchPostgres, unique } from '../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';
import { buildUser } from '../../testing/factories.ts';
import { systemClock, DAY } from '../../domain/clock.ts';
import { silentLogger } from '../../logger.ts';
import { createApp } from '../../main/app.ts';
import { Worker } from '../../jobs/worker.ts';
import { allJobs } from '../../main/jobRegistry.ts';
import { outboxOnlyMailer } from '../../mail/mailer.ts';
import { queueMail } from '../../mail/outbox.ts';
import { createSession } from '../sessions.ts';

// The server ends the connections of a web app and its worker while they serve a stream of
// requests and jobs (as a restart, failover or a pooler's idle timeout does). Before the pool
// had error listeners this was an 'error' event nobody listened to, and the process died.
// Now: nothing escapes as an uncaught error, requests answer 200 or a clean 503, and once the
// connections are replaced every request succeeds and every queued job completes.
const adminUrl = process.env.TEST_DATABASE_URL;

describe(
  'terminated PostgreSQL backends under load',
  { skip: adminUrl ? false : 'needs TEST_DATABASE_URL (CI sets it)' },
  () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c().catch(() => {});
    });

    test(
      'requests and jobs ride through pg_terminate_backend; the process never sees an uncaught error',
      { timeout: 180_000 },
      async () => {
        const escaped: unknown[] = [];
        const onEscape = (err: unknown) => escaped.push(err);
        process.on('uncaughtException', onEscape);
        process.on('unhandledRejection', onEscape);
        cleanups.push(async () => {
          process.off('uncaughtException', onEscape);
          process.off('unhandledRejection', onEscape);
        });

        const scratch = await scratchPostgres(adminUrl!, { prefix: 'cairn_term', poolSize: 5 });
        cleanups.push(() => scratch.drop());
        const db = scratch.storage.db;
        const name = new URL(scratch.url).pathname.slice(1);
        const config = testConfig({ JOB_POLL_MS: '50' });
        const worker = new Worker({
          deps: {
            db,
            clock: systemClock,
            logger: silentLogger,
            mailer: outboxOnlyMailer,
            config,
            credentials: testCredentialServices(),
          },
          jobs: allJobs,
          concurrency: 3,
          pollMs: 50,
          maxBackoffMs: 1000,
        });
        const app = createApp({
          config,
          db,
          clock: systemClock,
          logger: silentLogger,
          credentials: testCredentialServices(),
        });
        worker.start();
        cleanups.push(() => worker.stop());

        const user = await buildUser(db);
        const token = await createSession(db, {
          userId: user.id,
          ip: null,
          userAgent: null,
          now: new Date(),
          ttlMs: DAY,
        });
        const cookie = `cairn_session=${token}`;
        const requests: Array<{ path: string; headers: Record<string, string> }> = [
          { path: '/profile', headers: { accept: 'text/html', cookie } },
          { path: '/api/v1/me', headers: { accept: 'application/json', cookie } },
          { path: '/readyz', headers: {} },
          { path: '/healthz', headers: {} },
        ];

        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        cleanups.push(() => admin.end());
        const tag = unique('term');
        const statuses = new Map<number, number>();
        const queued: number[] = [];
        let enqueueFailures = 0;
        let terminated = 0;
        const ended: number[] = [];

        // Load: three request streams and one stream of mail jobs, running until the terminations end.
        let loading = true;
        const unexpected: string[] = [];
        const requestStream = async (offset: number) => {
          for (let i = offset; loading; i++) {
            const r = requests[i % requests.length]!;
            try {
              const res = await app.request(r.path, { headers: r.headers });
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              const body = await res.text();
              if (res.status === 503 && (!/database/.test(body) || !res.headers.get('retry-after')))
                unexpected.push(`${r.path}: a 503 without the database message or Retry-After: ${body}`);
              if (res.status !== 503 && res.status !== 200)
                unexpected.push(`${r.path} answered ${res.status}: ${body.slice(0, 500)}`);
            } catch (err) {
              unexpected.push(`${r.path} failed: ${String(err)}`);
            }
          }
        };
        const jobStream = async () => {
          for (let i = 0; loading; i++) {
            try {
              const { outboxId } = await queueMail(
                db,
                `${tag}-${i}@example.org`,
                { template: 'test', subject: `${tag} #${i}`, text: 'hello', html: '<p>hello</p>' },
                new Date(),
              );
              queued.push(outboxId);
              worker.nudge();
            } catch {
              enqueueFailures++; // the connection was ended under it: the caller sees an error, nothing is half-done
            }
            await new Promise((r) => setTimeout(r, 5));
          }
        };
        const load = Promise.all([requestStream(0), requestStream(1), requestStream(2), jobStream()]);

        for (let round = 0; round < 4; round++) {
          // Let traffic build up connections (idle and in use) before ending all of them.
          const before = statuses.size ? [...statuses.values()].reduce((a, b) => a + b, 0) : 0;
          while ([...statuses.values()].reduce((a, b) => a + b, 0) < before + 40 && unexpected.length === 0)
            await new Promise((r) => setTimeout(r, 10));
          const { rows } = await admin.query<{ pid: number; ok: boolean }>(
            'select pid, pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [name],
          );
          terminated += rows.filter((r) => r.ok).length;
          ended.push(...rows.map((r) => r.pid));
        }
        loading = false;
        await load;
        assert.ok(terminated >= 4, `connections were actually terminated (${terminated})`);
        assert.deepEqual(escaped, [], 'no uncaught exception or unhandled rejection');
        assert.deepEqual(unexpected, [], 'every request answered 200 or a clean 503');

        // Once the terminated backends are gone (a request racing a termination gets its 503)...
        for (;;) {
          const { rows } = await admin.query<{ n: string }>(
            'select count(*) as n from pg_stat_activity where pid = any($1)',
            [ended],
          );
          if (Number(rows[0]?.n) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await new Promise((r) => setTimeout(r, 50)); // and their closed sockets have been read
        // ...every request succeeds again...
        for (const r of requests) {
          const res = await app.request(r.path, { headers: r.headers });
          assert.equal(res.status, 200, `${r.path} after the terminations`);
        }
        // ...and every job that was queued completes (those whose writes broke are retried).
        assert.ok(queued.length > 0, 'jobs were queued during the terminations');
        const deadline = Date.now() + 120_000;
        for (;;) {
          const jobs = await db
            .selectFrom('jobs')
            .select(['id', 'status', 'last_error'])
            .where('type', '=', 'mail.deliver')
            .where('idempotency_key', 'like', 'mail:%')
            .execute();
          const outbox = await db
            .selectFrom('mail_outbox')
            .select(['id', 'status'])
            .where('id', 'in', queued)
            .execute();
          const pending = outbox.filter((m) => m.status !== 'kept');
          const dead = jobs.filter((j) => j.status === 'dead');
          assert.deepEqual(dead, [], 'no job died');
          if (pending.length === 0 && jobs.every((j) => j.status === 'succeeded')) break;
          if (Date.now() > deadline)
            assert.fail(
              `${pending.length} of ${queued.length} messages were never handled: ${JSON.stringify(jobs.filter((j) => j.status !== 'succeeded'))}`,
            );
          await new Promise((r) => setTimeout(r, 200));
        }
        assert.deepEqual(escaped, [], 'still no uncaught exception or unhandled rejection');
        assert.ok((statuses.get(200) ?? 0) > 0);
        assert.deepEqual(
          [...statuses.keys()].filter((s) => s !== 200 && s !== 503),
          [],
          `only 200 and 503 (${JSON.stringify([...statuses])}; ${enqueueFailures} enqueues failed)`,
        );
      },
    );
  },
);
