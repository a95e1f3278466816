import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../../src/storage/database.ts';
import { startSmtpSink } from '../../src/testing/smtp.ts';
import { buildUser } from '../../src/testing/factories.ts';
import { createSession } from '../../src/storage/sessions.ts';
import { queueMail } from '../../src/mail/outbox.ts';
import { DAY, systemClock } from '../../src/domain/clock.ts';
import { z } from 'zod';
import { Worker } from '../../src/jobs/worker.ts';
import { defineJob, type JobDefinition } from '../../src/jobs/definition.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { outboxOnlyMailer } from '../../src/mail/mailer.ts';
import { silentLogger } from '../../src/logger.ts';
import { testConfig } from '../../src/testing/http.ts';

// A PostgreSQL server of its own (initdb in a temp folder, its own port) is stopped and started
// again under `cairn serve` and `cairn worker`. While it is down the web process stays alive:
// /healthz 200, /readyz 503, pages and the API a prompt 503. Once it is back, both processes
// carry on by themselves: /readyz 200 and a mail queued afterwards reaches the SMTP server.
// A job in flight when the server stops finishes while it is down; its worker keeps the outcome
// and records it once the server is back, in the same attempt (no waiting for the lease).
const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');

/** The directory holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin. */
function postgresBin(): string | null {
  try {
    const found = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (found) return resolve(found, '..');
  } catch {
    // not on PATH
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** initdb and postgres refuse to run as root: then they run as the `postgres` OS user. */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

const pgBin = postgresBin();
const asRoot = userInfo().uid === 0;
const owner = asRoot ? postgresUser() : null;
const skip = !process.env.TEST_DATABASE_URL
  ? 'needs TEST_DATABASE_URL (CI sets it)'
  : !pgBin
    ? 'needs initdb and pg_ctl (PostgreSQL server binaries)'
    : asRoot && !owner
      ? 'running as root needs a `postgres` OS user to run initdb as'
      : false;

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a PostgreSQL tool (as the postgres user when this is root). */
function pgTool(tool: string, args: string[]): string {
  const path = join(pgBin!, tool);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function spawnCairn(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${args[0]} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        res({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`${args[0]} exited with ${code ?? signal}:\n${output}`));
    });
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  output: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      res();
    });
    child.kill('SIGTERM');
  });

