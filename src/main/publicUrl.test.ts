import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { silentLogger } from '../logger.ts';
import { scratchPostgres } from '../testing/databases.ts';
import { testConfig } from '../testing/http.ts';
import { buildOrganisation } from '../testing/factories.ts';
import { organisationDid } from '../credentials/issuerIdentity.ts';
import { publishStatusList } from '../signing/organisationSigner.ts';
import { issueCredential } from '../features/issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../features/issuing/commands/changeCredentialStatus.ts';
import { systemActor } from '../features/issuing/issuingActor.ts';
import { verifyWithCairn } from '../features/verification/commands/verifyCredential.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { changePublicUrl, PublicUrlMismatchError } from './publicUrl.ts';

// One database, one public URL: did:web identifiers and status lists are made from PUBLIC_URL, so
// a process started with another one refuses, and `cairn public-url set` changes it deliberately,
// re-signing the status lists under the new DIDs.

const A = 'https://badges.example.org';
const B = 'https://credentials.example.net';

/** Fresh databases of each kind, each with the settings that point a runtime at it. */
async function freshDatabases(): Promise<
  Array<{ name: string; env: Record<string, string>; drop(): Promise<void> }>
> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-url-'));
  const out: Array<{ name: string; env: Record<string, string>; drop(): Promise<void> }> = [
    {
      name: 'pglite',
      env: { CAIRN_DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.TEST_DATABASE_URL, { poolSize: 2 });
    await scratch.storage.close();
    out.push({
      name: 'postgres',
      env: { DATABASE_URL: scratch.url, CAIRN_DATA_DIR: dir },
      drop: () => scratch.drop(),
    });
  }
  return out;
}

const open = (config: Config) => openRuntime(config, { logger: silentLogger });

async function issue(rt: Runtime, organisationId: number, email: string) {
  const deps = { db: rt.storage.db, clock: rt.clock, config: rt.config, credentials: rt.credentials };
  return issueCredential(deps, {
    actor: systemActor('test'),
    organisationId,
    recipient: { email },
    achievement: {
      id: `https://example.org/a/${email}`,
      name: 'Classroom Routines',
      description: 'Designs routines.',
      criteria: { narrative: 'Peer-reviewed.' },
    },
    formats: ['ldp'],
  });
}

