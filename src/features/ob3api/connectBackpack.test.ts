import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage, migrate, type Storage } from '../../storage/database.ts';
import { scratchPostgres, testBackends, unique } from '../../testing/databases.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { testCredentialServices } from '../../testing/http.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { CookieBrowser, locationOf, startCairn } from './testSupport.ts';

// Two Cairns on two databases: an earner on A connects their backpack to B (discovery, dynamic
// registration, PKCE, consent on B, tokens kept sealed on A) and sends a badge; B lists it.

for (const backend of testBackends()) {
  describe(`Connect a backpack to another OB 3.0 host (${backend.name})`, () => {
    let a: Awaited<ReturnType<typeof startCairn>>;
    let b: Awaited<ReturnType<typeof startCairn>>;
    let second: { storage: Storage; drop(): Promise<void> };
    before(async () => {
      if (backend.name === 'postgres') second = await scratchPostgres(process.env.TEST_DATABASE_URL!);
      else {
        const storage = await openStorage({ databaseUrl: null, dataDir: '', inMemory: true });
        await migrate(storage.db);
        second = { storage, drop: () => storage.close() };
      }
      a = await startCairn(await backend.storage(), { CAIRN_OB3_ALLOW_PRIVATE: 'true' });
      b = await startCairn(second.storage, { CAIRN_OB3_ALLOW_PRIVATE: 'true' });
    });
    after(async () => {
      await a?.stop();
      await b?.stop();
      await second?.drop();
    });

    test('the earner connects A to B, sends a badge, and B lists it exactly as A issued it', async () => {
      const earnerA = await buildUser(a.deps.db, { name: 'Ada' });
      const earnerB = await buildUser(b.deps.db, { name: 'Ada on B' });
      const org = await buildOrganisation(a.deps.db, { kind: 'issuer', name: `Lakeside ${unique()}` });
      const staff = await buildUser(a.deps.db);
      await addMember(a.deps.db, org.id, staff.id, ['issuing_staff']);
      const deps = {
        db: a.deps.db,
        clock: a.deps.clock,
        config: a.deps.config,
        credentials: testCredentialServices(),
      };
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: earnerA.email },
        achievement: {
          id: `https://cairn.test/a/${unique()}`,
          name: 'Rope Access',
          description: 'Shown.',
          criteria: { narrative: 'Reviewed.' },
        },
        formats: ['ldp'],
      });

      const browser = new CookieBrowser();
      await browser.logIn(a.url, earnerA);
      const start = await browser.post(a.url, '/backpack/connections', { url: b.url });
      assert.equal(start.status, 303);
      const authorize = new URL(locationOf(start, a.url));
      assert.equal(authorize.origin, b.url, 'the browser goes to B to authorize');
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      // On B: the consent page wants a login on B, then Allow.
      const consent = locationOf(await browser.request(authorize.toString()), b.url);
      await browser.logIn(b.url, earnerB, new URL(consent).pathname);
      const consentPage = await (await browser.request(consent)).text();
      assert.match(consentPage, /Let Cairn \(127\.0\.0\.1:\d+\) use your Cairn backpack\?/);
      const resume = locationOf(
        await browser.post(b.url, new URL(consent).pathname, { decision: 'allow' }),
        b.url,
      );
      const callback = locationOf(await browser.request(resume), b.url);
      assert.ok(callback.startsWith(`${a.url}/backpack/connections/callback?`), callback);
      const done = await browser.request(callback);
      assert.equal(locationOf(done, a.url), `${a.url}/backpack#connections`);
      const row = await a.deps.db
        .selectFrom('ob3_connections')
        .selectAll()
        .where('user_id', '=', earnerA.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'connected');
      assert.ok(
        row.sealed_access_token?.startsWith('v1.') && row.sealed_refresh_token?.startsWith('v1.'),
        'tokens are kept sealed',
      );

      const backpack = await (await browser.request(`${a.url}/backpack`)).text();
      assert.match(backpack, /Send to Cairn \(127\.0\.0\.1:\d+\)/);
      const sent = await browser.post(a.url, `/backpack/connections/${row.public_id}/send`, {
        badge: `issued:${issued.publicId}`,
      });
      assert.equal(sent.status, 303);
      assert.match(
        decodeURIComponent(sent.headers.get('set-cookie') ?? ''),
        /is now in your backpack on Cairn/,
      );
      const again = await browser.post(a.url, `/backpack/connections/${row.public_id}/send`, {
        badge: `issued:${issued.publicId}`,
      });
      assert.match(decodeURIComponent(again.headers.get('set-cookie') ?? ''), /already had this badge/);

      // B's getCredentials, with the token A holds, lists the badge byte for byte.
      const token = Buffer.from(testCredentialServices().vault.open(row.sealed_access_token!)).toString(
        'utf8',
      );
      const list = await fetch(`${b.url}/ims/ob/v3p0/credentials`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(list.status, 200);
      assert.equal(list.headers.get('x-total-count'), '1');
      const document = await a.deps.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', issued.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(await list.text(), `{"compactJwsString":[],"credential":[${document.document}]}`);
    });

    test('a host that is not allowed is refused before any request: private addresses when the setting is off', async () => {
      const off = await startCairn(await backend.storage());
      try {
        const user = await buildUser(off.deps.db);
        const browser = new CookieBrowser();
        await browser.logIn(off.url, user);
        const res = await browser.post(off.url, '/backpack/connections', { url: b.url });
        assert.equal(locationOf(res, off.url), `${off.url}/backpack#connections`);
        assert.match(decodeURIComponent(res.headers.get('set-cookie') ?? ''), /Only https addresses/);
        const https = await browser.post(off.url, '/backpack/connections', { url: 'https://127.0.0.1:1' });
        assert.match(decodeURIComponent(https.headers.get('set-cookie') ?? ''), /private or local network/);
        assert.equal(
          (
            await off.deps.db
              .selectFrom('ob3_connections')
              .select('id')
              .where('user_id', '=', user.id)
              .execute()
          ).length,
          0,
        );
      } finally {
        await off.stop();
      }
    });
  });
}