describe('a PostgreSQL restart under cairn serve and cairn worker', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-pg-restart-'));
  const data = join(dir, 'data');
  const children: ChildProcess[] = [];
  let storage: Storage | undefined;
  let inProcess: Worker | undefined;
  let clusterStarted = false;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  after(async () => {
    await Promise.all(children.map(stopped));
    await inProcess?.stop();
    await storage?.close().catch(() => {});
    await smtp?.close();
    if (clusterStarted) {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'the processes stay up during the outage and recover by themselves',
    { timeout: 300_000 },
    async () => {
      // A throw-away cluster: trust auth, its own port, its socket in the temp folder.
      if (owner) {
        chownSync(dir, owner.uid, owner.gid);
        chmodSync(dir, 0o700);
      }
      pgTool('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      const port = await freePort();
      const start = () =>
        pgTool('pg_ctl', [
          '-D',
          data,
          '-l',
          join(dir, 'server.log'),
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          '-w',
          '-t',
          '60',
          'start',
        ]);
      start();
      clusterStarted = true;
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
      await admin.connect();
      await admin.query('create database cairn');
      await admin.end();
      const url = `postgres://postgres@127.0.0.1:${port}/cairn`;

      // Set to stop the database while the SMTP server takes the next message (phase 3).
      let stopOnNextMail: (() => void) | null = null;
      smtp = await startSmtpSink({
        rejectWith: () => {
          stopOnNextMail?.();
          stopOnNextMail = null;
          return null;
        },
      });
      const env = {
        DATABASE_URL: url,
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        DATABASE_POOL_SIZE: '4',
        SMTP_URL: smtp.url,
        CAIRN_DEMO: 'false',
        CAIRN_RUN_JOBS: 'false',
        CAIRN_SECRET: 'restart-test-secret-0123456789abcdef-xyz',
        JOB_POLL_MS: '100',
        LOG_LEVEL: 'info',
        CAIRN_FETCH_FOREIGN: 'false',
        PUBLIC_URL: 'http://cairn.test',
      };
      const webPort = await freePort();
      const web = await spawnCairn(['serve'], { ...env, PORT: String(webPort) }, /Cairn is running/);
      children.push(web.child);
      const worker = await spawnCairn(['worker'], env, /worker started/);
      children.push(worker.child);
      const logs = () => `--- web\n${web.output()}\n--- worker\n${worker.output()}`;
      const base = `http://127.0.0.1:${webPort}`;

      storage = await openStorage({ databaseUrl: url, dataDir: '', connectTimeoutMs: 1000 });
      const db = storage.db;
      const user = await buildUser(db);
      const token = await createSession(db, {
        userId: user.id,
        ip: null,
        userAgent: null,
        now: new Date(),
        ttlMs: DAY,
      });
      const cookie = `cairn_session=${token}`;
      const page = () =>
        fetch(`${base}/profile`, {
          headers: { accept: 'text/html', cookie },
          signal: AbortSignal.timeout(30_000),
        });
      const api = () =>
        fetch(`${base}/api/v1/me`, {
          headers: { accept: 'application/json', cookie },
          signal: AbortSignal.timeout(30_000),
        });
      const mailed = (subject: string) =>
        until(
          `"${subject}" to reach the SMTP server`,
          async () => smtp!.received.some((m) => m.subject === subject),
          120_000,
          logs,
        );

      // Before: everything works and the worker delivers mail.
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      assert.equal((await page()).status, 200);
      await queueMail(
        db,
        'before@example.org',
        { template: 'test', subject: 'before the restart', text: 'hi', html: '<p>hi</p>' },
        new Date(),
      );
      await mailed('before the restart');

      // A job in flight across the stop: its handler waits until the server is down.
      let entered!: () => void;
      const inFlight = new Promise<void>((r) => (entered = r));
      let finish!: () => void;
      const finished = new Promise<void>((r) => (finish = r));
      const blocking = defineJob({
        type: 'test.in-flight',
        payload: z.object({}),
        async handle() {
          entered();
          await finished;
        },
      });
      inProcess = new Worker({
        deps: {
          db,
          clock: systemClock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config: testConfig(),
        },
        jobs: [blocking as JobDefinition<unknown>],
        concurrency: 1,
        pollMs: 50,
        maxBackoffMs: 500,
      });
      inProcess.start();
      const { id: jobId } = await enqueueJob(db, 'test.in-flight', {}, new Date());
      await inFlight;

      // Load: a stream of page requests across the stop and the start.
      const statuses: number[] = [];
      let loading = true;
      const load = (async () => {
        while (loading) {
          const res = await page().catch(() => null);
          statuses.push(res?.status ?? 0);
          await res?.text();
          await new Promise((r) => setTimeout(r, 20));
        }
      })();

      pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      finish(); // the job's work is done while the database is down: recording it must wait

      // During the outage: alive, not ready, and a prompt 503 rather than a hang or a crash.
      const live = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) });
      assert.equal(live.status, 200, 'liveness does not depend on the database');
      const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(30_000) });
      assert.equal(ready.status, 503);
      assert.match(((await ready.json()) as { reason: string }).reason, /database/);
      const down = await page();
      assert.equal(down.status, 503);
      assert.ok(down.headers.get('retry-after'));
      assert.match(await down.text(), /reach its database right now/);
      const downApi = await api();
      assert.equal(downApi.status, 503);
      assert.equal(
        ((await downApi.json()) as { error: { code: string } }).error.code,
        'database_unavailable',
      );
      // The worker notices (one log line for the whole outage, however many polls fail).
      await until(
        'the worker to notice the outage',
        async () => /worker could not poll for jobs/.test(worker.output()),
        60_000,
        logs,
      );
      await until(
        'more requests during the outage',
        async () => statuses.filter((s) => s === 503).length >= 5,
        60_000,
        logs,
      );
      assert.equal(web.child.exitCode, null, `the web process is alive\n${logs()}`);
      assert.equal(worker.child.exitCode, null, `the worker process is alive\n${logs()}`);

      start();

      // After: both recover by themselves.
      await until(
        '/readyz to answer 200 again',
        async () => (await fetch(`${base}/readyz`)).status === 200,
        60_000,
        logs,
      );
      await until('a page to answer 200 again', async () => (await page()).status === 200, 60_000, logs);
      loading = false;
      await load;
      await until(
        'the test connection pool to recover',
        async () => (await db.selectFrom('users').select('id').limit(1).execute()).length === 1,
        60_000,
      );
      await queueMail(
        db,
        'after@example.org',
        { template: 'test', subject: 'after the restart', text: 'hi', html: '<p>hi</p>' },
        new Date(),
      );
      await mailed('after the restart');
      const job = await until(
        'the in-flight job to be recorded',
        async () => {
          const row = await db
            .selectFrom('jobs')
            .select(['status', 'attempts'])
            .where('id', '=', jobId)
            .executeTakeFirst();
          return row?.status === 'succeeded' && row;
        },
        60_000,
      );
      assert.equal(job.attempts, 1, 'recorded by the attempt that did the work, not retried');
      const runs = await db.selectFrom('job_runs').select(['outcome']).where('job_id', '=', jobId).execute();
      assert.deepEqual(runs, [{ outcome: 'succeeded' }]);
      await until(
        'the worker to log that it can poll again',
        async () => /worker can poll for jobs again/.test(worker.output()),
        60_000,
        logs,
      );

      // 3. The database goes down just as the SMTP server accepts a message: the sender waits
      // for it to come back to record the message sent, instead of failing and sending it again.
      const { outboxId } = await queueMail(
        db,
        'blip@example.org',
        { template: 'test', subject: 'across a blip', text: 'hi', html: '<p>hi</p>' },
        new Date(),
      );
      stopOnNextMail = () => pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await mailed('across a blip');
      start();
      const sent = await until(
        'the blip message to be recorded as sent',
        async () => {
          const row = await db
            .selectFrom('mail_outbox')
            .select('status')
            .where('id', '=', outboxId)
            .executeTakeFirst();
          return row?.status === 'sent';
        },
        60_000,
        logs,
      );
      assert.ok(sent);
      const mailJob = await until(
        'the mail job to finish',
        async () => {
          const row = await db
            .selectFrom('jobs')
            .select(['status', 'attempts'])
            .where('type', '=', 'mail.deliver')
            .where(sql<string>`payload->>'outboxId'`, '=', String(outboxId))
            .executeTakeFirstOrThrow();
          return row.status !== 'running' && row;
        },
        60_000,
        logs,
      );
      assert.deepEqual(
        mailJob,
        { status: 'succeeded', attempts: 1 },
        'delivered and recorded in one attempt',
      );
      assert.equal(smtp.received.filter((m) => m.subject === 'across a blip').length, 1);

      assert.equal(web.child.exitCode, null, `the web process is alive\n${logs()}`);
      assert.equal(worker.child.exitCode, null, `the worker process is alive\n${logs()}`);
      const recoveries = () => worker.output().match(/worker can poll for jobs again/g)?.length ?? 0;
      await until(
        'the worker to poll again after the second outage',
        async () => recoveries() === 2,
        60_000,
        logs,
      );
      // Two outages (phases 2 and 3), many failed polls: one line as each starts and one as it ends.
      assert.equal(
        worker.output().match(/worker could not poll for jobs/g)?.length,
        2,
        `one line per outage, not one per poll\n${worker.output()}`,
      );
      assert.deepEqual(
        statuses.filter((s) => s !== 200 && s !== 503),
        [],
        `every request during the restart answered 200 or 503 (${statuses.length} requests)`,
      );
      assert.ok(statuses.includes(503) && statuses.at(-1) === 200);
    },
  );
});
