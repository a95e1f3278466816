import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { testBackends } from '../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';
import { ManualClock } from '../../domain/clock.ts';
import { silentLogger } from '../../logger.ts';
import { createApp } from '../../main/app.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { issueCredential } from '../../features/issuing/commands/issueCredential.ts';
import { publishQueuedStatusLists } from '../../testing/statusLists.ts';
import { changeCredentialStatus } from '../../features/issuing/commands/changeCredentialStatus.ts';
import { verifierDeps } from '../../features/verification/commands/verifyCredential.ts';
import { verifyCredential } from '../verifier.ts';
import { createSafeFetcher } from './safeFetch.ts';
import { resolveVerificationMethod } from './didWeb.ts';
import type { RemoteResolvers } from '../../signing/organisationSigner.ts';

/*
 * Cairn behind TLS: its app served over HTTPS (node:https, a certificate made for this test), a
 * credential issued there, and a verifier elsewhere that reaches its did:web key and its status
 * list over https through the SSRF-safe fetcher. The fetcher is told to trust the test's CA and
 * to allow loopback, by test-only options; without the CA the certificate is refused.
 */
const dir = mkdtempSync(join(tmpdir(), 'cairn-tls-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function selfSigned(): { key: string; cert: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}

const loopback = (ip: string) => ip === '127.0.0.1' || ip === '::1';
function remoteResolvers(options: { trustCaForTests?: string }): RemoteResolvers {
  const { fetchJson } = createSafeFetcher({ ...options, allowAddress: loopback, cacheTtlMs: 0 });
  return { fetchJson, resolveKey: (vm) => resolveVerificationMethod(vm, { fetchJson }) };
}

for (const backend of testBackends()) {
  describe(`Cairn behind TLS (${backend.name})`, () => {
    const tls = selfSigned();
    let server: ServerType;
    let ctx: {
      credential: Record<string, unknown>;
      publicId: string;
      publicUrl: string;
      revoke: () => Promise<void>;
      publishLists: () => Promise<void>;
      verify: (remote: RemoteResolvers) => ReturnType<typeof verifyCredential>;
    };

    before(async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date());
      // The server starts first (its port is in the public URL); the app is put in once made.
      const target: { app?: ReturnType<typeof createApp> } = {};
      const port = await new Promise<number>((resolve) => {
        server = serve(
          {
            fetch: (req, env) => target.app!.fetch(req, env),
            createServer,
            serverOptions: { key: tls.key, cert: tls.cert },
            port: 0,
            hostname: '127.0.0.1',
          },
          (info) => resolve(info.port),
        );
      });
      const publicUrl = `https://localhost:${port}`;
      const config = testConfig({ PUBLIC_URL: publicUrl });
      target.app = createApp({
        config,
        db: storage.db,
        clock,
        logger: silentLogger,
        credentials: testCredentialServices(),
      });
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Council Behind TLS' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'tls@example.org' },
        achievement: {
          id: 'https://council.example/a/tls',
          name: 'TLS',
          description: 'Served over https.',
          criteria: { narrative: 'Ran it.' },
        },
        formats: ['ldp'],
      });
      // The verifier is another site: nothing of the issuer is read from the database.
      const elsewhere = testConfig({ PUBLIC_URL: 'https://verifier.test' });
      ctx = {
        credential: issued.credential as Record<string, unknown>,
        publicId: issued.publicId,
        publicUrl,
        revoke: () =>
          changeCredentialStatus(deps, {
            actor,
            organisationId: actor.organisationId,
            credential: issued.publicId,
            action: 'revoke',
            reason: 'Issued in error',
          }),
        publishLists: () => publishQueuedStatusLists(storage.db, clock, config),
        verify: (remote) =>
          verifyCredential(issued.credential as Record<string, unknown>, {
            ...verifierDeps(storage.db, elsewhere, testCredentialServices(), clock.now(), remote),
            extraStatus: undefined,
          }),
      };
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test('a credential whose key and status list are https URLs on Cairn behind TLS verifies; a revocation is read over https', async () => {
      const status = ctx.credential.credentialStatus as { statusListCredential: string };
      assert.ok(
        status.statusListCredential.startsWith(`${ctx.publicUrl}/status/`),
        status.statusListCredential,
      );
      const trusted = remoteResolvers({ trustCaForTests: tls.cert });
      const report = await ctx.verify(trusted);
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.deepEqual(
        report.statuses?.map((s) => [s.purpose, s.value]),
        [['revocation', 0]],
      );
      await ctx.revoke();
      await ctx.publishLists();
      const revoked = await ctx.verify(remoteResolvers({ trustCaForTests: tls.cert }));
      assert.deepEqual(
        revoked.checks.filter((c) => !c.ok).map((c) => c.code),
        ['revoked'],
      );
    });

    test('without the test CA, the certificate is refused: TLS is checked, never switched off', async () => {
      const report = await ctx.verify(remoteResolvers({}));
      assert.equal(report.verified, false);
      const key = report.checks.find((c) => c.id === 'issuer_key');
      assert.equal(key?.code, 'key_unresolved');
      assert.match(key?.message ?? '', /certificate/i);
    });
  });
}