async function signedLists(rt: Runtime) {
  const rows = await rt.storage.db
    .selectFrom('status_lists as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select(['l.public_id', 'l.signed_document', 'o.slug'])
    .orderBy('l.id')
    .execute();
  return rows.map((r) => {
    const doc = JSON.parse(r.signed_document ?? '{}') as {
      issuer?: string;
      id?: string;
      proof?: { verificationMethod?: string };
    };
    return {
      id: r.public_id,
      slug: r.slug,
      issuer: doc.issuer,
      url: doc.id,
      method: doc.proof?.verificationMethod ?? '',
    };
  });
}

describe('one public URL per database', () => {
  test(
    'a start with another PUBLIC_URL refuses with what to run; `public-url set` re-signs the lists under the new DID and they verify',
    { timeout: 240_000 },
    async () => {
      for (const { name, env, drop } of await freshDatabases()) {
        try {
          const configA = testConfig({ ...env, PUBLIC_URL: A });
          const configB = testConfig({ ...env, PUBLIC_URL: B });
          const first = await open(configA);
          const org = await buildOrganisation(first.storage.db);
          const before = await issue(first, org.id, 'first@example.org');
          await first.storage.close();

          // A second process with another URL refuses, and says exactly what to run.
          const refused = await open(configB).then(
            () => null,
            (err: unknown) => err,
          );
          assert.ok(refused instanceof PublicUrlMismatchError, `${name}: refused (${String(refused)})`);
          assert.ok(refused.message.includes(`npx cairn public-url set ${B}`), refused.message);
          assert.ok(refused.message.includes(`PUBLIC_URL=${A}`), refused.message);
          // Nothing was re-signed under B by the refused start; the same URL starts fine.
          const again = await open(configA);
          assert.ok((await signedLists(again)).every((l) => l.issuer === organisationDid(A, l.slug)));

          // The deliberate change, while a process with the old URL still runs.
          const changed = await changePublicUrl(
            again.storage.db,
            again.credentials,
            again.config,
            `${B}/`,
            again.clock.now(),
          );
          assert.deepEqual([changed.previous, changed.publicUrl], [A, B]);
          const lists = await signedLists(again);
          assert.ok(lists.length >= 1 && changed.lists === lists.length, `${name}: every list re-signed`);
          for (const l of lists) {
            assert.equal(l.issuer, organisationDid(B, l.slug));
            assert.ok(l.method.startsWith(`${organisationDid(B, l.slug)}#`));
            assert.equal(l.url, `${B}/status/${l.id}`);
          }
          // The process left running with the old URL can no longer re-sign a list under its DID.
          await changeCredentialStatus(
            { db: again.storage.db, clock: again.clock, config: configA },
            {
              actor: systemActor('test'),
              organisationId: org.id,
              credential: before.publicId,
              action: 'revoke',
              reason: 'Test',
            },
          );
          assert.equal(
            await publishStatusList(
              again.storage.db,
              again.credentials,
              configA,
              lists[0]!.id,
              again.clock.now(),
            ),
            false,
          );
          assert.ok((await signedLists(again)).every((l) => l.issuer === organisationDid(B, l.slug)));
          await again.storage.close();
          await assert.rejects(open(configA), PublicUrlMismatchError);

          // Processes with the new URL start, and their credentials verify against the re-signed lists.
          const moved = await open(configB);
          try {
            const after = await issue(moved, org.id, 'second@example.org');
            const report = await verifyWithCairn(after.credential, {
              db: moved.storage.db,
              config: moved.config,
              services: moved.credentials,
              now: moved.clock.now(),
            });
            assert.deepEqual(
              report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.code}`),
              [],
              name,
            );
            assert.equal(report.verified, true);
            assert.ok(
              report.checks.some((c) => c.id.includes('status') && c.ok),
              JSON.stringify(report.checks.map((c) => c.id)),
            );
          } finally {
            await moved.storage.close();
          }
        } finally {
          await drop();
        }
      }
    },
  );

  test(
    'demo: `npm start`, then `PORT=3001 npm start` refuses with the exact command, which then works',
    { timeout: 240_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cairn-demo-url-'));
      const bin = resolve(import.meta.dirname, '../../bin/cairn.mjs');
      const env = {
        CAIRN_DATA_DIR: dir,
        CAIRN_DEMO: 'true',
        DATABASE_URL: '',
        PUBLIC_URL: '',
        PORT: '3001',
        LOG_LEVEL: 'warn',
        CAIRN_SECRET: '',
      };
      const run = (args: string[]) =>
        spawnSync(process.execPath, [bin, ...args], {
          encoding: 'utf8',
          env: { ...process.env, ...env },
          timeout: 120_000,
        });
      try {
        // The first start (PORT 3000, no PUBLIC_URL) records http://localhost:3000.
        const first = await open(
          testConfig({
            CAIRN_DATA_DIR: dir,
            PUBLIC_URL: '',
            PORT: '3000',
            CAIRN_DEMO: 'true',
            CAIRN_SECRET: '',
          }),
        );
        await first.storage.close();
        const refused = run(['serve']);
        assert.equal(refused.status, 1, refused.stdout + refused.stderr);
        assert.match(
          refused.stderr,
          /belongs to the Cairn at http:\/\/localhost:3000, but this process was started for http:\/\/localhost:3001/,
        );
        assert.ok(refused.stderr.includes('npx cairn public-url set http://localhost:3001'), refused.stderr);
        assert.ok(refused.stderr.includes('PORT=3000'), refused.stderr);
        const set = run(['public-url', 'set', 'http://localhost:3001']);
        assert.equal(set.status, 0, set.stderr);
        assert.match(set.stdout, /changed from http:\/\/localhost:3000 to http:\/\/localhost:3001/);
        assert.match(set.stdout, /PORT=3001/);
        const shown = run(['public-url', 'show']);
        assert.equal(shown.stdout.trim(), 'http://localhost:3001');
        const bad = run(['public-url', 'set', 'ftp://example.org']);
        assert.equal(bad.status, 1);
        assert.match(bad.stderr, /must start with https:\/\//);
        const next = await open(
          testConfig({
            CAIRN_DATA_DIR: dir,
            PUBLIC_URL: '',
            PORT: '3001',
            CAIRN_DEMO: 'true',
            CAIRN_SECRET: '',
          }),
        );
        await next.storage.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
