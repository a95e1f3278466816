import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
import type { Hono } from 'hono';
import { testBackends, unique } from '../../../testing/databases.ts';
import {
  loggedIn,
  testApp,
  testConfig,
  testCredentialServices,
  type TestBrowser,
} from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../../issuing/commands/changeCredentialStatus.ts';
import { systemActor } from '../../issuing/issuingActor.ts';
import { createApp } from '../../../main/app.ts';
import type { AppEnv } from '../../../http/env.ts';
import { silentLogger } from '../../../logger.ts';
import { ManualClock } from '../../../domain/clock.ts';
import { createSafeFetcher } from '../../../credentials/resolve/safeFetch.ts';
import type { Storage } from '../../../storage/database.ts';
import { readZip } from '../../../testing/zipReader.ts';
import { pageText } from '../../../testing/pageQueries.ts';
import { hashToken } from '../../../domain/ids.ts';
import { extractFromPng, extractFromSvg } from '../../../credentials/baking/index.ts';

// The earner's backpack through HTTP: badges issued here and imported ones, import in every
// format, collections shared by link, the ZIP export, privacy, and other people kept out.

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A loopback server standing in for another platform (only reachable through a test fetcher). */
async function otherPlatform(documents: Record<string, unknown>): Promise<string> {
  const server = createServer((req, res) => {
    const doc = documents[req.url ?? ''];
    if (doc === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function setup(storage: Storage) {
  const { app, clock, config } = testApp(storage);
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Lakeside ${unique()}` });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
  const actor = { organisationId: org.id, userId: staff.id, ip: null };
  const issue = (email: string, name: string, formats: Array<'ldp' | 'jwt'> = ['ldp', 'jwt']) =>
    issueCredential(deps, {
      actor: actor,
      organisationId: actor.organisationId,
      recipient: { email },
      achievement: {
        id: `https://cairn.test/a/${unique()}`,
        name,
        description: `${name}, demonstrated.`,
        criteria: { narrative: 'Peer-reviewed.' },
      },
      formats,
    });
  return { app, clock, config, org, deps, actor, issue };
}

/** Sends the import form as a browser does (multipart, with the CSRF field). */
async function importForm(
  browser: TestBrowser,
  fields: { text?: string; url?: string; file?: { name: string; bytes: Uint8Array; type: string } },
) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('text', fields.text ?? '');
  form.append('url', fields.url ?? '');
  if (fields.file)
    form.append(
      'file',
      new File([Buffer.from(fields.file.bytes)], fields.file.name, { type: fields.file.type }),
    );
  else form.append('file', new File([], ''));
  return browser.request('POST', '/backpack/import', { body: form });
}

async function importedRows(storage: Storage, email: string) {
  return storage.db
    .selectFrom('imported_credentials as i')
    .innerJoin('user_emails as e', 'e.user_id', 'i.user_id')
    .select([
      'i.public_id',
      'i.format',
      'i.status',
      'i.verified',
      'i.failure_reason',
      'i.name',
      'i.issuer_name',
    ])
    .where('e.email', '=', email)
    .orderBy('i.id')
    .execute();
}

async function flash(browser: TestBrowser, res: Response): Promise<string> {
  assert.equal(
    res.status,
    303,
    `expected a redirect, got ${res.status}: ${(await res.text()).slice(0, 300)}`,
  );
  const html = await (await browser.get(res.headers.get('location')!.split('#')[0]!)).text();
  return html.match(/<p class="flash \w+"[^>]*>([^<]*)<\/p>/)?.[1] ?? '';
}

