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
import {
  badgeCards,
  byLabel,
  errorSummary,
  flashMessage,
  formOfButton,
  formsOfButton,
  listAfter,
  pageText,
} from '../../../testing/pageQueries.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { loadBackpack } from './backpackLoader.ts';
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

/** The message the page a post redirects to shows once. */
async function flash(browser: TestBrowser, res: Response): Promise<string> {
  assert.equal(
    res.status,
    303,
    `expected a redirect, got ${res.status}: ${(await res.text()).slice(0, 300)}`,
  );
  const html = await (await browser.get(res.headers.get('location')!.split('#')[0]!)).text();
  return flashMessage(html)?.text ?? '';
}

/** A refused form: its status, and what the error summary says. */
async function refused(res: Response): Promise<{ status: number; message: string; html: string }> {
  const html = await res.text();
  return { status: res.status, message: errorSummary(html)?.message ?? '', html };
}

/** The share link a collection page shows once, in its copy field. */
const shareLink = (html: string) =>
  new URL(byLabel(html, 'Copy the link now: for your privacy it is shown only this once.').value).pathname;

const day = (d: Date) => translator('en').date(d);
const PASTE = 'Paste the credential (JSON or JWS)';
const PASTE_ES = 'Pega la credencial (JSON o JWS)';
const UPLOAD = 'or upload a badge file (baked PNG or SVG, or a .json / .jwt file)';

