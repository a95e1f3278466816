import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { ManualClock } from '../../../domain/clock.ts';
import type { Db } from '../../../storage/database.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { addToCollection } from '../commands/addToCollection.ts';
import { createCollection } from '../commands/createCollection.ts';
import { importBadge } from '../commands/importBadge.ts';
import { loadBackpack } from './backpackLoader.ts';
import { loadCollection } from './collectionLoaders.ts';

// The backpack's loaders return plain view models, and read a backpack of any size in the same
// few queries (no query per badge).

/** The same database, counting every statement sent through it. */
function counted(db: Db): { db: Db; queries: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      n++;
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return { db: db.withPlugin(plugin), queries: () => n };
}

for (const backend of testBackends()) {
  describe(`backpack loaders (${backend.name})`, () => {
    test('the backpack and a collection load in the same number of queries for 1 badge and for 6', async () => {
      const { db } = await backend.storage();
      const clock = new ManualClock(new Date());
      const deps = { db, clock, config: testConfig(), credentials: testCredentialServices() };
      const org = await buildOrganisation(db, { kind: 'issuer', name: `Loaders ${unique()}` });
      const staff = await buildUser(db);
      await addMember(db, org.id, staff.id, ['issuing_staff']);
      const earner = await buildUser(db);
      const actor = { userId: earner.id, ip: null };
      const issue = (email: string, name: string) =>
        issueCredential(deps, {
          actor: { userId: staff.id, ip: null },
          organisationId: org.id,
          recipient: { email },
          achievement: {
            id: `https://cairn.test/a/${unique()}`,
            name,
            description: `${name}, demonstrated.`,
            criteria: { narrative: 'Observed.' },
          },
          formats: ['ldp'],
        });
      const collection = await createCollection(deps, { actor, name: 'For my renewal' });
      const first = await issue(earner.email, 'Wait Time');
      await addToCollection(deps, { actor, collection, badge: first.publicId });
      const importOne = async (name: string) => {
        const elsewhere = await issue(`${unique('other')}@example.org`, name);
        const { publicId } = await importBadge(deps, { actor, text: JSON.stringify(elsewhere.credential) });
        await addToCollection(deps, { actor, collection, badge: publicId });
      };
      await importOne('Knots');

      const small = counted(db);
      const one = await loadBackpack(small.db, earner.id, clock.now());
      await loadCollection(small.db, earner.id, collection, clock.now());
      assert.deepEqual(
        [one.pending.length, one.held.length, one.imported.length, one.collections.length],
        [1, 0, 1, 1],
      );

      for (const name of ['Questioning', 'Feedback Loops', 'Exit Tickets']) {
        const b = await issue(earner.email, name);
        await addToCollection(deps, { actor, collection, badge: b.publicId });
      }
      await importOne('Canoeing');
      const large = counted(db);
      const six = await loadBackpack(large.db, earner.id, clock.now());
      const items = await loadCollection(large.db, earner.id, collection, clock.now());
      assert.equal(six.pending.length + six.imported.length, 6);
      assert.deepEqual(
        items.items.map((i) => i.kind),
        ['issued', 'imported', 'issued', 'issued', 'issued', 'imported'],
      );
      assert.equal(items.newLink, null, 'a share link is only shown right after it is made');
      assert.equal(large.queries(), small.queries(), 'no query per badge');
    });
  });
}
