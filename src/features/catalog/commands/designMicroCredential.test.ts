import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { rubricPasses, rubricSchema } from '../microCredential.ts';
import { completeDesign, exampleRubric } from '../../../testing/catalogFixtures.ts';
import { countWithClass, imageSrc, jsonLd, metaContent, pageText } from '../../../testing/pageQueries.ts';
import { loadCatalogEntry } from '../pages/catalog/catalogEntry.tsx';
import { loadCatalogSearch } from '../pages/catalog/catalogSearch.tsx';

test('rubric pass rules are applied consistently', () => {
  assert.equal(rubricPasses(exampleRubric, { plan: 'proficient', video: 'developing' }), true);
  assert.equal(rubricPasses(exampleRubric, { plan: 'developing', video: 'proficient' }), false);
  assert.equal(
    rubricPasses(
      { ...exampleRubric, passRule: { type: 'minimum', count: 1 } },
      { plan: 'developing', video: 'proficient' },
    ),
    true,
  );
  assert.equal(
    rubricPasses(exampleRubric, { plan: 'proficient' }),
    false,
    'an unscored criterion does not pass',
  );
  const broken = rubricSchema.safeParse({
    ...exampleRubric,
    criteria: [{ ...exampleRubric.criteria[0]!, descriptors: { beginning: 'x' }, passingLevel: 'expert' }],
  });
  assert.equal(broken.success, false);
  assert.match(JSON.stringify(broken.error?.issues), /unknown level/);
  assert.match(JSON.stringify(broken.error?.issues), /descriptor for every level/);
});

