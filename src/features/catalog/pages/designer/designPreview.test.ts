import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../../testing/databases.ts';
import { testConfig } from '../../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../../testing/factories.ts';
import { ManualClock } from '../../../../domain/clock.ts';
import { publishedMicroCredential } from '../../../../testing/catalogFixtures.ts';
import { reviseMicroCredential } from '../../commands/reviseMicroCredential.ts';
import { designActionPath, designPath } from '../../paths.ts';
import { loadDesignList } from './designList.tsx';
import { loadDesignPreview } from './designPreview.tsx';

for (const backend of testBackends()) {
  describe(`designer list and preview models (${backend.name})`, () => {
    test('a published micro-credential, then its new draft: states, actions and links', async () => {
      const storage = await backend.storage();
      const deps = {
        db: storage.db,
        config: testConfig(),
        clock: new ManualClock(new Date('2026-05-01T00:00:00Z')),
      };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const actor = { userId: designer.id, ip: null };
      const title = `Routines ${unique('')}`;
      const mc = await publishedMicroCredential(deps, actor, org.slug, title);

      const published = await loadDesignPreview(storage.db, designer.id, org.slug, mc.publicId);
      assert.equal(published.state, 'published');
      assert.equal(published.draftVersion, null);
      assert.equal(published.live?.catalogHref, `/catalog/${org.slug}/${mc.slug}`);
      assert.deepEqual(published.versions, [
        { version: 1, status: 'published', publishedAt: new Date('2026-05-01T00:00:00Z') },
      ]);

      await reviseMicroCredential(deps, { actor, orgSlug: org.slug, microCredentialId: mc.publicId });
      const revised = await loadDesignPreview(storage.db, designer.id, org.slug, mc.publicId);
      assert.equal(revised.state, 'draft');
      assert.equal(revised.draftVersion, 2);
      assert.equal(revised.actions.publish, designActionPath(org.slug, mc.publicId, 'publish'));
      assert.ok(revised.history.some((h) => h.action === 'revision_started' && h.version === 2));

      const list = await loadDesignList(storage.db, designer.id, org.slug);
      assert.deepEqual(
        list.rows.map((r) => [r.title, r.version, r.status, r.href]),
        [
          [title, 2, 'Draft', designPath(org.slug, mc.publicId)],
          [title, 1, 'Published', designPath(org.slug, mc.publicId)],
        ],
      );
    });

    test('a design with a Spanish edition: the preview has it as Spanish readers see it', async () => {
      const storage = await backend.storage();
      const deps = { db: storage.db, config: testConfig(), clock: new ManualClock(new Date('2026-05-01')) };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const actor = { userId: designer.id, ip: null };
      const spanishEdition = {
        name: 'Rutinas en el aula',
        description: 'El educador enseña rutinas.\n\nParte de la pila.',
      };
      const title = `Routines ${unique('')}`;
      const mc = await publishedMicroCredential(deps, actor, org.slug, title, { spanishEdition });
      const model = await loadDesignPreview(storage.db, designer.id, org.slug, mc.publicId);
      assert.equal(model.design.title, title, 'the issuer’s edition first');
      assert.equal(model.spanishEdition?.design.title, 'Rutinas en el aula');
      assert.equal(model.spanishEdition?.design.competency, 'El educador enseña rutinas.');
      assert.equal(model.spanishEdition?.design.criteria, model.design.criteria, 'no Spanish criteria');
      assert.deepEqual(model.spanishEdition?.languages, { words: 'es', criteria: 'en' });
      const plain = await publishedMicroCredential(deps, actor, org.slug, `Plain ${unique('')}`);
      assert.equal(
        (await loadDesignPreview(storage.db, designer.id, org.slug, plain.publicId)).spanishEdition,
        null,
      );
    });
  });
}
