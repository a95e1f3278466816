import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { testApp, TestBrowser, testCredentialServices } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { completeDesign, publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { validateAchievement, validateAchievementCredential } from '../../credentials/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { Storage } from '../../storage/database.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { verifyWithCairn } from '../verification/commands/verifyCredential.ts';
import { loadBackpack } from '../backpack/pages/backpackLoader.ts';
import { createMicroCredential } from './commands/createMicroCredential.ts';
import { reviseMicroCredential } from './commands/reviseMicroCredential.ts';
import { updateDraft } from './commands/updateDraft.ts';
import { achievementUrl } from './achievement.ts';
import { spanishEditionPath } from './paths.ts';
import { loadCatalogEntry } from './pages/catalog/catalogEntry.tsx';
import { searchCatalog } from './queries/catalog.ts';
import { findDraft, findMicroCredential } from './queries/designs.ts';
import { languageOfText } from '../../testing/pageQueries.ts';

// Issue 14 end to end: a design with a Spanish edition, its credential (inLanguage + related),
// the Spanish edition served as an Achievement, and what readers of each language are shown.

const spanishEdition = {
  name: 'Rutinas en el aula',
  description:
    'El educador enseña rutinas que dan más tiempo para aprender.\n\nParte de la pila de gestión del aula.',
  criteria: 'Un plan, un vídeo de la rutina y una reflexión.',
};

async function setup(storage: Storage) {
  const { app, clock, config } = testApp(storage);
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: `Union ${unique('')}` });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
  const deps = { db: storage.db, clock, config };
  const actor = { userId: staff.id, ip: null };
  return { app, clock, config, org, staff, deps, actor };
}

const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof AppError, 'rejected with an AppError');
  return Object.keys(err.fields);
};

