import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { scratchPostgres, testBackends, unique } from '../../src/testing/databases.ts';
import { startSmtpSink } from '../../src/testing/smtp.ts';
import { sql } from 'kysely';
import { queueMail } from '../../src/mail/outbox.ts';

// Cairn scales past one machine by running several web and worker processes against one
// PostgreSQL. Two `cairn serve` (running jobs in-process) and two `cairn worker` processes
// race for 200 real mail jobs: every message must reach the SMTP server exactly once.
const postgres = testBackends().find((b) => b.name === 'postgres');
const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => rej(new Error(`${args[0]} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        res(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${args[0]} exited with ${code}:\n${output}`));
    });
  });
}

describe(
  'several processes against one PostgreSQL',
  { skip: postgres ? false : 'needs TEST_DATABASE_URL (CI sets it)' },
  () => {
    const children: ChildProcess[] = [];
    after(async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((res) => {
              if (c.exitCode !== null) return res();
              c.once('exit', () => res());
              c.kill('SIGTERM');
            }),
        ),
      );
    });

    // A database of its own: the shared test database holds other tests' jobs, which the four
    // processes would run first (and some on purpose never finish).
    let scratch: Awaited<ReturnType<typeof scratchPostgres>> | undefined;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
    after(async () => {
      await smtp?.close();
      await scratch?.drop();
    });

    test('two web and two worker processes never run a job twice', { timeout: 180_000 }, async () => {
      scratch = await scratchPostgres(process.env.TEST_DATABASE_URL!, { poolSize: 2 });
      const storage = scratch.storage;
      smtp = await startSmtpSink();
      const env = {
        DATABASE_URL: scratch.url,
        SMTP_URL: smtp.url,
        CAIRN_DEMO: 'false',
        // One public URL for every process on the database (they refuse to start with different ones).
        PUBLIC_URL: 'http://cairn.test',
        CAIRN_SECRET: 'multiprocess-test-secret-0123456789abcdef',
        JOB_POLL_MS: '50',
        WORKER_CONCURRENCY: '4',
        DATABASE_POOL_SIZE: '5',
        LOG_LEVEL: 'info',
      };
      const ports = [await freePort(), await freePort()];
      const started = await Promise.all([
        start(['serve'], { ...env, PORT: String(ports[0]) }, /Cairn is running/),
        start(['serve'], { ...env, PORT: String(ports[1]) }, /Cairn is running/),
        start(['worker'], env, /worker started/),
        start(['worker'], env, /worker started/),
      ]);
      children.push(...started);
      for (const port of ports) assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

      const tag = unique('race');
      const ids: number[] = [];
      for (let i = 0; i < 200; i++) {
        const { outboxId } = await queueMail(
          storage.db,
          `${tag}-${i}@example.org`,
          { template: 'test', subject: `${tag} #${i}`, text: `message ${i}`, html: `<p>message ${i}</p>` },
          new Date(),
        );
        ids.push(outboxId);
      }
      const deadline = Date.now() + 120_000;
      for (;;) {
        const pending = await storage.db
          .selectFrom('mail_outbox')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '!=', 'sent')
          .execute();
        if (pending.length === 0) break;
        if (Date.now() > deadline) assert.fail(`${pending.length} messages still unsent`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const mine = smtp.received.filter((m) => m.subject?.startsWith(tag));
      assert.equal(mine.length, 200, 'every message arrived');
      assert.equal(new Set(mine.map((m) => m.subject)).size, 200, 'no message arrived twice');

      const jobs = await storage.db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', 'mail.deliver')
        .where(sql<number>`(payload->>'outboxId')::int`, 'in', ids)
        .execute();
      assert.equal(jobs.length, 200);
      const mineRuns = await storage.db
        .selectFrom('job_runs')
        .select(['job_id', 'worker'])
        .where(
          'job_id',
          'in',
          jobs.map((j) => j.id),
        )
        .execute();
      assert.equal(mineRuns.length, 200, 'one run per job: none was run twice');
      const workers = new Set(mineRuns.map((r) => r.worker.split(':')[1]));
      assert.ok(workers.size >= 2, `work was shared between processes (${workers.size} took part)`);
    });
  },
);