for (const backend of testBackends()) {
  describe(`designing micro-credentials and the catalog (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Union ${unique('')}` });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const browser = new TestBrowser(app);
      await browser.post('/login', { email: designer.email, password: designer.password });
      const api = (method: 'POST' | 'PUT', path: string, json: unknown = {}) =>
        method === 'POST'
          ? browser.postJson(path, json)
          : browser
              .request('PUT', path, {
                body: JSON.stringify(json),
                headers: {
                  'content-type': 'application/json',
                  accept: 'application/json',
                  'x-csrf-token': browser.cookies.get('cairn_csrf')!,
                },
              })
              .then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
      return {
        storage,
        app,
        clock,
        config,
        org,
        designer,
        browser,
        api,
        base: `/api/v1/orgs/${org.slug}/micro-credentials`,
      };
    }

    test('draft → publish (only when complete) → revise → publish v2 → retire, with versions frozen', async () => {
      const { org, browser, api, base, app, clock, config } = await setup();
      const word = unique('zebrafish');
      await browser.csrf();
      const created = await api('POST', base, { title: `Routines ${word}` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { publicId, slug } = created.body as { publicId: string; slug: string };
      const early = await api('POST', `${base}/${publicId}/publish`);
      assert.equal(early.status, 422);
      assert.deepEqual(Object.keys((early.body as { error: { fields: object } }).error.fields).sort(), [
        'competency',
        'criteria',
        'description',
        'evidenceParts',
        'rubric',
      ]);
      assert.equal(
        (await api('PUT', `${base}/${publicId}/draft`, completeDesign(`Routines ${word}`))).status,
        200,
      );
      assert.deepEqual((await api('POST', `${base}/${publicId}/publish`)).body, { version: 1 });
      assert.equal(
        (await api('PUT', `${base}/${publicId}/draft`, completeDesign('Changed'))).status,
        409,
        'published versions are frozen',
      );

      const search = (await browser.getJson(`/api/v1/catalog?q=${word}`)).body as {
        total: number;
        items: Array<{ title: string; version: number }>;
      };
      assert.equal(search.total, 1);
      assert.equal(search.items[0]?.version, 1);

      assert.deepEqual((await api('POST', `${base}/${publicId}/revise`)).body, { version: 2 });
      assert.equal((await api('POST', `${base}/${publicId}/revise`)).status, 409);
      await api(
        'PUT',
        `${base}/${publicId}/draft`,
        completeDesign(`Routines ${word} (2nd edition)`, { creditHours: 1 }),
      );
      assert.equal(
        ((await browser.getJson(`/api/v1/catalog?q=${word}`)).body as { items: Array<{ version: number }> })
          .items[0]?.version,
        1,
        'the catalog shows v1 while v2 is a draft',
      );
      await api('POST', `${base}/${publicId}/publish`);
      const after = (await browser.getJson(`/api/v1/catalog?q=${word}`)).body as {
        items: Array<{ title: string; version: number; credit_hours: number }>;
      };
      assert.deepEqual(
        [after.items.length, after.items[0]?.version, after.items[0]?.credit_hours],
        [1, 2, 1],
      );

      const entry = await loadCatalogEntry(
        { db: (await backend.storage()).db, config },
        { orgSlug: org.slug, mcSlug: slug },
        clock.now(),
      );
      assert.deepEqual(
        [entry.design.title, entry.version, entry.status],
        [`Routines ${word} (2nd edition)`, 2, 'published'],
      );
      const html = await (await app.request(`/catalog/${org.slug}/${slug}`)).text();
      assert.equal(metaContent(html, 'og:title'), `Routines ${word} (2nd edition) — ${org.name}`);
      assert.deepEqual(jsonLd(html), [entry.achievement]);
      const v1 = await (await app.request(`/catalog/${org.slug}/${slug}/v/1`)).text();
      assert.ok(
        pageText(v1).includes('You are looking at version 1, which a newer version has replaced.'),
        'an old version says it was replaced',
      );
      const achievement = (await (
        await app.request(`/catalog/${org.slug}/${slug}/v/2/achievement.json`)
      ).json()) as { id: string; type: string[]; creditsAvailable: number; alignment: unknown[] };
      assert.match(achievement.id, new RegExp(`/catalog/${org.slug}/${slug}/v/2$`));
      assert.deepEqual(
        [achievement.type, achievement.creditsAvailable, achievement.alignment.length],
        [['Achievement'], 1, 1],
      );

      await api('POST', `${base}/${publicId}/retire`);
      assert.equal(((await browser.getJson(`/api/v1/catalog?q=${word}`)).body as { total: number }).total, 0);
      assert.equal((await app.request(`/catalog/${org.slug}/${slug}`)).status, 404);
      assert.equal(
        (await app.request(`/catalog/${org.slug}/${slug}/v/2/achievement.json`)).status,
        200,
        'issued badges keep their achievement',
      );
      const history = (await browser.getJson(`${base}/${publicId}/history`)).body as {
        events: Array<{ action: string }>;
      };
      assert.deepEqual(
        history.events.map((e) => e.action),
        [
          'micro_credential.created',
          'micro_credential.draft_updated',
          'micro_credential.published',
          'micro_credential.revision_started',
          'micro_credential.draft_updated',
          'micro_credential.published',
          'micro_credential.retired',
        ],
      );
    });

    test('stacks, filters, sorting and paging in the public catalog', async () => {
      const { org, api, base, browser, app, clock } = await setup();
      await browser.csrf();
      const word = unique('otter');
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        const mode = i % 2 ? 'attendance' : 'reviewed_evidence';
        const { body } = await api(
          'POST',
          base,
          completeDesign(`${word} skill ${String(i).padStart(2, '0')}`, {
            effortHours: i + 1,
            creditHours: i % 3,
            earningMode: mode,
          }),
        );
        const id = (body as { publicId: string }).publicId;
        ids.push(id);
        await api('POST', `${base}/${id}/publish`);
      }
      const stack = await api('POST', `/api/v1/orgs/${org.slug}/stacks`, {
        name: `Stack ${word}`,
        microCredentials: ids.slice(0, 5),
      });
      assert.equal(stack.status, 201);
      const slug = (stack.body as { slug: string }).slug;
      const get = async (qs: string) =>
        (await browser.getJson(`/api/v1/catalog?q=${word}&${qs}`)).body as {
          total: number;
          items: Array<{ title: string; effort_hours: number }>;
        };
      assert.equal((await get('')).total, 23);
      assert.equal((await get('')).items.length, 20, 'pages of 20');
      assert.equal((await get('page=2')).items.length, 3);
      assert.equal((await get(`stack=${slug}`)).total, 5);
      assert.equal((await get('mode=attendance')).total, 11);
      assert.equal((await get('maxEffort=5')).total, 5);
      assert.equal((await get('minCredits=2')).total, 7);
      assert.equal((await get(`issuer=${org.slug}&sort=title`)).items[0]?.title, `${word} skill 00`);
      assert.equal((await get('sort=effort')).items[0]?.effort_hours, 1);
      const other = await buildOrganisation((await backend.storage()).db);
      assert.equal((await get(`issuer=${other.slug}`)).total, 0);
      const listed = await loadCatalogSearch(
        (await backend.storage()).db,
        { q: word, stack: slug },
        clock.now(),
        `http://cairn.test/catalog?q=${word}&stack=${slug}`,
      );
      assert.deepEqual([listed.total, listed.images.size], [5, 0]);
      const html = await (await app.request(`/catalog?q=${word}&stack=${slug}`)).text();
      assert.ok(pageText(html).includes(`5 micro-credentials matching “${word}”.`));
      assert.deepEqual(
        [countWithClass(html, 'catalog-item'), countWithClass(html, 'badge-image-none')],
        [5, 5],
        'without a badge image, each card shows its issuer’s monogram',
      );
      const bad = await api('POST', `/api/v1/orgs/${org.slug}/stacks`, {
        name: 'Bad',
        microCredentials: ['mc_nope'],
      });
      assert.equal(bad.status, 422);
    });

    test('only designers and admins design; other organisations see nothing', async () => {
      const { org, storage, app } = await setup();
      const reviewer = await buildUser(storage.db);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const r = new TestBrowser(app);
      await r.post('/login', { email: reviewer.email, password: reviewer.password });
      assert.equal(
        (await r.postJson(`/api/v1/orgs/${org.slug}/micro-credentials`, { title: 'Nope' })).status,
        403,
      );
      const outsider = await buildUser(storage.db);
      const otherOrg = await buildOrganisation(storage.db);
      await addMember(storage.db, otherOrg.id, outsider.id, ['owner']);
      const o = new TestBrowser(app);
      await o.post('/login', { email: outsider.email, password: outsider.password });
      assert.equal(
        (await o.postJson(`/api/v1/orgs/${org.slug}/micro-credentials`, { title: 'Nope' })).status,
        404,
      );
      assert.equal((await o.getJson(`/api/v1/orgs/${org.slug}/micro-credentials`)).status, 404);
    });
  });
}