for (const backend of testBackends()) {
  describe(`language editions of a design (${backend.name})`, () => {
    test('the commands validate the edition and the languages; a revision keeps the edition', async () => {
      const storage = await backend.storage();
      const { org, deps, actor } = await setup(storage);
      const orgSlug = org.slug;
      assert.deepEqual(
        await fieldsOf(
          createMicroCredential(deps, { actor, orgSlug, title: 'Routines', spanishEdition: { name: 'R' } }),
        ),
        ['spanishEdition.name', 'spanishEdition.description'],
      );
      const { publicId } = await createMicroCredential(deps, { actor, orgSlug, title: 'Rutinas' });
      const address = { actor, orgSlug, microCredentialId: publicId };
      assert.deepEqual(
        await fieldsOf(
          updateDraft(deps, {
            ...address,
            ...completeDesign('Rutinas', { inLanguage: 'es', spanishEdition }),
          }),
        ),
        ['spanishEdition'],
        'words written in Spanish take no Spanish edition',
      );
      assert.deepEqual(
        await fieldsOf(
          updateDraft(deps, { ...address, ...completeDesign('Rutinas', { inLanguage: 'castellano' }) }),
        ),
        ['inLanguage'],
      );
      const published = await publishedMicroCredential(deps, actor, orgSlug, 'Classroom Routines', {
        inLanguage: 'en',
        spanishEdition,
      });
      await reviseMicroCredential(deps, { actor, orgSlug, microCredentialId: published.publicId });
      const mc = await findMicroCredential(storage.db, org.id, published.publicId);
      const draft = await findDraft(storage.db, mc!.id);
      assert.equal(draft?.version, 2);
      assert.deepEqual(
        [draft?.in_language, draft?.es_name, draft?.es_description, draft?.es_criteria],
        ['en', spanishEdition.name, spanishEdition.description, spanishEdition.criteria],
      );
    });

    test('credential, Spanish edition document, and what each reader is shown', async () => {
      const storage = await backend.storage();
      const { app, clock, config, org, deps, actor } = await setup(storage);
      const title = `Classroom Routines ${unique('')}`;
      const mc = await publishedMicroCredential(deps, actor, org.slug, title, { spanishEdition });
      const plain = await publishedMicroCredential(deps, actor, org.slug, `Plain ${unique('')}`);
      const id = achievementUrl(config.publicUrl, org.slug, mc.slug, 1);

      // The credential: the issuer's words in their language, the Spanish edition related.
      const earner = await buildUser(storage.db);
      const services = { credentials: testCredentialServices() };
      const issued = await issueCredential(
        { ...deps, ...services },
        {
          actor,
          organisationId: org.id,
          recipient: { email: earner.email },
          microCredential: mc.publicId,
        },
      );
      const credential = issued.credential as { credentialSubject: { achievement: Record<string, unknown> } };
      const achievement = credential.credentialSubject.achievement;
      assert.equal(achievement.name, title);
      assert.equal(achievement.inLanguage, 'en');
      assert.deepEqual(achievement.related, [
        { id: `${id}/es`, type: ['Related'], inLanguage: 'es', version: '1' },
      ]);
      assert.deepEqual(validateAchievementCredential(issued.credential), { valid: true, errors: [] });
      const report = await verifyWithCairn(issued.credential, {
        db: storage.db,
        config,
        services: services.credentials,
        now: clock.now(),
      });
      assert.equal(report.verified, true, JSON.stringify(report.checks.filter((c) => !c.ok)));

      // The Spanish edition at the URL `related` names: a valid Achievement, related back.
      assert.equal(`${config.publicUrl}${spanishEditionPath(org.slug, mc.slug, 1)}`, `${id}/es`);
      const browser = new TestBrowser(app);
      const es = await browser.getJson(spanishEditionPath(org.slug, mc.slug, 1));
      assert.equal(es.status, 200);
      const doc = es.body as Record<string, unknown>;
      assert.deepEqual(validateAchievement(doc), { valid: true, errors: [] });
      assert.deepEqual(
        [doc.id, doc.name, doc.description, doc.inLanguage],
        [`${id}/es`, spanishEdition.name, spanishEdition.description, 'es'],
      );
      assert.deepEqual(doc.related, [{ type: ['Related'], id, inLanguage: 'en', version: '1' }]);
      assert.equal((await browser.getJson(spanishEditionPath(org.slug, plain.slug, 1))).status, 404);

      // Readers: the catalog card and page, the public badge page and the backpack.
      const card = async (locale: string) =>
        (await searchCatalog(storage.db, { issuer: org.slug, locale })).items.find((i) => i.slug === mc.slug);
      assert.equal((await card('es'))?.title, spanishEdition.name);
      assert.equal(
        (await card('es'))?.competency,
        'El educador enseña rutinas que dan más tiempo para aprender.',
      );
      assert.equal((await card('en'))?.title, title);
      const entry = async (locale: string) =>
        (
          await loadCatalogEntry(
            { db: storage.db, config },
            { orgSlug: org.slug, mcSlug: mc.slug, locale },
            clock.now(),
          )
        ).design;
      assert.equal((await entry('es')).title, spanishEdition.name);
      assert.equal((await entry('es')).criteria, spanishEdition.criteria);
      assert.equal((await entry('en')).title, title);
      const badgeTitle = async (language: string) => {
        const html = await (
          await browser.get(`/badges/${issued.publicId}`, { 'accept-language': language })
        ).text();
        return /<h1[^>]*>([^<]*)</.exec(html)?.[1];
      };
      assert.equal(await badgeTitle('es'), spanishEdition.name);
      assert.equal(await badgeTitle('en'), title, 'each language has its own rendered page');
      assert.equal(await badgeTitle('es'), spanishEdition.name);
      const badgePage = async (language: string) =>
        (await browser.get(`/badges/${issued.publicId}`, { 'accept-language': language })).text();
      const esPage = await badgePage('es');
      assert.match(esPage, /<h1>Rutinas en el aula<\/h1>/, 'the page’s language: no lang of its own');
      assert.equal(languageOfText(esPage, spanishEdition.criteria), 'es');
      assert.match(await badgePage('en'), new RegExp(`<h1>${title}</h1>`));
      const backpack = async (locale: string) =>
        (await loadBackpack(storage.db, earner.id, clock.now(), locale)).pending
          .concat((await loadBackpack(storage.db, earner.id, clock.now(), locale)).held)
          .map((b) => b.name);
      assert.deepEqual(await backpack('es'), [spanishEdition.name]);
      assert.deepEqual(await backpack('en'), [title]);
    });

    test('the Spanish edition’s address: a page for browsers, the Achievement for JSON clients (Vary: Accept)', async () => {
      const storage = await backend.storage();
      const { app, org, deps, actor } = await setup(storage);
      const title = `Classroom Routines ${unique('')}`;
      const mc = await publishedMicroCredential(deps, actor, org.slug, title, { spanishEdition });
      const plain = await publishedMicroCredential(deps, actor, org.slug, `Plain ${unique('')}`);
      const path = spanishEditionPath(org.slug, mc.slug, 1);
      const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
      const browser = new TestBrowser(app);

      const pageIn = async (language: string) => {
        const res = await browser.get(path, { accept: browserAccept, 'accept-language': language });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(res.headers.get('vary') ?? '', /\bAccept\b/);
        return res.text();
      };
      const en = await pageIn('en');
      assert.match(en, /<html lang="en"/);
      assert.match(
        en,
        /<h1 lang="es">Rutinas en el aula<\/h1>/,
        'the Spanish edition, marked on an English page',
      );
      assert.equal(languageOfText(en, 'Parte de la pila de gestión del aula.'), 'es');
      assert.equal(languageOfText(en, spanishEdition.criteria), 'es');
      assert.ok(!en.includes(`<h1>${title}`), 'not the issuer’s edition');
      const es = await pageIn('es');
      assert.match(es, /<html lang="es"/);
      assert.match(es, /<h1>Rutinas en el aula<\/h1>/, 'in the page’s language: no lang of its own');
      const missing = await browser.get(spanishEditionPath(org.slug, plain.slug, 1), {
        accept: browserAccept,
      });
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);

      for (const accept of [
        'application/json',
        'application/ld+json',
        '*/*',
        'text/html;q=0.5, application/json',
        null,
      ]) {
        const res = await app.request(path, { headers: accept === null ? {} : { accept } });
        assert.equal(res.status, 200, String(accept));
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/, String(accept));
        assert.equal(res.headers.get('access-control-allow-origin'), '*');
        assert.match(res.headers.get('vary') ?? '', /\bAccept\b/);
        const doc = (await res.json()) as Record<string, unknown>;
        assert.deepEqual([doc.name, doc.inLanguage], [spanishEdition.name, 'es']);
      }
    });
  });
}