for (const backend of testBackends()) {
  describe(`backpack (${backend.name})`, () => {
    test('lists badges issued here (accepted, waiting, revoked) and imported ones, each with its status', async () => {
      const storage = await backend.storage();
      const { app, deps, actor, issue, org } = await setup(storage);
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
      assert.equal(listAfter(html, 'Waiting for you to accept').length, 3);
      assert.ok(
        formsOfButton(html, 'Accept').some((f) => f.action === `/backpack/badges/${kept.publicId}/accept`),
      );
      // Accept two from the backpack; decline none; the third stays waiting.
      for (const [id, name] of [
        [kept.publicId, 'Wait Time'],
        [revoked.publicId, 'Questioning'],
      ])
        assert.equal(
          await flash(browser, await browser.post(`/backpack/badges/${id}/accept`)),
          `You accepted ${name}.`,
        );

      const other = await issue(`${unique('x')}@example.org`, 'Imported Skill', ['ldp']);
      assert.equal(
        await flash(browser, await importForm(browser, { text: JSON.stringify(other.credential) })),
        'Imported and verified.',
      );

      html = await (await browser.get('/backpack')).text();
      const model = await loadBackpack(storage.db, earner.id, new Date());
      const cards = badgeCards(html);
      const card = (id: string) => cards.find((c) => c.id === `badge-${id}`);
      const issuedOn = day(model.held.find((b) => b.publicId === kept.publicId)!.issuedAt);
      // Each held badge is a card: image, title, issuer, status chip, then what it says in words.
      const keptCard = card(kept.publicId)!;
      assert.ok(keptCard.image?.startsWith(`/badges/${kept.publicId}/`));
      assert.equal(keptCard.href, `/badges/${kept.publicId}`);
      assert.ok(
        keptCard.text.startsWith(`Wait Time Issued by ${org.name} Valid Issued here on ${issuedOn}.`),
        keptCard.text,
      );
      assert.deepEqual(
        [card(revoked.publicId)?.status, card(revoked.publicId)?.statusText],
        ['revoked', 'Revoked'],
      );
      assert.deepEqual(
        model.pending.map((b) => b.publicId),
        [waiting.publicId],
        'the waiting badge is listed under “waiting for you to accept”',
      );
      assert.equal(card(waiting.publicId), undefined);
      assert.ok(
        listAfter(html, 'Waiting for you to accept')[0]!.startsWith(`Feedback Loops from ${org.name}`),
      );
      const imported = (await importedRows(storage, earner.email))[0]!;
      assert.ok(
        card(imported.public_id)!.text.startsWith(
          `Imported Skill Issued by ${org.name} Valid Issued on ${issuedOn}. Imported (JSON) — verified`,
        ),
        card(imported.public_id)!.text,
      );

      // Declined badges leave the list of held badges.
      assert.equal(
        await flash(browser, await browser.post(`/backpack/badges/${waiting.publicId}/decline`)),
        'You declined Feedback Loops.',
      );
      html = await (await browser.get('/backpack')).text();
      assert.ok(!badgeCards(html).some((c) => c.id === `badge-${waiting.publicId}`));
      assert.deepEqual(listAfter(html, 'Declined'), [`Feedback Loops from ${org.name} (${issuedOn})`]);
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

      assert.equal(
        await flash(browser, await importForm(browser, { text: JSON.stringify(source.credential) })),
        'Imported and verified.',
      );
      assert.equal(
        await flash(browser, await importForm(browser, { text: source.jwt! })),
        'Imported and verified.',
      );
      assert.equal(
        await flash(
          browser,
          await importForm(browser, { file: { name: 'badge.png', bytes: png, type: 'image/png' } }),
        ),
        'Imported and verified.',
      );
      assert.equal(
        await flash(
          browser,
          await importForm(browser, {
            file: { name: 'badge.svg', bytes: Buffer.from(svg), type: 'image/svg+xml' },
          }),
        ),
        'Imported and verified.',
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
      assert.ok(
        tamperedFlash.startsWith('Imported, but it did not verify: ') && tamperedFlash.length > 34,
        tamperedFlash,
      );

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
      const tamperedCard = badgeCards(html).find((c) => c.id === `badge-${rows[4]!.public_id}`)!;
      assert.equal(tamperedCard.statusText, 'Not verified');
      assert.ok(
        tamperedCard.text.includes(`— verification failed: ${rows[4]!.failure_reason}`),
        tamperedCard.text,
      );
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
      assert.equal(
        await flash(
          friend,
          await importForm(friend, { file: { name: 'rebaked.png', bytes: rebaked, type: 'image/png' } }),
        ),
        'Imported and verified.',
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
      const reverified = await flash(
        browser,
        await browser.post(`/backpack/imported/${rows[0]!.public_id}/reverify`),
      );
      assert.ok(reverified.startsWith('Verified again: revoked.'), reverified);
      assert.equal((await importedRows(storage, earner.email))[0]!.status, 'revoked');

      // Bad input: a clear message, the form kept, nothing stored.
      const garbage = await importForm(browser, {
        file: {
          name: 'photo.png',
          bytes: Buffer.concat([Buffer.from('not a badge at all '), randomBytes(300)]),
          type: 'image/png',
        },
      });
      const garbageForm = await refused(garbage);
      assert.equal(garbageForm.status, 422);
      assert.equal(
        garbageForm.message,
        'That file is neither a badge image (PNG or SVG) nor a credential (JSON or JWS).',
      );
      assert.equal(byLabel(garbageForm.html, UPLOAD).error, 'Unrecognised file.');
      const plainPng = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const noBadge = await importForm(browser, {
        file: { name: 'photo.png', bytes: plainPng, type: 'image/png' },
      });
      const noBadgeForm = await refused(noBadge);
      assert.equal(noBadgeForm.status, 422);
      assert.ok(
        /^That PNG (cannot be read|image carries no badge)/.test(noBadgeForm.message),
        noBadgeForm.message,
      );
      const empty = await refused(await importForm(browser, {}));
      assert.deepEqual(
        [empty.status, empty.message],
        [422, 'Paste a credential, choose a badge image or give a URL.'],
      );
      const badJson = await importForm(browser, {
        text: '{"@context": ["https://www.w3.org/ns/credentials/v2"',
      });
      const kept = await refused(badJson);
      assert.equal(kept.status, 422);
      assert.ok(kept.message.startsWith('That is not valid JSON: '), kept.message);
      assert.equal(byLabel(kept.html, PASTE).error, 'Paste the whole credential, from { to }.');
      assert.equal(
        byLabel(kept.html, PASTE).value,
        '{"@context": ["https://www.w3.org/ns/credentials/v2"',
        'what was typed is shown again',
      );
      const duplicate = await refused(await importForm(browser, { text: JSON.stringify(source.credential) }));
      assert.deepEqual(
        [duplicate.status, duplicate.message],
        [409, 'This badge is already in your backpack.'],
      );
      // URLs need the network, which is off in tests.
      const byUrl = await refused(
        await importForm(browser, { url: 'https://badges.example.org/assertions/1' }),
      );
      assert.deepEqual(
        [byUrl.status, byUrl.message],
        [
          422,
          'This server does not fetch credentials from other sites; download the credential and upload or paste it instead.',
        ],
      );
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
      assert.equal(
        await flash(browser, await importForm(browser, { url: `${base}/credential.json` })),
        'Imported and verified.',
      );
      assert.equal(await flash(browser, await importForm(browser, { text: jws })), 'Imported and verified.');
      const missing = await importForm(browser, { url: `${base}/nothing.json` });
      const missingForm = await refused(missing);
      assert.equal(missingForm.status, 422);
      assert.ok(
        /^Could not fetch a credential from that address: .*answered 404/.test(missingForm.message),
        missingForm.message,
      );
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
      const offlineFlash = await flash(offline, await importForm(offline, { text: jws }));
      assert.ok(/^Imported, but it did not verify: .*network/.test(offlineFlash), offlineFlash);
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
      const blank = await refused(await browser.post('/backpack/collections', { name: '  ' }));
      assert.equal(blank.status, 422);
      assert.equal(byLabel(blank.html, 'Name').error, 'Give the collection a name.');

      for (const badge of [a.publicId, b.publicId, importedId])
        assert.equal(
          await flash(browser, await browser.post('/backpack/collections/add', { collection: colId, badge })),
          'Added to the collection.',
        );
      await browser.post('/backpack/collections/add', { collection: secondId, badge: c.publicId });
      assert.equal(
        await flash(
          browser,
          await browser.post('/backpack/collections/add', { collection: colId, badge: a.publicId }),
        ),
        'That badge is already in “For the district”.',
      );
      // B private: it stays in the collection, but the shared page leaves it out.
      await browser.post(`/backpack/badges/${b.publicId}/privacy`, { private: 'true' });

      // The link is shown once, on the page sharing returns; only its hash is stored.
      const sharing = await browser.post(`${colPath}/share`);
      assert.equal(sharing.status, 201);
      const link = shareLink(await sharing.text());
      assert.ok(link.startsWith('/c/'), link);
      const later = await (await browser.get(colPath)).text();
      assert.ok(!later.includes(link), 'the link is not shown again');
      assert.ok(formOfButton(later, 'Make a new link'));
      const stored = await storage.db
        .selectFrom('collections')
        .select(['share_token_hash'])
        .where('public_id', '=', colId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.share_token_hash, hashToken(link.slice('/c/'.length)));
      const visitor = await app.request(link);
      assert.equal(visitor.status, 200);
      const shared = await visitor.text();
      assert.ok(pageText(shared).includes('For the district Badges collected by Robin Shares.'));
      // Only this collection's badges, and not the private one (Beta).
      assert.deepEqual(
        badgeCards(shared).map((card) => [card.title, card.status]),
        [
          ['Badge Alpha', 'valid'],
          ['Imported Delta', 'valid'],
        ],
      );
      assert.ok(!shared.includes('Badge Beta'), 'a private badge is not shown');
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
      const titles = async () => badgeCards(await (await app.request(link)).text()).map((card) => card.title);
      assert.deepEqual(await titles(), ['Imported Delta', 'Badge Alpha']);
      assert.equal(
        await flash(browser, await browser.post(`${colPath}/items/${importedItem.id}/remove`)),
        'Removed from the collection.',
      );
      assert.deepEqual(await titles(), ['Badge Alpha']);

      assert.equal(
        await flash(browser, await browser.post(`${colPath}/unshare`)),
        'No longer shared: the link has stopped working.',
      );
      assert.equal((await app.request(link)).status, 404);
      assert.equal((await app.request(`${link}/imported/${importedId}`)).status, 404);
      // Sharing again makes a new link; the old one stays dead. So does making a new link while shared.
      const again = shareLink(await (await browser.post(`${colPath}/share`)).text());
      assert.notEqual(again, link);
      assert.equal((await app.request(link)).status, 404);
      assert.equal((await app.request(again)).status, 200);
      const replaced = shareLink(await (await browser.post(`${colPath}/share`)).text());
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
      assert.equal(
        await flash(
          browser,
          await browser.post(`/backpack/badges/${badge.publicId}/privacy`, { private: 'true' }),
        ),
        'The badge is private: its page now says only whether it is valid.',
      );

      const html = await (await app.request(`/badges/${badge.publicId}`)).text();
      assert.ok(
        pageText(html).includes('Valid This credential is valid.'),
        'the page says only that it is valid',
      );
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
      const refusal = await refused(byAddress);
      assert.ok(refusal.message.startsWith('That badge is private'), refusal.message);
      assert.ok(!refusal.html.includes('Secret Skill'));
      const presented = await stranger.post('/verify', { text: JSON.stringify(badge.credential) });
      assert.equal(presented.status, 200, 'a presented private credential is still verified in full');
      assert.ok(pageText(await presented.text()).includes('Secret Skill'));
      // A stranger who is logged in sees no more.
      assert.ok(!(await (await stranger.get(`/badges/${badge.publicId}`)).text()).includes('Secret Skill'));
      // The earner still sees everything and can download.
      const own = await (await browser.get(`/badges/${badge.publicId}`)).text();
      assert.ok(pageText(own).includes('Secret Skill'));
      assert.ok(pageText(own).includes('You made this badge private'));
      assert.equal(
        await (await browser.get(`/badges/${badge.publicId}/credential.json`)).text(),
        JSON.stringify(badge.credential),
      );
      // Public again: everything is back.
      await browser.post(`/backpack/badges/${badge.publicId}/privacy`, { private: 'false' });
      assert.ok(
        pageText(await (await app.request(`/badges/${badge.publicId}`)).text()).includes('Secret Skill'),
      );
      assert.equal((await app.request(`/oembed?url=${encodeURIComponent(url)}`)).status, 200);
    });

    test('in Spanish: the page, a refused import, a refused collection and the messages after each post', async () => {
      const storage = await backend.storage();
      const { app, issue } = await setup(storage);
      const earner = await buildUser(storage.db);
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', earner.id).execute();
      const badge = await issue(earner.email, 'Tiempo de espera');
      const browser = await loggedIn(app, earner);
      const html = await (await browser.get('/backpack')).text();
      assert.deepEqual(listAfter(html, 'Pendientes de que las aceptes').length, 1);
      assert.ok(pageText(html).includes('Tu mochila Todas las insignias que tienes'));
      const empty = await refused(await importForm(browser, {}));
      assert.deepEqual(
        [empty.status, empty.message],
        [422, 'Pega una credencial, elige una imagen de insignia o da una URL.'],
      );
      assert.equal(byLabel(empty.html, PASTE_ES).error, 'Da una de las tres.');
      assert.equal(
        await flash(browser, await browser.post(`/backpack/badges/${badge.publicId}/accept`)),
        'Has aceptado Tiempo de espera.',
      );
      const blank = await refused(await browser.post('/backpack/collections', { name: ' ' }));
      assert.deepEqual(
        [blank.message, byLabel(blank.html, 'Nombre').error],
        ['Algunos campos necesitan atención.', 'Ponle un nombre a la colección.'],
      );
      assert.equal(
        await flash(browser, await browser.post('/backpack/collections', { name: 'Para el distrito' })),
        'Colección creada. Añádele insignias desde tu mochila.',
      );
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
