import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testApp, TestBrowser, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { addToCollection } from '../commands/addToCollection.ts';
import { createCollection } from '../commands/createCollection.ts';
import { shareCollection } from '../commands/shareCollection.ts';
import { backpackPaths } from '../paths.ts';
import { loadCollection, loadSharedCollection } from './collectionLoaders.ts';

// Issue 14 in collections: the owner's collection page and the shared one name a badge in its
// Spanish edition for readers of Spanish (as the backpack's cards do), each name marked with its
// language where it is not the page's.

const spanishEdition = {
  name: 'Rutinas en el aula',
  description: 'El educador enseña rutinas.\n\nParte de la pila de gestión del aula.',
};

for (const backend of testBackends()) {
  describe(`collections show the Spanish edition to Spanish readers (${backend.name})`, () => {
    test('loaders and the shared page, in Spanish and in English', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const actor = { userId: staff.id, ip: null };
      const title = `Classroom Routines ${unique('')}`;
      const plainTitle = `Wait Time ${unique('')}`;
      const withEdition = await publishedMicroCredential(deps, actor, org.slug, title, { spanishEdition });
      const plain = await publishedMicroCredential(deps, actor, org.slug, plainTitle);
      const earner = await buildUser(storage.db);
      const owner = { userId: earner.id, ip: null };
      const collection = await createCollection(deps, { actor: owner, name: 'For my renewal' });
      for (const mc of [withEdition, plain]) {
        const issued = await issueCredential(
          { ...deps, credentials: testCredentialServices() },
          { actor, organisationId: org.id, recipient: { email: earner.email }, microCredential: mc.publicId },
        );
        await addToCollection(deps, { actor: owner, collection, badge: issued.publicId });
      }
      const token = (await shareCollection(deps, { actor: owner, collection, share: true }))!;

      const named = (items: Array<{ kind: string; name: string | null } & { nameLanguage?: string }>) =>
        items.map((i) => [i.name, i.nameLanguage]);
      const own = (locale: string) =>
        loadCollection(storage.db, earner.id, collection, clock.now(), null, locale);
      assert.deepEqual(named((await own('es')).items), [
        [spanishEdition.name, 'es'],
        [plainTitle, 'en'],
      ]);
      assert.deepEqual(named((await own('en')).items), [
        [title, 'en'],
        [plainTitle, 'en'],
      ]);
      const sharedItems = async (locale: string) =>
        (await loadSharedCollection(storage.db, token, clock.now(), locale)).items;
      assert.deepEqual(named(await sharedItems('es')), [
        [spanishEdition.name, 'es'],
        [plainTitle, 'en'],
      ]);

      const titles = async (language: string) => {
        const res = await new TestBrowser(app).get(backpackPaths.sharedCollection(token).page, {
          'accept-language': language,
        });
        assert.equal(res.status, 200);
        const html = await res.text();
        return [...html.matchAll(/<h3([^>]*)><a [^>]*>([^<]*)<\/a><\/h3>/g)].map((m) => [m[2], m[1]]);
      };
      assert.deepEqual(await titles('es'), [
        [spanishEdition.name, ''],
        [plainTitle, ' lang="en"'],
      ]);
      assert.deepEqual(await titles('en'), [
        [title, ''],
        [plainTitle, ''],
      ]);
    });
  });
}
