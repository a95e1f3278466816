import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { testConfig, testCredentialServices } from '../testing/http.ts';
import { seedDemo, demoToken, demoUsers } from './demo.ts';
import { searchCatalog } from '../features/catalog/queries/catalog.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticateApiToken } from '../http/apiTokens.ts';
import { buildOrganisation } from '../testing/factories.ts';

/** The demo's organisations: the shared test database also holds other tests' rows. */
const DEMO_ORGANISATIONS = [
  'riverside-educators-union',
  'allied-therapy-council',
  'state-board-educator-licensing',
  'northwind-continuing-education',
];

for (const backend of testBackends()) {
  describe(`the demo (${backend.name})`, () => {
    test('three organisations, a user per role, and a catalog of 4 stacks × 5 published micro-credentials', async () => {
      const { db } = await backend.storage();
      await seedDemo(db, new Date('2026-11-24T09:00:00Z'), testConfig(), testCredentialServices());
      const orgs = await db
        .selectFrom('organisations')
        .select(['slug', 'kind'])
        .where('slug', 'in', [
          'allied-therapy-council',
          'riverside-educators-union',
          'state-board-educator-licensing',
        ])
        .orderBy('slug')
        .execute();
      assert.deepEqual(
        orgs.map((o) => o.kind),
        ['both', 'issuer', 'recognizer'],
      );
      const emails = await db
        .selectFrom('user_emails')
        .select('email')
        .where(
          'email',
          'in',
          demoUsers.map((u) => u.email),
        )
        .where('confirmed_at', 'is not', null)
        .execute();
      assert.equal(emails.length, demoUsers.length);
      const roles = new Set(demoUsers.flatMap((u) => u.memberships.flatMap((m) => m.roles)));
      for (const role of ['owner', 'admin', 'designer', 'reviewer', 'issuing_staff', 'recognition_officer'])
        assert.ok(roles.has(role as never), role);
      const stacks = await db
        .selectFrom('stacks as s')
        .innerJoin('stack_members as m', 'm.stack_id', 's.id')
        .select(['s.name', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          's.organisation_id',
          'in',
          db
            .selectFrom('organisations')
            .select('id')
            .where('slug', 'in', ['allied-therapy-council', 'riverside-educators-union']),
        )
        .groupBy('s.name')
        .execute();
      assert.equal(stacks.length, 4);
      assert.ok(stacks.every((s) => Number(s.n) >= 5));
      const found = await searchCatalog(db, { q: 'classroom routines', issuer: 'riverside-educators-union' });
      assert.equal(found.items[0]?.title, 'Classroom Routines');
      const proof = await searchCatalog(db, {
        issuer: 'allied-therapy-council',
        mode: 'proof_of_completion',
      });
      assert.equal(proof.total, 5);
      const pathway = await db
        .selectFrom('pathways as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['p.name'])
        .where('p.slug', '=', 'classroom-management-certificate')
        .where('o.slug', '=', 'riverside-educators-union')
        .execute();
      assert.equal(pathway.length, 1);

      // Every program is part-way through, so every role's home page has real work on it.
      const claims = await db
        .selectFrom('credential_claims as cl')
        .innerJoin('credentials as c', 'c.id', 'cl.credential_id')
        .innerJoin('micro_credentials as m', 'm.id', 'c.micro_credential_id')
        .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
        .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
        .select(['e.title', 'cl.state', 'c.recipient_email'])
        .where('o.slug', 'in', DEMO_ORGANISATIONS)
        .orderBy('e.title')
        .execute();
      assert.deepEqual(
        claims.map((c) => [c.recipient_email, c.title, c.state]),
        [
          ['taylor@therapist.example', 'Ethics in Telehealth', 'accepted'],
          ['taylor@therapist.example', 'Documentation That Holds Up', 'pending'],
          ['alex@teacher.example', 'Classroom Routines', 'accepted'],
          ['alex@teacher.example', 'Positive Behavior Feedback', 'accepted'],
        ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
      );
      const credit = await db
        .selectFrom('credit_entries as ce')
        .innerJoin('credentials as c', 'c.id', 'ce.credential_id')
        .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
        .select(['ce.hours', 'ce.kind'])
        .where('o.slug', 'in', DEMO_ORGANISATIONS)
        .execute();
      assert.deepEqual(
        credit.map((c) => [Number(c.hours), c.kind]).sort((a, b) => Number(a[0]) - Number(b[0])),
        [
          [0.5, 'credit'],
          [1, 'credit'],
          [1.5, 'credit'],
        ],
        'Classroom Routines counts 0.5 h toward the teacher’s license; the council’s own Documentation (1 h) and Ethics (1.5 h) badges toward the therapist’s recertification',
      );
      const sessions = await db
        .selectFrom('ce_sessions as s')
        .innerJoin('organisations as p', 'p.id', 's.provider_organisation_id')
        .select(['s.status'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('p.slug', '=', 'northwind-continuing-education')
        .groupBy('s.status')
        .orderBy('s.status')
        .execute();
      assert.deepEqual(
        sessions.map((s) => [s.status, Number(s.n)]),
        [
          ['approved', 5],
          ['submitted', 1],
        ],
        'the provider has five sessions pre-approved and one waiting',
      );
      const open = await db
        .selectFrom('applications as p')
        .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .select(['v.title', 'p.status'])
        .where('o.slug', 'in', DEMO_ORGANISATIONS)
        .where('p.status', 'not in', ['passed'])
        .orderBy('v.title')
        .execute();
      assert.deepEqual(
        open.map((a) => [a.title, a.status]),
        [
          ['Checking for Understanding', 'needs_revision'],
          ['Smooth Transitions', 'submitted'],
          ['Trauma-Informed Practice', 'submitted'],
        ],
      );
      const waiting = await db
        .selectFrom('program_submissions as s')
        .innerJoin('organisations as o', 'o.id', 's.issuer_organisation_id')
        .select('s.status')
        .where('o.slug', 'in', DEMO_ORGANISATIONS)
        .where('s.status', '=', 'submitted')
        .execute();
      assert.equal(waiting.length, 1, 'the board has a program submission to decide');
    });

    test('a later demo start keeps the API token printed before: starts never break each other', async () => {
      const { db } = await backend.storage();
      if (
        !(await db
          .selectFrom('organisations')
          .select('id')
          .where('slug', '=', 'riverside-educators-union')
          .executeTakeFirst())
      ) {
        await buildOrganisation(db, { slug: 'riverside-educators-union' });
      }
      const dirs = [mkdtempSync(join(tmpdir(), 'cairn-demo-')), mkdtempSync(join(tmpdir(), 'cairn-demo-'))];
      try {
        const now = new Date();
        const first = (await demoToken(db, now, dirs[0]!))!;
        const second = (await demoToken(db, now, dirs[0]!))!;
        assert.ok(
          await authenticateApiToken(db, first.token, now),
          'the token printed by the first start still authenticates',
        );
        assert.equal(second.token, first.token, 'the same data folder prints the same token again');
        assert.ok(first.created && !second.created);
        assert.ok(second.howTo('http://localhost:3000').includes(`kept in ${join(dirs[0]!, 'demo-token')}`));
        // Another process on the same database, with a data folder of its own, gets its own token.
        const elsewhere = (await demoToken(db, now, dirs[1]!))!;
        assert.notEqual(elsewhere.token, first.token);
        for (const token of [first.token, elsewhere.token])
          assert.ok(await authenticateApiToken(db, token, now), 'every printed token still authenticates');
        // A kept token that no longer works here (the demo data was reset) is replaced.
        await db
          .updateTable('api_tokens')
          .set({ revoked_at: now })
          .where('name', '=', 'Demo token (printed at start-up)')
          .execute();
        const fresh = (await demoToken(db, now, dirs[0]!))!;
        assert.ok(fresh.created);
        assert.ok(await authenticateApiToken(db, fresh.token, now));
      } finally {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
