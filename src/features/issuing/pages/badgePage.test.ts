import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { extractFromPng, extractFromSvg } from '../../../credentials/baking/index.ts';

for (const backend of testBackends()) {
  describe(`public badge pages (${backend.name})`, () => {
    test('a stable page with a live verification panel, share links, embed, and downloads that verify', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Lakeside Union' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'teacher@example.org' },
        achievement: {
          id: 'https://cairn.test/a/1',
          name: 'Wait Time',
          description: 'Uses wait time well.',
          criteria: { narrative: 'Peer-reviewed video.' },
        },
        validUntil: '2030-01-01T00:00:00Z',
        formats: ['ldp', 'jwt'],
      });
      const html = await (await app.request(`/badges/${issued.publicId}`)).text();
      assert.match(html, /<span class="chip ok">Valid<\/span>/);
      assert.match(html, /property="og:image" content="http:\/\/cairn\.test\/badges\/cred_\w+\/baked\.png"/);
      assert.match(
        html,
        /linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME&amp;name=Wait\+Time&amp;organizationName=Lakeside\+Union&amp;issueYear=\d{4}&amp;issueMonth=\d+&amp;expirationYear=2030/,
      );
      assert.match(html, /facebook\.com\/sharer/);
      assert.match(
        html,
        /&lt;a href=&quot;http:\/\/cairn\.test\/badges\//,
        'the embed snippet is shown as text',
      );
      const png = new Uint8Array(
        await (await app.request(`/badges/${issued.publicId}/baked.png`)).arrayBuffer(),
      );
      assert.deepEqual(extractFromPng(png), { format: 'ob3', data: JSON.stringify(issued.credential) });
      const svg = await (await app.request(`/badges/${issued.publicId}/baked.svg`)).text();
      assert.equal(extractFromSvg(svg)?.data, JSON.stringify(issued.credential));
      assert.equal(await (await app.request(`/badges/${issued.publicId}/credential.jwt`)).text(), issued.jwt);
      const oembed = (await (
        await app.request(`/oembed?url=${encodeURIComponent(`http://cairn.test/badges/${issued.publicId}`)}`)
      ).json()) as { type: string; title: string };
      assert.deepEqual([oembed.type, oembed.title], ['rich', 'Wait Time — Lakeside Union']);
      // The snippet is built from the badge's address only: nothing from the query reaches it.
      const probe = `http://cairn.test/badges/${issued.publicId}?"><img src=x onerror=alert(1)>`;
      const injected = (await (await app.request(`/oembed?url=${encodeURIComponent(probe)}`)).json()) as {
        html: string;
      };
      assert.equal(
        injected.html,
        `<a href="http://cairn.test/badges/${issued.publicId}"><img src="http://cairn.test/badges/${issued.publicId}/baked.png" width="120" height="120" alt="Wait Time — Lakeside Union"></a>`,
      );
      assert.equal(
        (await app.request(`/oembed?url=${encodeURIComponent('http://cairn.test/badges/<script>')}`)).status,
        404,
      );
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: issued.publicId,
        action: 'revoke',
        reason: 'Issued to the wrong person',
      });
      assert.match(await (await app.request(`/badges/${issued.publicId}`)).text(), />Revoked<\/span>/);
      assert.equal((await app.request('/badges/cred_missing')).status, 404);
    });
  });
}