for (const backend of testBackends()) {
  describe(`import and export as OB 3.0 Achievements (${backend.name})`, () => {
    test('a stack exported from one organisation imports into another as drafts in a new stack', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const [from, to] = [
        await buildOrganisation(storage.db, { kind: 'issuer' }),
        await buildOrganisation(storage.db, { kind: 'issuer' }),
      ];
      const designer = await buildUser(storage.db);
      await addMember(storage.db, from.id, designer.id, ['designer']);
      await addMember(storage.db, to.id, designer.id, ['designer']);
      const b = new TestBrowser(app);
      await b.post('/login', { email: designer.email, password: designer.password });
      const ids: string[] = [];
      for (const t of ['Alpha practice', 'Beta practice']) {
        const { body } = await b.postJson(`/api/v1/orgs/${from.slug}/micro-credentials`, completeDesign(t));
        const id = (body as { publicId: string }).publicId;
        await b.postJson(`/api/v1/orgs/${from.slug}/micro-credentials/${id}/publish`, {});
        ids.push(id);
      }
      const stack = (
        await b.postJson(`/api/v1/orgs/${from.slug}/stacks`, { name: 'Practices', microCredentials: ids })
      ).body as { slug: string };
      const exported = (await (
        await app.request(`/catalog/stacks/${from.slug}/${stack.slug}/achievements.json`)
      ).json()) as {
        stack: { name: string };
        achievements: Array<{ name: string; type: string[]; creditsAvailable: number }>;
      };
      assert.deepEqual(
        exported.achievements.map((a) => a.name),
        ['Alpha practice', 'Beta practice'],
      );
      assert.deepEqual(exported.achievements[0]?.type, ['Achievement']);
      const imported = await b.postJson(`/api/v1/orgs/${to.slug}/micro-credentials/import`, exported);
      assert.equal(imported.status, 201, JSON.stringify(imported.body));
      const list = (await b.getJson(`/api/v1/orgs/${to.slug}/micro-credentials`)).body as {
        microCredentials: Array<{ title: string; status: string }>;
      };
      assert.deepEqual(
        list.microCredentials.map((m) => [m.title, m.status]),
        [
          ['Alpha practice', 'draft'],
          ['Beta practice', 'draft'],
        ],
      );
      const bad = await b.postJson(`/api/v1/orgs/${to.slug}/micro-credentials/import`, {
        achievements: [{ type: 'Thing', name: 'x' }],
      });
      assert.equal(bad.status, 422);
    });
  });
}

