import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { testBackends, unique } from '../../testing/databases.ts';
import { loggedIn, TestBrowser, testApp, testConfig, testCredentialServices } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../issuing/commands/changeCredentialStatus.ts';
import { setBadgePrivacy } from '../backpack/index.ts';
import { verifyWithCairn } from '../verification/commands/verifyCredential.ts';
import { extractFromPng } from '../../credentials/baking/index.ts';
import { offlineDocumentLoader } from '../../credentials/documentLoader.ts';
import { verifyOb2 } from '../../credentials/ob2.ts';
import type { Storage } from '../../storage/database.ts';
import { OB2_REQUIRED } from './documents.ts';

// Hosted OB 2.0 assertions are https: the site's public URL is one here.
const config = testConfig({ PUBLIC_URL: 'https://cairn.test' });
const services = testCredentialServices();
type Json = Record<string, unknown>;

/** Posts the /verify form the way a browser does (multipart, with the CSRF field). */
async function verify(browser: TestBrowser, fields: { text?: string; url?: string; file?: Uint8Array }) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('text', fields.text ?? '');
  form.append('url', fields.url ?? '');
  if (fields.file)
    form.append('file', new File([Buffer.from(fields.file)], 'badge.png', { type: 'image/png' }));
  const res = await browser.request('POST', '/verify', { body: form });
  return { status: res.status, html: await res.text() };
}

async function scenario(storage: Storage) {
  const { app, clock } = testApp(storage, { config });
  const deps = { db: storage.db, clock, config, credentials: services };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['owner']);
  const { publicId: mc } = await publishedMicroCredential(
    deps,
    { userId: staff.id, ip: null },
    org.slug,
    `Restorative circles ${unique('')}`,
  );
  const earner = await buildUser(storage.db);
  const actor = { organisationId: org.id, userId: staff.id, ip: null };
  const issued = await issueCredential(deps, {
    actor: actor,
    organisationId: actor.organisationId,
    recipient: { email: earner.email },
    microCredential: mc,
    evidence: [
      {
        id: 'https://example.org/portfolio/circles',
        name: 'Circle transcript',
        narrative: 'Led three restorative circles with year 8.',
      },
    ],
    validUntil: '2031-01-01T00:00:00Z',
  });
  const get = async (path: string, browser?: TestBrowser) => {
    const res = browser ? await browser.get(path, { accept: 'application/json' }) : await app.request(path);
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as Json) : null,
    };
  };
  return { app, clock, deps, org, staff, earner, actor, issued, get };
}

/** Expands a document with the bundled OB 2.0 context, offline; `safe` makes any dropped term an error. */
async function expandOffline(doc: Json): Promise<Json[]> {
  return (await jsonld.expand(doc, { documentLoader: offlineDocumentLoader(), safe: true })) as Json[];
}

