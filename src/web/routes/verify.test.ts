import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../testing/databases.ts';
import { TestBrowser, testApp, testCredentialServices } from '../../testing/http.ts';
import { buildOrganisation, buildUser } from '../../testing/factories.ts';
import { issueCredential } from '../../commands/issueCredential.ts';
import { changeCredentialStatus } from '../../commands/changeCredentialStatus.ts';

const achievement = { id: 'https://cairn.test/a/verify', name: 'Questioning Strategies', description: 'Asks open questions.', criteria: { narrative: 'Observed lesson.' } };

/** Posts the /verify form the way a browser does (multipart, with the CSRF field). */
async function submit(browser: TestBrowser, fields: { text?: string; url?: string; file?: { name: string; type: string; bytes: Uint8Array } }) {
  const form = new FormData();
  form.append('_csrf', await browser.csrf());
  form.append('text', fields.text ?? '');
  form.append('url', fields.url ?? '');
  if (fields.file) form.append('file', new File([Buffer.from(fields.file.bytes)], fields.file.name, { type: fields.file.type }));
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
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const issued = await issueCredential(deps, actor, { recipient: { email: 'earner@example.org' }, achievement, formats: ['ldp', 'jwt'] });
      const browser = new TestBrowser(app);

      const page = await (await browser.get('/verify')).text();
      assert.match(page, /Paste the credential/);
      assert.match(page, /enctype="multipart\/form-data"/);

      const json = await submit(browser, { text: JSON.stringify(issued.credential) });
      assert.equal(json.status, 200);
      assert.match(json.html, />Valid<\/span>/);
      for (const id of ['parse', 'schema', 'issuer_key', 'proof', 'validity_window', 'status']) assert.ok(checkOk(json.html, id), `check ${id} passes`);
      assert.match(json.html, /The signature matches: nothing was changed since it was issued\./);
      assert.match(json.html, /Questioning Strategies/);
      assert.match(json.html, /Verify Council/);

      const jws = await submit(browser, { text: issued.jwt! });
      assert.match(jws.html, />Valid<\/span>/);
      assert.match(jws.html, /compact JWS/);

      const png = new Uint8Array(await (await app.request(`/badges/${issued.publicId}/baked.png`)).arrayBuffer());
      const fromPng = await submit(browser, { file: { name: 'badge.png', type: 'image/png', bytes: png } });
      assert.match(fromPng.html, />Valid<\/span>/);
      assert.match(fromPng.html, /baked PNG image/);

      const svg = new Uint8Array(await (await app.request(`/badges/${issued.publicId}/baked.svg`)).arrayBuffer());
      assert.match((await submit(browser, { file: { name: 'badge.svg', type: 'image/svg+xml', bytes: svg } })).html, />Valid<\/span>/);

      // A badge page's address (as a QR code gives it) is read from this site's database.
      const byUrl = await (await browser.get(`/verify?url=${encodeURIComponent(`${config.publicUrl}/badges/${issued.publicId}`)}`)).text();
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
      const notImage = await submit(browser, { file: { name: 'cv.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 …') } });
      assert.match(notImage.html, /neither a badge image/);
      const offline = await submit(browser, { url: 'https://badges.example.com/assertion/1' });
      assert.match(offline.html, /does not fetch credentials from other sites/);
      const unknown = await submit(browser, { url: `${config.publicUrl}/badges/cred_nothing` });
      assert.match(unknown.html, /No badge of this site has that address/);

      // Revocation shows at /verify and on the badge page, with the public reason.
      await changeCredentialStatus(deps, actor, issued.publicId, { action: 'revoke', reason: 'Issued in error' });
      const revoked = await submit(browser, { file: { name: 'badge.png', type: 'image/png', bytes: png } });
      assert.match(revoked.html, />Revoked<\/span>/);
      assert.match(revoked.html, /The issuer revoked this credential/);
      const badgePage = await (await app.request(`/badges/${issued.publicId}`)).text();
      assert.match(badgePage, /Revoked on \d{4}-\d{2}-\d{2}: Issued in error/);
    });

    test('the badge page offers a QR code of its address and an email-signature snippet', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'QR & Co' });
      const staff = await buildUser(storage.db);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const issued = await issueCredential(deps, { organisationId: org.id, userId: staff.id, ip: null }, { recipient: { email: 'qr@example.org' }, achievement });
      const html = await (await app.request(`/badges/${issued.publicId}`)).text();
      assert.match(html, new RegExp(`src="/badges/${issued.publicId}/qr\\.svg"`));
      assert.match(html, /<label for="signature">Email signature<\/label>/);
      assert.match(html, /Questioning Strategies · QR &amp;amp; Co · verified badge/, 'the snippet escapes the organisation name, shown as text');
      const qr = await app.request(`/badges/${issued.publicId}/qr.svg`);
      assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
      const svg = await qr.text();
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, /<path/);
      assert.equal((await app.request('/badges/cred_none/qr.svg')).status, 404);
    });
  });
}