for (const backend of testBackends()) {
  describe(`badge images (${backend.name})`, () => {
    test('generate or upload a badge image for the draft; it is served safely and becomes the Achievement image', async () => {
      const storage = await backend.storage();
      const { app, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const b = new TestBrowser(app);
      await b.post('/login', { email: designer.email, password: designer.password });
      const { body } = await b.postJson(
        `/api/v1/orgs/${org.slug}/micro-credentials`,
        completeDesign('Pictured practice'),
      );
      const { publicId, slug } = body as { publicId: string; slug: string };
      const page = `/orgs/${org.slug}/micro-credentials/${publicId}`;
      assert.equal((await b.post(`${page}/image`, { generate: '1' })).status, 303);
      const upload = async (content: string, type: string) => {
        const form = new FormData();
        form.append('_csrf', await b.csrf());
        form.append('image', new Blob([content], { type }), 'badge');
        return b.request('POST', `${page}/image`, { body: form });
      };
      const rejected = await upload('GIF89a not an image', 'image/gif');
      assert.equal(rejected.status, 303);
      assert.match(decodeURIComponent(b.cookies.get('cairn_flash') ?? ''), /Upload a PNG or an SVG/);
      assert.equal(
        (
          await upload(
            '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="x()"><rect width="8" height="8"/></svg>',
            'image/svg+xml',
          )
        ).status,
        303,
      );
      const html = await (await b.get(page)).text();
      const id = /^\/images\/(img_[a-z0-9]+)\.png$/.exec(imageSrc(html, 'Badge image') ?? '')?.[1];
      assert.ok(id, 'the preview shows the image');
      const svg = await app.request(`/images/${id}.svg`);
      assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
      assert.match(svg.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.doesNotMatch(await svg.text(), /onload/);
      const png = await app.request(`/images/${id}.png`);
      assert.equal(png.headers.get('content-type'), 'image/png');
      assert.match(png.headers.get('cache-control') ?? '', /immutable/);
      await b.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${publicId}/publish`, {});
      const achievement = (await (
        await app.request(`/catalog/${org.slug}/${slug}/v/1/achievement.json`)
      ).json()) as { image: { id: string; type: string } };
      assert.match(achievement.image.id, new RegExp(`/images/${id}\\.png$`));
      const entry = await (await app.request(`/catalog/${org.slug}/${slug}`)).text();
      const imageUrl = `${config.publicUrl}/images/${id}.png`;
      assert.equal(metaContent(entry, 'og:image'), imageUrl);
      assert.equal(imageSrc(entry, ''), imageUrl, 'decoration: the title is beside it');
      // The catalog's card shows the badge image; the issuer's name is beside its monogram on the entry.
      const listed = await (await app.request(`/catalog?issuer=${org.slug}`)).text();
      assert.equal(imageSrc(listed, ''), `/images/${id}.png`);
      assert.equal(countWithClass(entry, 'entry-issuer'), 1);
      assert.equal(countWithClass(entry, 'issuer-mark'), 1, 'the monogram beside the issuer’s name');
      await b.post(`${page}/image`, { generate: '1' });
      assert.match(decodeURIComponent(b.cookies.get('cairn_flash') ?? ''), /frozen/);
    });
  });
}