for (const backend of testBackends()) {
  describe(`Open Badges 2.0 export (${backend.name})`, () => {
    test('hosted assertion, BadgeClass and issuer Profile: OB 2.0 fields, hashed recipient, evidence; they expand with the bundled context', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const assertion = await s.get(`/ob2/assertions/${s.issued.publicId}`);
      assert.equal(assertion.status, 200);
      assert.match(assertion.type ?? '', /json/);
      const a = assertion.body!;
      for (const field of OB2_REQUIRED.Assertion) assert.ok(a[field] !== undefined, `Assertion.${field}`);
      assert.equal(a['@context'], 'https://w3id.org/openbadges/v2');
      assert.equal(a.type, 'Assertion');
      assert.equal(a.id, `https://cairn.test/ob2/assertions/${s.issued.publicId}`);
      assert.deepEqual(a.verification, { type: 'hosted' });
      assert.equal(a.expires, '2031-01-01T00:00:00.000Z');
      assert.ok(!Number.isNaN(Date.parse(String(a.issuedOn))));
      const recipient = a.recipient as { type: string; hashed: boolean; salt: string; identity: string };
      assert.equal(recipient.type, 'email');
      assert.equal(recipient.hashed, true);
      assert.equal(
        recipient.identity,
        `sha256$${createHash('sha256')
          .update(s.earner.email.toLowerCase() + recipient.salt)
          .digest('hex')}`,
        'salted sha256 of the email',
      );
      assert.ok(!JSON.stringify(a).includes(s.earner.email), 'the email is not in the assertion');
      assert.deepEqual(a.evidence, [
        {
          type: 'Evidence',
          id: 'https://example.org/portfolio/circles',
          name: 'Circle transcript',
          narrative: 'Led three restorative circles with year 8.',
        },
      ]);
      assert.deepEqual(
        (await s.get(`/ob2/assertions/${s.issued.publicId}`)).body,
        a,
        'stable: the same document on every fetch',
      );

      const badge = await s.get(new URL(String(a.badge)).pathname);
      assert.equal(badge.status, 200);
      const b = badge.body!;
      for (const field of OB2_REQUIRED.BadgeClass) assert.ok(b[field] !== undefined, `BadgeClass.${field}`);
      assert.equal(b.type, 'BadgeClass');
      assert.match(String((b.criteria as Json).narrative), /\S/);
      const image = await s.app.request(new URL(String(b.image)).pathname);
      assert.equal(image.headers.get('content-type'), 'image/png');

      const issuer = await s.get(new URL(String(b.issuer)).pathname);
      assert.equal(issuer.status, 200);
      for (const field of OB2_REQUIRED.Issuer)
        assert.ok(issuer.body![field] !== undefined, `Issuer.${field}`);
      assert.equal(issuer.body!.name, 'Union Academy');

      for (const [doc, type] of [
        [a, 'Assertion'],
        [b, 'BadgeClass'],
        [issuer.body!, 'Issuer'],
      ] as const) {
        const [expanded] = await expandOffline(doc);
        assert.deepEqual(
          expanded!['@type'],
          [`https://w3id.org/openbadges#${type}`],
          `${type} expands to its OB 2.0 type`,
        );
        assert.equal(
          Object.keys(expanded!).length,
          Object.keys(doc).length - 1,
          `every term of the ${type} is defined by the OB 2.0 context`,
        );
      }
    });

    test('Cairn’s OB 2.0 verifier accepts the exported assertion pasted, its URL and the baked PNG (read from this site, offline)', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const browser = new TestBrowser(s.app);
      const url = `https://cairn.test/ob2/assertions/${s.issued.publicId}`;
      const assertion = (await s.get(`/ob2/assertions/${s.issued.publicId}`)).body!;

      const pasted = await verify(browser, { text: JSON.stringify(assertion) });
      assert.equal(pasted.status, 200);
      assert.match(pasted.html, />Valid<\/span>/);
      const byUrl = await verify(browser, { url });
      assert.match(byUrl.html, />Valid<\/span>/);

      const res = await s.app.request(`/ob2/assertions/${s.issued.publicId}/baked.png`);
      assert.equal(res.status, 200);
      const png = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual(
        extractFromPng(png),
        { format: 'ob2', data: url },
        'the assertion URL is baked in the openbadges iTXt chunk',
      );
      const fromPng = await verify(browser, { file: png });
      assert.match(fromPng.html, />Valid<\/span>/);
      assert.match(fromPng.html, /baked PNG image/);

      // The same verifier with no network at all, only this site's database.
      const report = await verifyWithCairn(JSON.stringify(assertion), {
        db: storage.db,
        config,
        services: { ...services, remote: undefined },
        now: s.clock.now(),
      });
      assert.equal(report.format, 'ob2');
      assert.ok(report.verified, JSON.stringify(report.checks));
      // A tampered copy is not the hosted one.
      const forged = await verifyWithCairn(
        JSON.stringify({ ...assertion, expires: '2099-01-01T00:00:00.000Z' }),
        { db: storage.db, config, services, now: s.clock.now() },
      );
      assert.equal(forged.checks.find((c) => c.id === 'proof')?.code, 'proof_invalid');

      // The badge page and the backpack offer the download.
      const page = await (await browser.get(`/badges/${s.issued.publicId}`)).text();
      assert.match(
        page,
        new RegExp(
          `href="/ob2/assertions/${s.issued.publicId}/baked.png"[^>]*>Download for older backpacks \\(Open Badges 2.0\\)`,
        ),
      );
      const earner = await loggedIn(s.app, s.earner);
      assert.equal((await earner.post(`/backpack/badges/${s.issued.publicId}/accept`)).status, 303);
      assert.match(
        await (await earner.get('/backpack')).text(),
        new RegExp(
          `href="/ob2/assertions/${s.issued.publicId}/baked.png"[^>]*>Download for older backpacks \\(Open Badges 2.0\\)`,
        ),
      );
    });

    test('a revoked credential: the assertion answers 410 with revoked: true and the reason, and verifies as revoked', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      await changeCredentialStatus(s.deps, {
        actor: s.actor,
        organisationId: s.actor.organisationId,
        credential: s.issued.publicId,
        action: 'revoke',
        reason: 'Evidence was not the earner’s own.',
      });
      const res = await s.get(`/ob2/assertions/${s.issued.publicId}`);
      assert.equal(res.status, 410);
      assert.equal(res.body!.revoked, true);
      assert.equal(res.body!.revocationReason, 'Evidence was not the earner’s own.');
      const report = await verifyOb2(res.body!, {
        fetchJson: async (u) => (await s.get(new URL(u).pathname)).body,
        now: s.clock.now(),
      });
      assert.equal(report.verified, false);
      assert.equal(report.checks.find((c) => c.id === 'status')?.code, 'revoked');
      const page = await verify(new TestBrowser(s.app), {
        url: `https://cairn.test/ob2/assertions/${s.issued.publicId}`,
      });
      assert.match(page.html, />Revoked<\/span>/);
    });

    test('a private badge’s OB 2.0 documents are for its earner only; strangers get 404 and /verify refuses its URL', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      await setBadgePrivacy(s.deps, {
        actor: { userId: s.earner.id, ip: null },
        badge: s.issued.publicId,
        private: true,
      });
      for (const path of [
        `/ob2/assertions/${s.issued.publicId}`,
        `/ob2/assertions/${s.issued.publicId}/baked.png`,
        `/ob2/badges/${s.issued.publicId}`,
        `/ob2/badges/${s.issued.publicId}/image.png`,
      ]) {
        assert.equal((await s.app.request(path)).status, 404, `${path} to a stranger`);
      }
      const earner = await loggedIn(s.app, s.earner);
      const own = await s.get(`/ob2/assertions/${s.issued.publicId}`, earner);
      assert.equal(own.status, 200, 'the earner still downloads it');
      assert.equal((await earner.get(`/ob2/assertions/${s.issued.publicId}/baked.png`)).status, 200);
      assert.equal((await s.get(`/ob2/issuers/${s.org.slug}`)).status, 200, 'the issuer profile is public');
      const refused = await verify(new TestBrowser(s.app), {
        url: `https://cairn.test/ob2/assertions/${s.issued.publicId}`,
      });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /private/);
      assert.equal((await s.app.request('/ob2/assertions/crd_doesnotexist')).status, 404);
      for (const path of ['/ob2/assertions/%00', '/ob2/badges/a%00b/image.png', '/ob2/issuers/%00'])
        assert.equal((await s.app.request(path)).status, 404, `${path}: a NUL matches nothing`);
      assert.equal((await s.app.request('/ob2/issuers/no-such-org')).status, 404);
    });
  });
}
