import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';

for (const backend of testBackends()) {
  describe(`teams / learning communities (${backend.name})`, () => {
    test('form a team, invite by email, see each other’s progress (not evidence), issuers see teams, teammates never review each other', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff, teammateReviewer, otherReviewer, ada] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Tess Teammate' }),
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Ada' }),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      await addMember(storage.db, org.id, teammateReviewer.id, ['reviewer']);
      await addMember(storage.db, org.id, otherReviewer.id, ['reviewer']);
      const login = (u: { email: string; password: string }) => loggedIn(app, u);
      const d = await login(designer);
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Team ${unique('')}`, {
              evidenceParts: [{ prompt: 'Reflection', kind: 'text', required: true }],
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});

      const a = await login(ada);
      const team = await a.postJson('/api/v1/teams', { name: 'Grade 4 team', microCredentials: [mc] });
      assert.equal(team.status, 201);
      const teamId = (team.body as { publicId: string }).publicId;
      assert.equal(
        (await a.postJson(`/api/v1/teams/${teamId}/invitations`, { email: teammateReviewer.email })).status,
        201,
      );
      const { path } = await lastMailTo(storage.db, teammateReviewer.email);
      const token = path!.split('/').pop()!;
      const t = await login(teammateReviewer);
      assert.equal((await t.postJson(`/api/v1/teams/join/${token}`, {})).status, 200);
      assert.equal(
        (await (await login(otherReviewer)).getJson(`/api/v1/teams/${teamId}`)).status,
        404,
        'outsiders do not see the team',
      );

      const appId = (
        (await a.postJson(`/api/v1/micro-credentials/${mc}/apply`, {})).body as { publicId: string }
      ).publicId;
      await a.request('PUT', `/api/v1/applications/${appId}/evidence/0`, {
        body: JSON.stringify({ value: 'Private reflection' }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': a.cookies.get('cairn_csrf')!,
        },
      });
      await a.postJson(`/api/v1/applications/${appId}/submit`, {});
      const assigned = await storage.db
        .selectFrom('attempts as x')
        .innerJoin('applications as p', 'p.id', 'x.application_id')
        .select('x.reviewer_user_id')
        .where('p.public_id', '=', appId)
        .executeTakeFirstOrThrow();
      assert.equal(assigned.reviewer_user_id, otherReviewer.id, 'never the teammate, even when less loaded');

      const progress = (await t.getJson(`/api/v1/teams/${teamId}`)).body as {
        members: Array<{ name: string; progress: Array<{ status: string }> }>;
      };
      assert.deepEqual(
        progress.members.map((m) => [m.name, m.progress[0]?.status]),
        [
          ['Ada', 'submitted'],
          ['Tess Teammate', 'not started'],
        ],
      );
      assert.doesNotMatch(JSON.stringify(progress), /Private reflection/);
      assert.equal(
        (await t.getJson(`/api/v1/applications/${appId}`)).status,
        404,
        'teammates do not read evidence',
      );
      const seen = (await (await login(staff)).getJson(`/api/v1/orgs/${org.slug}/teams`)).body as {
        teams: Array<{ name: string; members: number }>;
      };
      assert.deepEqual(seen.teams, [{ id: teamId, name: 'Grade 4 team', members: 2 }]);
    });
  });
}

for (const backend of testBackends()) {
  describe(`reviewer pools (${backend.name})`, () => {
    test('a micro-credential’s pool decides who reviews it; only reviewers may be in it', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, r1, r2, earner, plain] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, r1.id, ['reviewer']);
      await addMember(storage.db, org.id, r2.id, ['reviewer']);
      await addMember(storage.db, org.id, plain.id, ['issuing_staff']);
      const d = new TestBrowser(app);
      await d.post('/login', { email: designer.email, password: designer.password });
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Pool ${unique('')}`, {
              evidenceParts: [{ prompt: 'Reflection', kind: 'text', required: true }],
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const put = (reviewers: string[]) =>
        d.request('PUT', `/api/v1/orgs/${org.slug}/micro-credentials/${mc}/reviewers`, {
          body: JSON.stringify({ reviewers }),
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-csrf-token': d.cookies.get('cairn_csrf')!,
          },
        });
      assert.equal((await put([plain.public_id])).status, 422);
      const r2Id = await storage.db
        .selectFrom('users')
        .select('public_id')
        .where('id', '=', Math.max(r1.id, r2.id))
        .executeTakeFirstOrThrow();
      assert.equal((await put([r2Id.public_id])).status, 200);
      const e = new TestBrowser(app);
      await e.post('/login', { email: earner.email, password: earner.password });
      const appId = (
        (await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {})).body as { publicId: string }
      ).publicId;
      await e.request('PUT', `/api/v1/applications/${appId}/evidence/0`, {
        body: JSON.stringify({ value: 'Text' }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': e.cookies.get('cairn_csrf')!,
        },
      });
      await e.postJson(`/api/v1/applications/${appId}/submit`, {});
      const assigned = await storage.db
        .selectFrom('attempts as x')
        .innerJoin('applications as p', 'p.id', 'x.application_id')
        .select('x.reviewer_user_id')
        .where('p.public_id', '=', appId)
        .executeTakeFirstOrThrow();
      assert.equal(
        assigned.reviewer_user_id,
        Math.max(r1.id, r2.id),
        'the pool member, though the other reviewer comes first otherwise',
      );
    });
  });
}