for (const backend of testBackends()) {
  describe(`backpack (${backend.name})`, () => {
    test('lists badges issued here (accepted, waiting, revoked) and imported ones, each with its status', async () => {
      const storage = await backend.storage();
      const { app, deps, actor, issue } = await setup(storage);
      const earner = await buildUser(storage.db, { name: 'Dana Earner' });
      const kept = await issue(earner.email, 'Wait Time');
      const revoked = await issue(earner.email, 'Questioning');
      const waiting = await issue(earner.email, 'Feedback Loops');
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: revoked.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      const browser = await loggedIn(app, earner);

      let html = await (await browser.get('/backpack')).text();
      assert.match(html, /Waiting for you to accept/);
      assert.ok(html.includes(`/backpack/badges/${kept.publicId}/accept`));
      // Accept two from the backpack; decline none; the third stays waiting.
      for (const id of [kept.publicId, revoked.publicId])
        assert.match(
          await flash(browser, await browser.post(`/backpack/badges/${id}/accept`)),
          /You accepted/,
        );

      const other = await issue(`${unique('x')}@example.org`, 'Imported Skill', ['ldp']);
      assert.match(
        await flash(browser, await importForm(browser, { text: JSON.stringify(other.credential) })),
        /Imported and verified/,
      );

      html = await (await browser.get('/backpack')).text();
      const section = (id: string) =>
        html.slice(html.indexOf(`id="badge-${id}"`), html.indexOf('</li>', html.indexOf(`id="badge-${id}"`)));
      // Each held badge is a card: image, title, issuer, status chip, then what it says in words.
      assert.match(section(kept.publicId), /^id="badge-[^"]+"><img class="badge-image" src="\/badges\//);
      assert.match(
        pageText(section(kept.publicId)),
        /Issued by Lakeside \w+ Valid Issued here on \d{4}-\d\d-\d\d\./,
      );
      assert.match(section(revoked.publicId), /data-status="revoked"[^>]*>Revoked</);
      assert.match(section(waiting.publicId), /Feedback Loops<\/strong> from Lakeside/);
      assert.ok(
        html.indexOf(`id="badge-${waiting.publicId}"`) < html.indexOf('id="h-badges"'),
        'the waiting badge is listed under “waiting for you to accept”',
      );
      const imported = (await importedRows(storage, earner.email))[0]!;
      assert.match(
        pageText(section(imported.public_id)),
        /Issued by Lakeside \w+ Valid Issued on \d{4}-\d\d-\d\d\. Imported \(JSON\) — verified/,
      );

      // Declined badges leave the list of held badges.
      assert.match(
        await flash(browser, await browser.post(`/backpack/badges/${waiting.publicId}/decline`)),
        /You declined/,
      );
      html = await (await browser.get('/backpack')).text();
      assert.ok(!html.includes(`id="badge-${waiting.publicId}"`));
      assert.match(html, /<h2 id="h-declined">Declined<\/h2>\s*<ul>\s*<li>Feedback Loops from/);
      // A badge of someone else's address is not in this backpack.
      assert.ok(!html.includes(other.publicId));
    });

    test('imports JSON, JWS, baked PNG and SVG (verified), labels a tampered one with the reason, refuses garbage and keeps nothing', async () => {
      const storage = await backend.storage();
      const { app, issue } = await setup(storage);
      const earner = await buildUser(storage.db);
      const browser = await loggedIn(app, earner);
      const source = await issue(`${unique('elsewhere')}@example.org`, 'Classroom Talk');
      const png = new Uint8Array(
        await (await app.request(`/badges/${source.publicId}/baked.png`)).arrayBuffer(),
      );
      const svg = await (await app.request(`/badges/${source.publicId}/baked.svg`)).text();
      const another = await issue(`${unique('elsewhere')}@example.org`, 'Assessment Design');

      assert.match(
        await flash(browser, await importForm(browser, { text: JSON.stringify(source.credential) })),
        /Imported and verified/,
      );
      assert.match(
        await flash(browser, await importForm(browser, { text: source.jwt! })),
        /Imported and verified/,
      );
      assert.match(
        await flash(
          browser,
          await importForm(browser, { file: { name: 'badge.png', bytes: png, type: 'image/png' } }),
        ),
        /Imported and verified/,
      );
      assert.match(
        await flash(
          browser,
          await importForm(browser, {
            file: { name: 'badge.svg', bytes: Buffer.from(svg), type: 'image/svg+xml' },
          }),
        ),
        /Imported and verified/,
      );
      // Tampered: the achievement renamed after signing.
      const tampered = structuredClone(another.credential) as {
        credentialSubject: { achievement: { name: string } };
      };
      tampered.credentialSubject.achievement.name = 'Something Grander';
      const tamperedFlash = await flash(
        browser,
        await importForm(browser, {
          file: {
            name: 'tampered.json',
            bytes: Buffer.from(JSON.stringify(tampered)),
            type: 'application/json',
          },
        }),
      );
      assert.match(tamperedFlash, /Imported, but it did not verify: .+/);

      const rows = await importedRows(storage, earner.email);
      assert.deepEqual(
        rows.map((r) => [r.format, r.status, r.verified, r.name]),
        [
          ['json', 'valid', true, 'Classroom Talk'],
          ['jws', 'valid', true, 'Classroom Talk'],
          ['png', 'valid', true, 'Classroom Talk'],
          ['svg', 'valid', true, 'Classroom Talk'],
          ['json', 'failed', false, 'Something Grander'],
        ],
      );
      assert.match(rows[4]!.failure_reason ?? '', /proof|signature/i);
      const html = await (await browser.get('/backpack')).text();
      assert.match(html, /Not verified<\/span>[^]*?verification failed: /);
      // Each original downloads as given.
      const jws = await browser.get(`/backpack/imported/${rows[1]!.public_id}/download`);
      assert.equal(await jws.text(), source.jwt);
      const image = new Uint8Array(
        await (await browser.get(`/backpack/imported/${rows[2]!.public_id}/download`)).arrayBuffer(),
      );
      assert.deepEqual(image, png);
      // An imported JSON or JWS credential can be downloaded baked into a plain badge image, which imports again.
      const rebaked = new Uint8Array(
        await (await browser.get(`/backpack/imported/${rows[1]!.public_id}/baked.png`)).arrayBuffer(),
      );
      assert.equal(extractFromPng(rebaked)?.data, source.jwt);
      const rebakedSvg = await (
        await browser.get(`/backpack/imported/${rows[0]!.public_id}/baked.svg`)
      ).text();
      assert.equal(extractFromSvg(rebakedSvg)?.data, JSON.stringify(source.credential));
      assert.equal(
        (await browser.get(`/backpack/imported/${rows[2]!.public_id}/baked.png`)).status,
        404,
        'an image import is already baked',
      );
      const friend = await loggedIn(app, await buildUser(storage.db));
      assert.match(
        await flash(
          friend,
          await importForm(friend, { file: { name: 'rebaked.png', bytes: rebaked, type: 'image/png' } }),
        ),
        /Imported and verified/,
      );

      // Re-verify after the issuer revokes the original: the label follows.
      await changeCredentialStatus(
        { db: storage.db, clock: testApp(storage).clock, config: testConfig() },
        {
          actor: systemActor('test'),
          organisationId: (
            await storage.db
              .selectFrom('credentials')
              .select('organisation_id')
              .where('public_id', '=', source.publicId)
              .executeTakeFirstOrThrow()
          ).organisation_id,
          credential: source.publicId,
          action: 'revoke',
          reason: 'Mistake',
        },
      );
      assert.match(
        await flash(browser, await browser.post(`/backpack/imported/${rows[0]!.public_id}/reverify`)),
        /Verified again: revoked/,
      );
      assert.equal((await importedRows(storage, earner.email))[0]!.status, 'revoked');

      // Bad input: a clear message, the form kept, nothing stored.
      const garbage = await importForm(browser, {
        file: {
          name: 'photo.png',
          bytes: Buffer.concat([Buffer.from('not a badge at all '), randomBytes(300)]),
          type: 'image/png',
        },
      });
      assert.equal(garbage.status, 422);
      assert.match(await garbage.text(), /neither a badge image \(PNG or SVG\) nor a credential/);
      const plainPng = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const noBadge = await importForm(browser, {
        file: { name: 'photo.png', bytes: plainPng, type: 'image/png' },
      });
      assert.equal(noBadge.status, 422);
      assert.match(await noBadge.text(), /PNG cannot be read|carries no badge/);
      const empty = await importForm(browser, {});
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /Paste a credential, choose a badge image or give a URL/);
      const badJson = await importForm(browser, {
        text: '{"@context": ["https://www.w3.org/ns/credentials/v2"',
      });
      assert.equal(badJson.status, 422);
      const kept = await badJson.text();
      assert.match(kept, /not valid JSON/);
      assert.ok(
        kept.includes('{&quot;@context&quot;: [&quot;https://www.w3.org/ns/credentials/v2&quot;</textarea>'),
        'what was typed is shown again',
      );
      const duplicate = await importForm(browser, { text: JSON.stringify(source.credential) });
      assert.equal(duplicate.status, 409);
      assert.match(await duplicate.text(), /already in your backpack/);
      // URLs need the network, which is off in tests.
      const byUrl = await importForm(browser, { url: 'https://badges.example.org/assertions/1' });
      assert.equal(byUrl.status, 422);
      assert.match(await byUrl.text(), /does not fetch credentials from other sites/);
      assert.equal((await importedRows(storage, earner.email)).length, 5);
    });

    test('imports from a URL and an Open Badges 2.0 signed badge when fetching is allowed (loopback platform)', async () => {
      const storage = await backend.storage();
      const { issue } = await setup(storage);
      const source = await issue(`${unique('elsewhere')}@example.org`, 'Hosted Badge', ['ldp']);
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const docs: Record<string, unknown> = {};
      const base = await otherPlatform(docs);
      const issuer = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Issuer',
        id: `${base}/issuer`,
        name: 'Old Platform',
        revocationList: `${base}/revocations`,
      };
      docs['/issuer'] = issuer;
      docs['/badges/1'] = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'BadgeClass',
        id: `${base}/badges/1`,
        name: 'Mentoring',
        description: 'd',
        image: `${base}/b.png`,
        criteria: { narrative: 'n' },
        issuer: issuer.id,
      };
      docs['/revocations'] = { revokedAssertions: [] };
      docs['/keys/1'] = {
        type: 'CryptographicKey',
        id: `${base}/keys/1`,
        owner: issuer.id,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
      };
      docs['/credential.json'] = source.credential;
      const assertion = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Assertion',
        id: `${base}/assertions/42`,
        recipient: { type: 'email', hashed: false, identity: 'teacher@example.org' },
        badge: { ...(docs['/badges/1'] as object), issuer },
        issuedOn: '2019-05-01T00:00:00Z',
        verification: { type: 'signed', creator: `${base}/keys/1` },
      };
      const jws = await new CompactSign(Buffer.from(JSON.stringify(assertion)))
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);

      const { fetchJson } = createSafeFetcher({
        allowHttpForTests: true,
        allowAddress: (ip) => ip === '127.0.0.1',
        cacheTtlMs: 0,
      });
      const services = {
        ...testCredentialServices(),
        remote: { fetchJson, resolveKey: () => Promise.reject(new Error('no foreign keys here')) },
      };
      const app: Hono<AppEnv> = createApp({
        config: testConfig(),
        db: storage.db,
        clock: new ManualClock(new Date()),
        logger: silentLogger,
        credentials: services,
      });
      const earner = await buildUser(storage.db);
      const browser = await loggedIn(app, earner);
      assert.match(
        await flash(browser, await importForm(browser, { url: `${base}/credential.json` })),
        /Imported and verified/,
      );
      assert.match(await flash(browser, await importForm(browser, { text: jws })), /Imported and verified/);
      const missing = await importForm(browser, { url: `${base}/nothing.json` });
      assert.equal(missing.status, 422);
      assert.match(await missing.text(), /Could not fetch a credential from that address: .*answered 404/);
      const rows = await importedRows(storage, earner.email);
      assert.deepEqual(
        rows.map((r) => [r.format, r.status, r.name, r.issuer_name]),
        [
          ['url', 'valid', 'Hosted Badge', rows[0]!.issuer_name],
          ['jws', 'valid', 'Mentoring', 'Old Platform'],
        ],
      );
      // Without the network, the same OB 2.0 badge is kept and labelled with what could not be checked.
      const offline = await loggedIn(testApp(storage).app, await buildUser(storage.db));
      assert.match(
        await flash(offline, await importForm(offline, { text: jws })),
        /Imported, but it did not verify: .*network/,
      );
    });

    test('collections: create, add, share by link (only its public badges), unshare (404), reorder and remove', async () => {
      const storage = await backend.storage();
      const { app, issue } = await setup(storage);
      const earner = await buildUser(storage.db, { name: 'Robin Shares' });
      const a = await issue(earner.email, 'Badge Alpha');
      const b = await issue(earner.email, 'Badge Beta');
      const c = await issue(earner.email, 'Badge Gamma');
      const browser = await loggedIn(app, earner);
      const other = await issue(`${unique('e')}@example.org`, 'Imported Delta', ['ldp']);
      await flash(browser, await importForm(browser, { text: JSON.stringify(other.credential) }));
      const importedId = (await importedRows(storage, earner.email))[0]!.public_id;

      const created = await browser.post('/backpack/collections', {
        name: 'For the district',
        description: 'Evidence for my renewal',
      });
      assert.equal(created.status, 303);
      const colPath = created.headers.get('location')!;
      const colId = colPath.split('/').pop()!;
      const second = await browser.post('/backpack/collections', { name: 'Private stuff' });
      const secondId = second.headers.get('location')!.split('/').pop()!;
      const blank = await browser.post('/backpack/collections', { name: '  ' });
      assert.equal(blank.status, 422);
      assert.match(await blank.text(), /Give the collection a name/);

      for (const badge of [a.publicId, b.publicId, importedId])
        assert.match(
          await flash(browser, await browser.post('/backpack/collections/add', { collection: colId, badge })),
          /Added/,
        );
      await browser.post('/backpack/collections/add', { collection: secondId, badge: c.publicId });
      assert.match(
        await flash(
          browser,
          await browser.post('/backpack/collections/add', { collection: colId, badge: a.publicId }),
        ),
        /already in “For the district”/,
      );
      // B private: it stays in the collection, but the shared page leaves it out.
      await browser.post(`/backpack/badges/${b.publicId}/privacy`, { private: 'true' });

      // The link is shown once, on the page sharing returns; only its hash is stored.
      const sharing = await browser.post(`${colPath}/share`);
      assert.equal(sharing.status, 201);
      const link = (await sharing.text()).match(/http:\/\/cairn\.test(\/c\/[\w-]+)/)![1]!;
      const later = await (await browser.get(colPath)).text();
      assert.ok(!later.includes(link), 'the link is not shown again');
      assert.match(later, /Make a new link/);
      const stored = await storage.db
        .selectFrom('collections')
        .select(['share_token_hash'])
        .where('public_id', '=', colId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.share_token_hash, hashToken(link.slice('/c/'.length)));
      const visitor = await app.request(link);
      assert.equal(visitor.status, 200);
      const shared = await visitor.text();
      assert.match(shared, /For the district/);
      assert.match(shared, /Badges collected by Robin Shares/);
      assert.ok(shared.includes('Badge Alpha') && shared.includes('Imported Delta'));
      assert.match(shared, /data-status="valid"/);
      assert.ok(!shared.includes('Badge Beta'), 'a private badge is not shown');
      assert.ok(!shared.includes('Badge Gamma'), 'only this collection’s badges');
      const download = await app.request(`${link}/imported/${importedId}`);
      assert.equal(await download.text(), JSON.stringify(other.credential));

      // Reorder: the imported badge moves up above Beta and Alpha.
      const items = await storage.db
        .selectFrom('collection_items as i')
        .innerJoin('collections as c', 'c.id', 'i.collection_id')
        .select(['i.id', 'i.imported_credential_id'])
        .where('c.public_id', '=', colId)
        .orderBy('i.position')
        .execute();
      const importedItem = items.find((i) => i.imported_credential_id !== null)!;
      await browser.post(`${colPath}/items/${importedItem.id}/move`, { direction: 'up' });
      await browser.post(`${colPath}/items/${importedItem.id}/move`, { direction: 'up' });
      const reordered = await (await app.request(link)).text();
      assert.ok(reordered.indexOf('Imported Delta') < reordered.indexOf('Badge Alpha'));
      await browser.post(`${colPath}/items/${importedItem.id}/remove`);
      assert.ok(!(await (await app.request(link)).text()).includes('Imported Delta'));

      assert.match(await flash(browser, await browser.post(`${colPath}/unshare`)), /No longer shared/);
      assert.equal((await app.request(link)).status, 404);
      assert.equal((await app.request(`${link}/imported/${importedId}`)).status, 404);
      // Sharing again makes a new link; the old one stays dead. So does making a new link while shared.
      const again = (await (await browser.post(`${colPath}/share`)).text()).match(
        /http:\/\/cairn\.test(\/c\/[\w-]+)/,
      )![1]!;
      assert.notEqual(again, link);
      assert.equal((await app.request(link)).status, 404);
      assert.equal((await app.request(again)).status, 200);
      const replaced = (await (await browser.post(`${colPath}/share`)).text()).match(
        /http:\/\/cairn\.test(\/c\/[\w-]+)/,
      )![1]!;
      assert.equal((await app.request(again)).status, 404);
      assert.equal((await app.request(replaced)).status, 200);
      await browser.post(`${colPath}/delete`);
      assert.equal((await app.request(replaced)).status, 404);
      assert.equal((await browser.get(colPath)).status, 404);
    });

    test('the ZIP export holds every badge: credential, JWS, baked images, imported originals and a manifest', async () => {
      const storage = await backend.storage();
      const { app, issue } = await setup(storage);
      const earner = await buildUser(storage.db);
      const one = await issue(earner.email, 'Zip One');
      const two = await issue(earner.email, 'Zip Two', ['ldp']);
      const browser = await loggedIn(app, earner);
      const elsewhere = await issue(`${unique('e')}@example.org`, 'Zip Imported');
      await flash(browser, await importForm(browser, { text: elsewhere.jwt! }));
      const res = await browser.get('/backpack/export.zip');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/zip');
      const entries = readZip(new Uint8Array(await res.arrayBuffer()));
      const byName = new Map(entries.map((e) => [e.name, e.data]));
      const dirOne = `zip-one-${one.publicId}`;
      const dirTwo = `zip-two-${two.publicId}`;
      assert.equal(byName.get(`${dirOne}/credential.json`)?.toString('utf8'), JSON.stringify(one.credential));
      assert.equal(byName.get(`${dirOne}/credential.jwt`)?.toString('utf8'), one.jwt);
      assert.ok(byName.has(`${dirOne}/baked.png`) && byName.has(`${dirOne}/baked.svg`));
      // Every badge has a VC-JWT now, also one awarded with formats ['ldp'] only.
      assert.ok(byName.has(`${dirTwo}/credential.json`));
      assert.equal(byName.get(`${dirTwo}/credential.jwt`)?.toString('utf8'), two.jwt);
      const importedEntry = entries.find(
        (e) => e.name.startsWith('imported/zip-imported-') && e.name.endsWith('/credential.jwt'),
      );
      assert.equal(importedEntry?.data.toString('utf8'), elsewhere.jwt);
      const manifest = JSON.parse(byName.get('manifest.json')!.toString('utf8')) as {
        badges: Array<{ id: string; source: string; status: string }>;
      };
      assert.equal(manifest.badges.length, 3);
      assert.deepEqual(manifest.badges.map((b) => b.source).sort(), ['imported', 'issued', 'issued']);
      assert.ok(manifest.badges.every((b) => b.status === 'valid'));
    });

    test('privacy: a private badge’s page says only whether it is valid; no details, OG tags, oEmbed or files for visitors', async () => {
      const storage = await backend.storage();
      const { app, issue, config } = await setup(storage);
      const earner = await buildUser(storage.db);
      const badge = await issue(earner.email, 'Secret Skill');
      const browser = await loggedIn(app, earner);
      assert.match(
        await flash(
          browser,
          await browser.post(`/backpack/badges/${badge.publicId}/privacy`, { private: 'true' }),
        ),
        /private/,
      );

      const html = await (await app.request(`/badges/${badge.publicId}`)).text();
      assert.match(html, /<span class="(?:tag|chip ok)"[^>]*>Valid<\/span> This credential is valid\./);
      for (const leak of [
        'Secret Skill',
        'og:title',
        'og:image',
        'oembed',
        'Lakeside',
        'linkedin',
        'credential.json',
        'baked.png',
      ])
        assert.ok(!html.includes(leak), `the private page leaks ${leak}`);
      const url = `${config.publicUrl}/badges/${badge.publicId}`;
      assert.equal((await app.request(`/oembed?url=${encodeURIComponent(url)}`)).status, 404);
      for (const file of ['credential.json', 'credential.jwt', 'baked.png', 'baked.svg', 'qr.svg'])
        assert.equal((await app.request(`/badges/${badge.publicId}/${file}`)).status, 404, file);
      const stranger = await loggedIn(app, await buildUser(storage.db));
      // /verify does not read a private badge by its address either; the credential itself must be presented.
      const byAddress = await app.request(`/verify?url=${encodeURIComponent(url)}`, {
        headers: { accept: 'text/html' },
      });
      assert.equal(byAddress.status, 422);
      const refused = await byAddress.text();
      assert.match(refused, /That badge is private/);
      assert.ok(!refused.includes('Secret Skill'));
      const presented = await stranger.post('/verify', { text: JSON.stringify(badge.credential) });
      assert.equal(presented.status, 200, 'a presented private credential is still verified in full');
      assert.match(await presented.text(), /Secret Skill/);
      // A stranger who is logged in sees no more.
      assert.ok(!(await (await stranger.get(`/badges/${badge.publicId}`)).text()).includes('Secret Skill'));
      // The earner still sees everything and can download.
      const own = await (await browser.get(`/badges/${badge.publicId}`)).text();
      assert.match(own, /Secret Skill/);
      assert.match(own, /You made this badge private/);
      assert.equal(
        await (await browser.get(`/badges/${badge.publicId}/credential.json`)).text(),
        JSON.stringify(badge.credential),
      );
      // Public again: everything is back.
      await browser.post(`/backpack/badges/${badge.publicId}/privacy`, { private: 'false' });
      assert.match(await (await app.request(`/badges/${badge.publicId}`)).text(), /Secret Skill/);
      assert.equal((await app.request(`/oembed?url=${encodeURIComponent(url)}`)).status, 200);
    });

    test('nobody else can see or change my backpack: everything of mine is 404 to them', async () => {
      const storage = await backend.storage();
      const { app, issue } = await setup(storage);
      const me = await buildUser(storage.db);
      const mine = await issue(me.email, 'Mine Only');
      const browser = await loggedIn(app, me);
      const elsewhere = await issue(`${unique('e')}@example.org`, 'Mine Imported', ['ldp']);
      await flash(browser, await importForm(browser, { text: JSON.stringify(elsewhere.credential) }));
      const importedId = (await importedRows(storage, me.email))[0]!.public_id;
      const colPath = (await browser.post('/backpack/collections', { name: 'Mine' })).headers.get(
        'location',
      )!;
      const colId = colPath.split('/').pop()!;

      const other = await buildUser(storage.db);
      const them = await loggedIn(app, other);
      const theirs = (await them.post('/backpack/collections', { name: 'Theirs' })).headers
        .get('location')!
        .split('/')
        .pop()!;
      const attempts: Array<[string, Response]> = [
        ['privacy', await them.post(`/backpack/badges/${mine.publicId}/privacy`, { private: 'true' })],
        ['accept', await them.post(`/backpack/badges/${mine.publicId}/accept`)],
        ['reverify', await them.post(`/backpack/imported/${importedId}/reverify`)],
        ['remove', await them.post(`/backpack/imported/${importedId}/remove`)],
        ['download', await them.get(`/backpack/imported/${importedId}/download`)],
        ['image', await them.get(`/backpack/imported/${importedId}/image`)],
        ['collection', await them.get(colPath)],
        ['share', await them.post(`${colPath}/share`)],
        ['delete', await them.post(`${colPath}/delete`)],
        [
          'add mine to theirs',
          await them.post('/backpack/collections/add', { collection: theirs, badge: mine.publicId }),
        ],
        [
          'add imported to theirs',
          await them.post('/backpack/collections/add', { collection: theirs, badge: importedId }),
        ],
        [
          'add to mine',
          await them.post('/backpack/collections/add', { collection: colId, badge: importedId }),
        ],
      ];
      for (const [what, res] of attempts) assert.equal(res.status, 404, what);
      const theirPage = await (await them.get('/backpack')).text();
      assert.ok(!theirPage.includes('Mine Only') && !theirPage.includes('Mine Imported'));
      // Nothing changed for me.
      assert.equal((await importedRows(storage, me.email)).length, 1);
      assert.equal(
        (
          await storage.db
            .selectFrom('credential_privacy')
            .select('credential_id')
            .where(
              'credential_id',
              '=',
              (
                await storage.db
                  .selectFrom('credentials')
                  .select('id')
                  .where('public_id', '=', mine.publicId)
                  .executeTakeFirstOrThrow()
              ).id,
            )
            .execute()
        ).length,
        0,
      );
      assert.equal((await browser.get(colPath)).status, 200);
      // Logged out: the backpack asks to log in.
      const anonymous = await app.request('/backpack', { headers: { accept: 'text/html' } });
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.headers.get('location') ?? '', /^\/login\?next=%2Fbackpack/);
    });
  });
}
