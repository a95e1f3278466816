import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp, testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { awardCredential } from '../commands/awardCredential.ts';
import { attributesById, buttons, pageText, scriptTags } from '../../../testing/pageQueries.ts';

// The public badge page says whose badge it is ("Issued to <name>"), as the earner chooses;
// /verify says whether a name is bound by the credential; a private badge shows nothing.

/** The visible text of a page (its body: the head's title names the badge too). */
const visibleText = (html: string) => pageText(html.replace(/<head>[\s\S]*?<\/head>/, ''));

for (const backend of testBackends()) {
  describe(`“Issued to” on the public badge page (${backend.name})`, () => {
    test('shown by default once accepted, hidden when the earner says so, never on a private badge; /verify says what binds the name', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [staff, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Noor Haddad' }),
      ];
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const deps = { db: storage.db, clock, config: testConfig(), credentials: testCredentialServices() };
      const mc = await publishedMicroCredential(
        deps,
        { userId: staff.id, ip: null },
        org.slug,
        `Feedback ${unique('')}`,
        { earningMode: 'attendance', evidenceParts: [], rubric: undefined },
      );
      const { publicId } = await awardCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        email: earner.email,
        microCredential: mc.publicId,
      });
      const visitor = async () => visibleText(await (await app.request(`/badges/${publicId}`)).text());

      assert.doesNotMatch(await visitor(), /Issued to/, 'not before the earner accepted it');
      const e = await loggedIn(app, earner);
      assert.equal((await e.post(`/backpack/badges/${publicId}/accept`)).status, 303);
      const shown = await visitor();
      assert.match(
        shown,
        /Issued to Noor Haddad — The signed credential identifies its holder by email address \(hashed\), and it matches the account that accepted it; the name itself is shown by this site, not signed\./,
      );
      assert.match(visibleText(await (await e.get('/backpack')).text()), /Your name shown/);

      assert.equal((await e.post(`/backpack/badges/${publicId}/name`, { show: 'false' })).status, 303);
      assert.doesNotMatch(await visitor(), /Noor Haddad|Issued to/);
      assert.match(visibleText(await (await e.get('/backpack')).text()), /Your name hidden/);
      await e.post(`/backpack/badges/${publicId}/name`, { show: 'true' });
      assert.match(await visitor(), /Issued to Noor Haddad/);

      await e.post(`/backpack/badges/${publicId}/privacy`, { private: 'true' });
      assert.doesNotMatch(
        await visitor(),
        /Noor Haddad|Issued to/,
        'a private badge shows nothing about its earner',
      );
      await e.post(`/backpack/badges/${publicId}/privacy`, { private: 'false' });

      const verified = visibleText(
        await (
          await app.request(`/verify?url=${encodeURIComponent(`http://cairn.test/badges/${publicId}`)}`)
        ).text(),
      );
      assert.match(
        verified,
        /Recipient identified by a hashed identifier \(such as an email address\)\. The credential names no one: a name shown beside the badge \(for example on its badge page\) comes from that site, not from the signed credential\./,
      );
    });

    test('the share texts have copy buttons that need the script; the texts stay selectable without it', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const deps = { db: storage.db, clock, config: testConfig(), credentials: testCredentialServices() };
      const mc = await publishedMicroCredential(
        deps,
        { userId: staff.id, ip: null },
        org.slug,
        `Share ${unique('')}`,
        { earningMode: 'attendance', evidenceParts: [], rubric: undefined },
      );
      const { publicId } = await awardCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        email: `${unique('x')}@example.org`,
        microCredential: mc.publicId,
      });
      const html = await (await app.request(`/badges/${publicId}`)).text();
      for (const id of ['page-link', 'embed', 'signature']) {
        assert.ok(
          attributesById(html, id) && 'readonly' in attributesById(html, id)!,
          `${id} is selectable text`,
        );
        const copy = buttons(html).find((b) => b.attributes['data-copy-from'] === id);
        assert.ok(copy, `${id} has a copy button`);
        assert.equal(copy.attributes.type, 'button');
        assert.ok('hidden' in copy.attributes, `${id}'s copy button is hidden until the script runs`);
      }
      assert.ok(
        scriptTags(html).some((tag) => /^\/assets\/copy\.[0-9a-f]{10}\.js$/.test(tag.src) && tag.defer),
        'the page loads the hashed copy script, deferred',
      );
      const script = await app.request('/assets/copy.js');
      assert.equal(script.headers.get('cache-control'), 'public, max-age=3600');
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
    });
  });
}
