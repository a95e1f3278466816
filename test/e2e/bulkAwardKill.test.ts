import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchPostgres, testBackends } from '../../src/testing/databases.ts';
import { awardSetup } from '../../src/testing/awardFixtures.ts';
import { verifyWithCairn } from '../../src/features/verification/commands/verifyCredential.ts';
import type { Db } from '../../src/storage/database.ts';

// A bulk award survives `kill -9`: `cairn issue --csv` is killed mid-run, then a `cairn worker`
// taking over is killed mid-run too, and a second worker finishes. Every row ends issued exactly
// once: one credential, one claim and one claim email per recipient, nothing lost.
const postgres = testBackends().find((b) => b.name === 'postgres');
const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');
const ROWS = 6000;

function spawnCairn(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  output: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const killed = (child: ChildProcess) =>
  new Promise<void>((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGKILL');
  });

async function runState(db: Db, runId: string) {
  return db
    .selectFrom('award_runs')
    .select(['id', 'state', 'issued_rows', 'valid_rows'])
    .where('public_id', '=', runId)
    .executeTakeFirst();
}

describe(
  'bulk award against kill -9',
  { skip: postgres ? false : 'needs TEST_DATABASE_URL (CI sets it)' },
  () => {
    const children: ChildProcess[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'cairn-roster-'));
    // A database of its own: the shared test database holds other tests' jobs, which the workers
    // would take first.
    let scratch: Awaited<ReturnType<typeof scratchPostgres>> | undefined;
    after(async () => {
      await Promise.all(children.map(killed));
      rmSync(dir, { recursive: true, force: true });
      await scratch?.drop();
    });

    test(
      'killed CLI, killed worker, second worker: every row issued exactly once',
      { timeout: 240_000 },
      async () => {
        scratch = await scratchPostgres(process.env.TEST_DATABASE_URL!, { poolSize: 2 });
        const storage = scratch.storage;
        const setup = await awardSetup(storage);
        const file = join(dir, 'roster.csv');
        const lines = ['Email,Name,Student ID'];
        for (let i = 0; i < ROWS; i++) lines.push(`k${i}@${setup.org.slug}.example.org,Person ${i},S${i}`);
        lines.push(`k7@${setup.org.slug}.example.org,Person 7 again,S7`); // a duplicate row: issued once
        writeFileSync(file, `${lines.join('\n')}\n`);
        const env = {
          DATABASE_URL: scratch.url,
          CAIRN_DEMO: 'false',
          CAIRN_SECRET: 'test-secret-test-secret-test-secret-0123',
          PUBLIC_URL: 'http://cairn.test',
          JOB_POLL_MS: '100',
          LOG_LEVEL: 'warn',
          CAIRN_FETCH_FOREIGN: 'false',
        };

        // 1. The CLI uploads, dry-runs and starts issuing in its own process; kill it mid-run.
        const cli = spawnCairn(
          ['issue', '--org', setup.org.slug, '--micro-credential', setup.mc.slug, '--csv', file],
          env,
        );
        children.push(cli.child);
        const runId = await until(
          'the CLI to start issuing',
          async () => /\(run (run_[a-z0-9]+)\)/.exec(cli.output())?.[1],
          120_000,
          cli.output,
        );
        await until(
          'the first committed batch',
          async () => ((await runState(storage.db, runId))?.issued_rows ?? 0) > 0,
          120_000,
          cli.output,
        );
        await killed(cli.child);
        const afterCli = (await runState(storage.db, runId))!;
        assert.match(cli.output(), /Dry run: 6000 to issue, 0 with problems, 1 duplicate/);
        assert.ok(
          afterCli.issued_rows < afterCli.valid_rows,
          `the CLI was killed mid-run (${afterCli.issued_rows} of ${afterCli.valid_rows} issued)`,
        );
        assert.equal(afterCli.state, 'running');

        // 2. A worker takes the run's jobs over once their leases lapse; kill it mid-run as well.
        const first = spawnCairn(['worker'], env);
        children.push(first.child);
        await until(
          'the first worker to issue more',
          async () => ((await runState(storage.db, runId))?.issued_rows ?? 0) > afterCli.issued_rows,
          120_000,
          first.output,
        );
        await killed(first.child);
        const afterWorker = (await runState(storage.db, runId))!;
        assert.ok(
          afterWorker.issued_rows < afterWorker.valid_rows,
          `the worker was killed mid-run (${afterWorker.issued_rows} of ${afterWorker.valid_rows} issued)`,
        );

        // 3. A second worker finishes the run.
        const second = spawnCairn(['worker'], env);
        children.push(second.child);
        await until(
          'the run to finish',
          async () => (await runState(storage.db, runId))?.state === 'done',
          180_000,
          second.output,
        );

        const run = (await runState(storage.db, runId))!;
        assert.equal(run.issued_rows, ROWS);
        const rows = await storage.db
          .selectFrom('award_rows')
          .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
          .where('run_id', '=', run.id)
          .groupBy('state')
          .execute();
        assert.deepEqual(Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])), {
          issued: ROWS,
          duplicate: 1,
        });
        const creds = await storage.db
          .selectFrom('credentials')
          .select(['id', 'recipient_email'])
          .where('organisation_id', '=', setup.org.id)
          .execute();
        assert.equal(creds.length, ROWS, 'one credential per row: nothing lost, nothing duplicated');
        assert.equal(new Set(creds.map((c) => c.recipient_email)).size, ROWS);
        const linked = await storage.db
          .selectFrom('award_rows')
          .select('credential_id')
          .where('run_id', '=', run.id)
          .where('state', '=', 'issued')
          .execute();
        assert.deepEqual(
          new Set(linked.map((l) => l.credential_id)),
          new Set(creds.map((c) => c.id)),
          'every row points at its own credential',
        );
        const claims = await storage.db
          .selectFrom('credential_claims')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(
            'credential_id',
            'in',
            creds.map((c) => c.id),
          )
          .executeTakeFirstOrThrow();
        assert.equal(Number(claims.n), ROWS);
        const mails = await storage.db
          .selectFrom('mail_outbox')
          .select(['to_address'])
          .where('organisation_id', '=', setup.org.id)
          .where('template', '=', 'claim_offer')
          .execute();
        assert.equal(mails.length, ROWS);
        assert.equal(new Set(mails.map((m) => m.to_address)).size, ROWS, 'one claim email per recipient');
        const entries = await storage.db
          .selectFrom('status_entries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(
            'credential_id',
            'in',
            creds.map((c) => c.id),
          )
          .executeTakeFirstOrThrow();
        assert.equal(Number(entries.n), 2 * ROWS);
        // A credential issued by a worker that took over verifies.
        const doc = await storage.db
          .selectFrom('credentials')
          .select('document')
          .where('id', '=', creds.at(-1)!.id)
          .executeTakeFirstOrThrow();
        const report = await verifyWithCairn(doc.document, {
          db: storage.db,
          config: setup.config,
          services: setup.deps.credentials,
          now: new Date(),
        });
        assert.deepEqual(
          report.checks.filter((c) => !c.ok).map((c) => c.code),
          [],
        );
        await killed(second.child);
      },
    );
  },
);
