import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../../issuing/commands/changeCredentialStatus.ts';
import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';

const achievement = {
  id: 'https://cairn.test/a/verify',
  name: 'Questioning Strategies',
  description: 'Asks open questions.',
  criteria: { narrative: 'Observed lesson.' },
};

/** Posts the /verify form the way a browser does (multipart, with the CSRF field). */
async function submit(
  browser: TestBrowser,
  fields: {
    text?: string;
    url?: string;
    file?: { name: string; type: string; bytes: Uint8Array };
    issuerKey?: string;
  },
) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('text', fields.text ?? '');
  form.append('url', fields.url ?? '');
  if (fields.issuerKey !== undefined)
    form.append('issuerKeyFile', new File([fields.issuerKey], 'key.json', { type: 'application/json' }));
  if (fields.file)
    form.append(
      'file',
      new File([Buffer.from(fields.file.bytes)], fields.file.name, { type: fields.file.type }),
    );
  const res = await browser.request('POST', '/verify', { body: form });
  return { status: res.status, html: await res.text() };
}

const checkOk = (html: string, id: string) => new RegExp(`data-check="${id}" data-ok="true"`).test(html);

for (const backend of testBackends()) {
  describe(`/verify (${backend.name})`, () => {
    test('verifies pasted JSON, a JWS, a baked PNG and SVG, and a badge URL, each check in plain words; revocation shows; bad input gets a clear error', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Verify Council' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'earner@example.org' },
        achievement,
        formats: ['ldp', 'jwt'],
      });
      const browser = new TestBrowser(app);

      const page = await (await browser.get('/verify')).text();
      assert.match(page, /Paste the credential/);
      assert.match(page, /enctype="multipart\/form-data"/);

      const json = await submit(browser, { text: JSON.stringify(issued.credential) });
      assert.equal(json.status, 200);
      assert.match(json.html, />Valid<\/span>/);
      for (const id of ['parse', 'schema', 'issuer_key', 'proof', 'validity_window', 'status'])
        assert.ok(checkOk(json.html, id), `check ${id} passes`);
      assert.match(json.html, /The signature matches: nothing was changed since it was issued\./);
      assert.match(json.html, /Questioning Strategies/);
      assert.match(json.html, /Verify Council/);

      const jws = await submit(browser, { text: issued.jwt! });
      assert.match(jws.html, />Valid<\/span>/);
      assert.match(jws.html, /compact JWS/);

      const png = new Uint8Array(
        await (await app.request(`/badges/${issued.publicId}/baked.png`)).arrayBuffer(),
      );
      const fromPng = await submit(browser, { file: { name: 'badge.png', type: 'image/png', bytes: png } });
      assert.match(fromPng.html, />Valid<\/span>/);
      assert.match(fromPng.html, /baked PNG image/);

      const svg = new Uint8Array(
        await (await app.request(`/badges/${issued.publicId}/baked.svg`)).arrayBuffer(),
      );
      assert.match(
        (await submit(browser, { file: { name: 'badge.svg', type: 'image/svg+xml', bytes: svg } })).html,
        />Valid<\/span>/,
      );

      // A badge page's address (as a QR code gives it) is read from this site's database.
      const byUrl = await (
        await browser.get(
          `/verify?url=${encodeURIComponent(`${config.publicUrl}/badges/${issued.publicId}`)}`,
        )
      ).text();
      assert.match(byUrl, />Valid<\/span>/);

      // Tampering breaks the signature check, and says so.
      const tampered = { ...issued.credential, name: 'Something else' };
      const bad = await submit(browser, { text: JSON.stringify(tampered) });
      assert.match(bad.html, />Not verified<\/span>/);
      assert.ok(!checkOk(bad.html, 'proof'));

      // Bad input: a clear message, what was typed is kept.
      const garbage = await submit(browser, { text: '{"not json' });
      assert.equal(garbage.status, 422);
      assert.match(garbage.html, /That is not valid JSON/);
      assert.match(garbage.html, /\{&quot;not json/);
      const nothing = await submit(browser, {});
      assert.equal(nothing.status, 422);
      assert.match(nothing.html, /Paste a credential, choose a badge image or give a URL/);
      const notImage = await submit(browser, {
        file: { name: 'cv.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 …') },
      });
      assert.match(notImage.html, /neither a badge image/);
      const offline = await submit(browser, { url: 'https://badges.example.com/assertion/1' });
      assert.match(offline.html, /does not fetch credentials from other sites/);
      const unknown = await submit(browser, { url: `${config.publicUrl}/badges/cred_nothing` });
      assert.match(unknown.html, /No badge of this site has that address/);

      // Revocation shows at /verify and on the badge page, with the public reason.
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: issued.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      const revoked = await submit(browser, { file: { name: 'badge.png', type: 'image/png', bytes: png } });
      assert.match(revoked.html, />Revoked<\/span>/);
      assert.match(revoked.html, /The issuer revoked this credential/);
      const badgePage = await (await app.request(`/badges/${issued.publicId}`)).text();
      // The date is written the reader's way (English here: "Mar 4, 2026").
      assert.match(badgePage, /Revoked on [A-Z][a-z]{2} \d{1,2}, \d{4}: Issued in error/);
    });

    test('the badge page offers a QR code of its address and an email-signature snippet', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'QR & Co' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: 'qr@example.org' },
        achievement,
      });
      const html = await (await app.request(`/badges/${issued.publicId}`)).text();
      assert.match(html, new RegExp(`src="/badges/${issued.publicId}/qr\\.svg"`));
      assert.match(html, /<label for="signature">Email signature<\/label>/);
      assert.match(
        html,
        /Questioning Strategies · QR &amp;amp; Co · verified badge/,
        'the snippet escapes the organisation name, shown as text',
      );
      const qr = await app.request(`/badges/${issued.publicId}/qr.svg`);
      assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
      const svg = await qr.text();
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, /<path/);
      assert.equal((await app.request('/badges/cred_none/qr.svg')).status, 404);
    });
  });

  describe(`/verify beyond Open Badges (${backend.name})`, () => {
    test('a generic VC is verified and shown as “Verifiable credential (not an Open Badge)”', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const keys = generateEd25519();
      const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
      const vc = await signEddsaRdfc2022(
        {
          '@context': ['https://www.w3.org/ns/credentials/v2', { alumniOf: 'https://schema.org/alumniOf' }],
          type: ['VerifiableCredential'],
          issuer: did,
          validFrom: '2026-01-01T00:00:00Z',
          credentialSubject: { id: 'did:example:alumna', alumniOf: 'Example University' },
        },
        {
          privateKey: keys.privateKey,
          verificationMethod,
          created: '2026-01-01T00:00:00Z',
          canonicalizer: testCredentialServices().canonicalizer,
        },
      );
      const res = await submit(new TestBrowser(app), { text: JSON.stringify(vc) });
      assert.equal(res.status, 200);
      assert.match(res.html, />Valid<\/span>/);
      assert.match(res.html, /Verifiable credential \(not an Open Badge\)/);
      assert.ok(checkOk(res.html, 'data_model'));
      assert.doesNotMatch(res.html, /data-check="ob3_fields"/);
    });

    test('an OB 2.0 signed assertion verifies offline with the issuer key document uploaded beside it', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const browser = new TestBrowser(app);
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keyUrl = 'https://old.example.org/keys/1';
      const issuerId = 'https://old.example.org/issuer';
      const assertion = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Assertion',
        id: 'urn:uuid:8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        recipient: { type: 'email', hashed: false, identity: 'teacher@example.org' },
        badge: 'https://old.example.org/badges/1',
        issuedOn: '2019-05-01T00:00:00Z',
        verification: { type: 'signed', creator: keyUrl },
      };
      const jws = await new CompactSign(Buffer.from(JSON.stringify(assertion)))
        .setProtectedHeader({ alg: 'RS256' })
        .sign(privateKey);
      const keyDoc = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'CryptographicKey',
        id: keyUrl,
        owner: issuerId,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
      };
      // Without it, the key would need the network, which is off here.
      const offline = await submit(browser, { text: jws });
      assert.match(offline.html, /data-check="proof" data-ok="false"/);
      const withKey = await submit(browser, { text: jws, issuerKey: JSON.stringify(keyDoc) });
      assert.ok(
        checkOk(withKey.html, 'proof'),
        withKey.html.slice(withKey.html.indexOf('h-result'), withKey.html.indexOf('h-result') + 2000),
      );
      assert.ok(checkOk(withKey.html, 'issuer_key'));
      assert.match(withKey.html, />Valid<\/span>/);
      // The issuer profile with its key embedded does as well; a key of someone else does not.
      const profile = {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Issuer',
        id: issuerId,
        name: 'Old Platform',
        publicKey: { id: keyUrl, type: 'CryptographicKey', publicKeyPem: keyDoc.publicKeyPem },
      };
      assert.match(
        (await submit(browser, { text: jws, issuerKey: JSON.stringify(profile) })).html,
        />Valid<\/span>/,
      );
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      });
      assert.match(
        (await submit(browser, { text: jws, issuerKey: JSON.stringify({ ...keyDoc, publicKeyPem: other }) }))
          .html,
        /data-check="proof" data-ok="false"/,
      );
      const junk = await submit(browser, { text: jws, issuerKey: '{"type":"Nothing"}' });
      assert.equal(junk.status, 422);
      assert.match(junk.html, /issuer key document cannot be used/);
    });
  });
}
