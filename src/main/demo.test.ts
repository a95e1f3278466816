import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { testConfig } from '../testing/http.ts';
import { seedDemo, demoUsers } from './demo.ts';
import { searchCatalog } from '../storage/catalog.ts';

for (const backend of testBackends()) {
  describe(`the demo (${backend.name})`, () => {
    test('three organisations, a user per role, and a catalog of 4 stacks × 5 published micro-credentials', async () => {
      const { db } = await backend.storage();
      await seedDemo(db, new Date('2026-11-24T09:00:00Z'), testConfig());
      const orgs = await db.selectFrom('organisations').select(['slug', 'kind']).where('slug', 'in', ['allied-therapy-council', 'riverside-educators-union', 'state-board-educator-licensing']).orderBy('slug').execute();
      assert.deepEqual(orgs.map((o) => o.kind), ['both', 'issuer', 'recognizer']);
      const emails = await db.selectFrom('user_emails').select('email').where('email', 'in', demoUsers.map((u) => u.email)).where('confirmed_at', 'is not', null).execute();
      assert.equal(emails.length, demoUsers.length);
      const roles = new Set(demoUsers.flatMap((u) => u.memberships.flatMap((m) => m.roles)));
      for (const role of ['owner', 'admin', 'designer', 'reviewer', 'issuing_staff', 'recognition_officer']) assert.ok(roles.has(role as never), role);
      const stacks = await db
        .selectFrom('stacks as s')
        .innerJoin('stack_members as m', 'm.stack_id', 's.id')
        .select(['s.name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('s.organisation_id', 'in', db.selectFrom('organisations').select('id').where('slug', 'in', ['allied-therapy-council', 'riverside-educators-union']))
        .groupBy('s.name')
        .execute();
      assert.equal(stacks.length, 4);
      assert.ok(stacks.every((s) => Number(s.n) >= 5));
      const found = await searchCatalog(db, { q: 'classroom routines', issuer: 'riverside-educators-union' });
      assert.equal(found.items[0]?.title, 'Classroom Routines');
      const attendance = await searchCatalog(db, { issuer: 'allied-therapy-council', mode: 'attendance' });
      assert.equal(attendance.total, 5);
      const pathway = await db
        .selectFrom('pathways as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['p.name'])
        .where('p.slug', '=', 'classroom-management-certificate')
        .where('o.slug', '=', 'riverside-educators-union')
        .execute();
      assert.equal(pathway.length, 1);
    });
  });
}
