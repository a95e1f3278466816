import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { byLabel, linkHref, metaContent, pageText } from '../../../testing/pageQueries.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { extractFromPng, extractFromSvg } from '../../../credentials/baking/index.ts';
import { loadBadgePage, type BadgeViewModel } from './badgeLoader.ts';
import { shareTexts } from './badgeShare.ts';

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
      const load = async (): Promise<BadgeViewModel> => {
        const loaded = await loadBadgePage(
          { db: storage.db, config, credentials: deps.credentials, now: clock.now() },
          { publicId: issued.publicId, viewerId: null, locale: 'en' },
        );
        assert.equal(loaded.kind, 'public');
        return loaded.model;
      };
      const model = await load();
      assert.deepEqual(
        [model.name, model.orgName, model.verdict, model.verified, model.criteria, model.offersJwt],
        ['Wait Time', 'Lakeside Union', 'valid', true, 'Peer-reviewed video.', true],
      );
      assert.equal(model.url, `http://cairn.test/badges/${issued.publicId}`);
      assert.equal(model.validUntil?.toISOString(), '2030-01-01T00:00:00.000Z');

      const linkedIn = new URL(shareTexts(model, translator('en')).linkedIn);
      assert.equal(linkedIn.origin + linkedIn.pathname, 'https://www.linkedin.com/profile/add');
      assert.deepEqual(
        ['startTask', 'name', 'organizationName', 'expirationYear', 'certUrl'].map((k) =>
          linkedIn.searchParams.get(k),
        ),
        ['CERTIFICATION_NAME', 'Wait Time', 'Lakeside Union', '2030', model.url],
      );

      const html = await (await app.request(`/badges/${issued.publicId}`)).text();
      assert.ok(pageText(html).includes('Valid The signature, issuer key, dates and status all check out.'));
      assert.equal(metaContent(html, 'og:image'), `${model.url}/baked.png`);
      assert.equal(linkHref(html, 'Add to LinkedIn profile'), linkedIn.toString());
      assert.match(linkHref(html, 'Facebook') ?? '', /^https:\/\/www\.facebook\.com\/sharer\//);
      assert.ok(
        byLabel(html, 'Embed on a web page').value.startsWith(`<a href="${model.url}">`),
        'the embed snippet is shown as text',
      );
      assert.equal(byLabel(html, 'Link to this badge page').value, model.url);

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
      const revoked = await load();
      assert.equal(revoked.verdict, 'revoked');
      assert.equal(revoked.statusEvent?.reason, 'Issued to the wrong person');
      const page = pageText(await (await app.request(`/badges/${issued.publicId}`)).text());
      assert.ok(page.includes(': Issued to the wrong person'), 'the public reason, on the page served next');
      assert.ok(!page.includes('all check out'));
      assert.equal((await app.request('/badges/cred_missing')).status, 404);
    });

    test('the page speaks the reader’s language, each language kept apart', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Lakeside Union' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const issued = await issueCredential(
        { db: storage.db, clock, config, credentials: testCredentialServices() },
        {
          actor: { userId: staff.id, ip: null },
          organisationId: org.id,
          recipient: { email: 'maestra@example.org' },
          achievement: {
            id: 'https://cairn.test/a/2',
            name: 'Tiempo de espera',
            description: 'Usa bien el tiempo de espera.',
            criteria: { narrative: 'Vídeo revisado por pares.' },
          },
        },
      );
      const ask = async (language: string) =>
        (
          await app.request(`/badges/${issued.publicId}`, { headers: { 'accept-language': language } })
        ).text();
      const es = await ask('es');
      const en = await ask('en');
      assert.equal(
        linkHref(es, 'Añadir al perfil de LinkedIn')?.startsWith('https://www.linkedin.com/'),
        true,
      );
      assert.ok(pageText(es).includes('Qué certifica'));
      assert.ok(pageText(es).includes('Usa bien el tiempo de espera.'), 'the issuer’s words stay as written');
      assert.equal(byLabel(es, 'Firma de correo').value.includes('insignia verificada'), true);
      assert.ok(pageText(en).includes('What it certifies'), 'English kept apart from the Spanish copy');
      assert.ok(pageText(await ask('es')).includes('Qué certifica'), 'and the Spanish copy served again');
    });
  });
}
