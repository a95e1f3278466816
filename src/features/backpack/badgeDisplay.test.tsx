import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';
import { buildUser } from '../../testing/factories.ts';
import { ManualClock } from '../../domain/clock.ts';
import { emptyForm } from '../../web/forms.tsx';
import { renderIn } from '../../web/i18n/catalogueCheck.tsx';
import { translator } from '../../web/i18n/i18n.ts';
import { badgeName, displayFields } from './badgeDisplay.ts';
import { addToCollection } from './commands/addToCollection.ts';
import { createCollection } from './commands/createCollection.ts';
import { importBadge } from './commands/importBadge.ts';
import { BackpackView } from './pages/backpackList.tsx';
import { loadBackpack } from './pages/backpackLoader.ts';
import { loadCollection } from './pages/collectionLoaders.ts';
import { CollectionView } from './pages/collectionView.tsx';

// An imported badge that names itself nowhere is kept without a name (null), and called untitled
// when listed, in the reader's language; a badge's own name is kept as written; a badge imported
// before keeps the English fallback it was stored with.

/** An OB 3.0 credential that names neither itself nor its achievement. */
const nameless = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:6f1c2b6e-8f0a-4d3c-9a55-0c1f6b1d2e3f',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example.org', type: ['Profile'], name: 'Elsewhere Academy' },
  validFrom: '2026-01-05T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'] } },
};

describe('an imported badge’s name', () => {
  test('is read from the credential, or null when it names itself nowhere', () => {
    assert.equal(displayFields(nameless).name, null);
    assert.equal(displayFields(undefined).name, null);
    assert.equal(displayFields({ type: 'Assertion', badge: { issuer: {} } }).name, null);
    assert.equal(displayFields({ type: 'Assertion', badge: { name: ' Knots ' } }).name, 'Knots');
    const named = { ...nameless, credentialSubject: { achievement: { name: 'Canoeing' } } };
    assert.equal(displayFields(named).name, 'Canoeing');
  });

  test('is worded as untitled in the reader’s language; a badge’s own name is kept as written', () => {
    assert.equal(badgeName(translator('en'), null), 'Untitled badge');
    assert.equal(badgeName(translator('es'), null), 'Insignia sin título');
    assert.equal(badgeName(translator('es'), 'Untitled credential'), 'Untitled credential');
    assert.equal(badgeName(translator('es'), 'Canoeing'), 'Canoeing');
  });
});

for (const backend of testBackends()) {
  describe(`an imported badge without a name (${backend.name})`, () => {
    test('is stored without one, listed as untitled in each language; older rows keep their text', async () => {
      const { db } = await backend.storage();
      const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
      const deps = { db, clock, config: testConfig(), credentials: testCredentialServices() };
      const earner = await buildUser(db);
      const actor = { userId: earner.id, ip: null };
      const { publicId } = await importBadge(deps, {
        actor,
        text: JSON.stringify({ ...nameless, id: `urn:uuid:${crypto.randomUUID()}` }),
      });
      const row = await db
        .selectFrom('imported_credentials')
        .select(['name', 'issuer_name'])
        .where('public_id', '=', publicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { name: null, issuer_name: 'Elsewhere Academy' });

      const backpackIn = async (locale: 'en' | 'es') => {
        const model = await loadBackpack(db, earner.id, clock.now(), locale);
        return renderIn(
          locale,
          <BackpackView model={model} form={emptyForm} csrf="c" otherBackpacks={null} />,
        );
      };
      assert.ok((await backpackIn('es')).includes('Insignia sin título'));
      assert.ok((await backpackIn('en')).includes('Untitled badge'));

      const collection = await createCollection(deps, { actor, name: 'Renewal' });
      await addToCollection(deps, { actor, collection, badge: publicId });
      const collectionIn = async (locale: 'en' | 'es') =>
        renderIn(
          locale,
          <CollectionView
            model={await loadCollection(db, earner.id, collection, clock.now())}
            form={emptyForm}
            csrf="c"
          />,
        );
      assert.ok((await collectionIn('es')).includes('Insignia sin título'));
      assert.ok((await collectionIn('en')).includes('Untitled badge'));

      // A badge imported before names were left empty keeps the English it was stored with.
      await db
        .updateTable('imported_credentials')
        .set({ name: 'Untitled credential' })
        .where('public_id', '=', publicId)
        .execute();
      const older = await backpackIn('es');
      assert.ok(older.includes('Untitled credential') && !older.includes('Insignia sin título'));
    });
  });
}
