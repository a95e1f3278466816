import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testConfig, testCredentialServices, type TestBrowser } from '../../../testing/http.ts';
import { buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { systemActor } from '../../issuing/issuingActor.ts';
import { createApp } from '../../../main/app.ts';
import type { AppEnv } from '../../../http/env.ts';
import { silentLogger } from '../../../logger.ts';
import { ManualClock } from '../../../domain/clock.ts';
import { createSafeFetcher } from '../../../credentials/resolve/safeFetch.ts';

// Importing a badge by the address of a compact JWS (a VC-JWT), as the Open Badges 3.0 Host role
// asks: a loopback server stands in for the other platform and serves Cairn-issued VC-JWTs under
// each content type a JWS comes with; a JWS that is no badge, an oversize answer and a web page
// are refused with a clear message, and nothing is stored for them.

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
});

type Served = { type?: string; body: string };

/** A loopback server answering each path with its body and content type (none when `type` is absent). */
async function platform(answers: Record<string, Served>): Promise<string> {
  const server = createServer((req, res) => {
    const answer = answers[req.url ?? ''];
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, answer.type ? { 'content-type': answer.type } : {}).end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function importUrl(browser: TestBrowser, url: string) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('text', '');
  form.append('url', url);
  form.append('file', new File([], ''));
  return browser.request('POST', '/backpack/import', { body: form });
}

for (const backend of testBackends()) {
  describe(`backpack import of a JWS by its URL (${backend.name})`, () => {
    test('a VC-JWT served as application/vc+jwt, application/jwt, text/plain or untyped is verified and kept exactly as served; a bad JWS, an oversize answer and a web page are refused', async () => {
      const storage = await backend.storage();
      const config = testConfig();
      const clock = new ManualClock(new Date());
      const credentials = testCredentialServices();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Harbour ${unique()}` });
      const deps = { db: storage.db, clock, config, credentials };
      const earner = await buildUser(storage.db);
      const issue = async (name: string) => {
        const issued = await issueCredential(deps, {
          actor: systemActor('test'),
          organisationId: org.id,
          recipient: { email: earner.email },
          achievement: {
            id: `https://cairn.test/a/${unique()}`,
            name,
            description: `${name}, demonstrated.`,
            criteria: { narrative: 'Observed.' },
          },
          formats: ['jwt'],
        });
        assert.ok(issued.jwt);
        return issued.jwt;
      };
      const jwts = {
        vc: await issue('Harbour Safety'),
        jwt: await issue('Knots'),
        plain: await issue('Tides'),
        sniffed: await issue('Charts'),
      };
      const base = await platform({
        '/vc.jwt': { type: 'application/vc+jwt', body: jwts.vc },
        '/a.jwt': { type: 'application/jwt', body: jwts.jwt },
        '/plain.txt': { type: 'text/plain; charset=utf-8', body: jwts.plain },
        '/sniffed': { body: jwts.sniffed },
        // Three base64url parts, but the payload is not a credential (not even JSON).
        '/bad.jwt': { type: 'application/vc+jwt', body: 'eyJhbGciOiJFZERTQSJ9.bm90IGEgYmFkZ2U.c2lnbmF0dXJl' },
        '/big.jwt': { type: 'application/vc+jwt', body: `${jwts.vc.split('.')[0]}.${'A'.repeat(300_000)}.x` },
        '/page.html': { type: 'text/html', body: `<p>${jwts.vc}</p>` },
      });

      const fetcher = createSafeFetcher({
        allowHttpForTests: true,
        allowAddress: (ip) => ip === '127.0.0.1',
        cacheTtlMs: 0,
      });
      const app: Hono<AppEnv> = createApp({
        config,
        db: storage.db,
        clock,
        logger: silentLogger,
        credentials: {
          ...credentials,
          remote: { ...fetcher, resolveKey: () => Promise.reject(new Error('no foreign keys here')) },
        },
      });
      const browser = await loggedIn(app, earner);
      for (const path of ['/vc.jwt', '/a.jwt', '/plain.txt', '/sniffed']) {
        const res = await importUrl(browser, `${base}${path}`);
        assert.equal(res.status, 303, `${path}: ${(await res.text()).slice(0, 300)}`);
      }

      const stored = async () =>
        storage.db
          .selectFrom('imported_credentials')
          .select(['format', 'source_url', 'original_text', 'status', 'verified', 'name'])
          .where('user_id', '=', earner.id)
          .orderBy('id')
          .execute();
      assert.deepEqual(
        await stored(),
        [
          ['/vc.jwt', jwts.vc, 'Harbour Safety'],
          ['/a.jwt', jwts.jwt, 'Knots'],
          ['/plain.txt', jwts.plain, 'Tides'],
          ['/sniffed', jwts.sniffed, 'Charts'],
        ].map(([path, jwt, name]) => ({
          format: 'jws',
          source_url: `${base}${path}`,
          original_text: jwt,
          status: 'valid',
          verified: true,
          name,
        })),
      );

      const refusals: Array<[string, RegExp]> = [
        ['/bad.jwt', /cannot be read as a badge/],
        ['/big.jwt', /Could not fetch a credential from that address: .*more than \d+ bytes/],
        [
          '/page.html',
          /Could not fetch a credential from that address: .*sent text\/html, not JSON or a compact JWS/,
        ],
      ];
      for (const [path, message] of refusals) {
        const res = await importUrl(browser, `${base}${path}`);
        assert.equal(res.status, 422, path);
        assert.match(await res.text(), message, path);
      }
      assert.equal((await stored()).length, 4, 'nothing was stored for the refused addresses');
      // The same JWS again is already there.
      const again = await importUrl(browser, `${base}/vc.jwt`);
      assert.equal(again.status, 409);
      assert.equal((await stored()).length, 4);
    });
  });
}
