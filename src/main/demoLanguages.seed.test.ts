import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { testConfig, testCredentialServices } from '../testing/http.ts';
import { searchCatalog } from '../features/catalog/queries/catalog.ts';
import { loadBackpack } from '../features/backpack/pages/backpackLoader.ts';
import { seedDemo } from './demo.ts';

// The demo shows a Spanish edition (issue 14): Classroom Routines has one, and Alex's badge for it
// carries it (inLanguage and related) and reads in Spanish for a Spanish reader.

const UNION = 'riverside-educators-union';

for (const backend of testBackends()) {
  describe(`the demo seed's Spanish edition (${backend.name})`, () => {
    test('Classroom Routines has a Spanish edition, shown to Spanish readers and related in Alex’s credential', async () => {
      const { db } = await backend.storage();
      // The demo test (demo.test.ts, run before this file: test files run in name order) may have seeded the shared database already.
      const seeded = await db
        .selectFrom('organisations')
        .select('id')
        .where('slug', '=', UNION)
        .executeTakeFirst();
      if (!seeded)
        await seedDemo(db, new Date('2026-11-24T09:00:00Z'), testConfig(), testCredentialServices());
      const now = new Date('2026-11-25T09:00:00Z');
      const card = async (locale: string) =>
        (await searchCatalog(db, { q: 'classroom routines', issuer: UNION, locale })).items[0]?.title;
      assert.equal(await card('es'), 'Rutinas en el aula');
      assert.equal(await card('en'), 'Classroom Routines');

      const alex = await db
        .selectFrom('user_emails')
        .select('user_id')
        .where('email', '=', 'alex@teacher.example')
        .executeTakeFirstOrThrow();
      const names = async (locale: string) => {
        const model = await loadBackpack(db, alex.user_id, now, locale);
        return [...model.pending, ...model.held].map((b) => b.name).sort();
      };
      assert.ok((await names('es')).includes('Rutinas en el aula'), String(await names('es')));
      assert.ok((await names('en')).includes('Classroom Routines'));

      const credential = await db
        .selectFrom('credentials')
        .select('document')
        .where('recipient_email', '=', 'alex@teacher.example')
        .where('achievement_name', '=', 'Classroom Routines')
        .executeTakeFirstOrThrow();
      const achievement = (
        JSON.parse(credential.document) as { credentialSubject: { achievement: Record<string, unknown> } }
      ).credentialSubject.achievement;
      assert.equal(achievement.inLanguage, 'en');
      assert.deepEqual(
        (achievement.related as Array<Record<string, unknown>>).map((r) => [r.inLanguage, String(r.id)]),
        [['es', `${String(achievement.id)}/es`]],
      );
    });
  });
}
