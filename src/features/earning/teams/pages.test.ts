import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp, testCredentialServices, TestBrowser } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { applyForMicroCredential } from '../commands/applyForMicroCredential.ts';
import {
  byLabel,
  fieldsetError,
  formOfButton,
  linkHref,
  tableAfter,
  textsWithRole,
} from '../../../testing/pageQueries.ts';
import { loadJoin, loadTeam, loadTeams } from './pages.tsx';

for (const backend of testBackends()) {
  describe(`team pages (${backend.name})`, () => {
    test('an earner starts a team, invites a colleague by email, who joins from the link; members see each other’s progress', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const tag = unique('');
      const routines = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        `Routines ${tag}`,
      );
      const ada = await buildUser(storage.db, { name: `Ada ${tag}` });
      const bo = await buildUser(storage.db, { name: `Bo ${tag}` });
      const a = await loggedIn(app, ada);

      const empty = await (await a.get(`/teams?mc=${routines.publicId}`)).text();
      assert.deepEqual((await loadTeams(storage.db, ada.id, [])).teams, [], 'not in a team yet');
      assert.equal(
        byLabel(empty, `Routines ${tag} (${org.name})`).checked,
        true,
        'coming from the catalog ticks the micro-credential',
      );

      const noName = await a.post('/teams', { name: '', microCredentials: routines.publicId });
      assert.equal(noName.status, 422);
      const noNameHtml = await noName.text();
      assert.equal(byLabel(noNameHtml, 'Team name').error, 'Name the team.');
      assert.equal(
        byLabel(noNameHtml, `Routines ${tag} (${org.name})`).checked,
        true,
        'the ticked micro-credential stays ticked',
      );
      const noMc = await a.post('/teams', { name: 'Grade 4 circle' });
      assert.equal(noMc.status, 422);
      const noMcHtml = await noMc.text();
      assert.equal(
        fieldsetError(noMcHtml, 'Micro-credentials to work on together'),
        'Choose at least one micro-credential to work on together.',
      );
      assert.equal(byLabel(noMcHtml, 'Team name').value, 'Grade 4 circle');

      const created = await a.post('/teams', { name: 'Grade 4 circle', microCredentials: routines.publicId });
      assert.equal(created.status, 303);
      const teamPath = created.headers.get('location') ?? '';
      assert.ok(teamPath.startsWith('/teams/team_'), teamPath);
      const teamId = teamPath.split('/').pop() ?? '';
      await applyForMicroCredential(deps, {
        actor: { userId: ada.id, ip: null },
        microCredential: routines.publicId,
      });
      let html = await (await a.get(teamPath)).text();
      assert.deepEqual(
        tableAfter(html, 'Members and their progress'),
        [['Working on it']],
        'one member (the row header is the name), working on it',
      );
      assert.deepEqual(
        (await loadTeam(storage.db, ada.id, teamId, clock.now())).members.map((m) => m.name),
        [`Ada ${tag}`],
      );

      const badEmail = await a.post(`${teamPath}/invitations`, { email: 'bo at school' });
      assert.equal(badEmail.status, 422);
      const badHtml = await badEmail.text();
      assert.equal(byLabel(badHtml, 'Their email').value, 'bo at school');
      assert.ok(byLabel(badHtml, 'Their email').error, 'the error is beside the field');

      const invited = await a.post(`${teamPath}/invitations`, { email: bo.email });
      assert.equal(invited.status, 303);
      html = await (await a.get(teamPath)).text();
      assert.ok(
        textsWithRole(html, 'status').includes(`Invitation sent to ${bo.email}.`),
        'the flash says so',
      );
      assert.deepEqual(
        (await loadTeam(storage.db, ada.id, teamId, clock.now())).invited.map((i) => i.email),
        [bo.email],
        'invited, not joined yet',
      );

      // Bo opens the email link: first asked to log in, then joins.
      const link = (await lastMailTo(storage.db, bo.email)).path ?? '';
      assert.ok(link.startsWith('/teams/join/'), link);
      const anonymous = await new TestBrowser(app).get(link);
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get('location'), `/login?next=${encodeURIComponent(link)}`);
      const b = await loggedIn(app, bo);
      const joinPage = await (await b.get(link)).text();
      const join = await loadJoin(storage.db, link.split('/').pop() ?? '', clock.now());
      assert.deepEqual(
        [join.teamName, join.email, join.inviterName],
        ['Grade 4 circle', bo.email, `Ada ${tag}`],
      );
      assert.equal(formOfButton(joinPage, 'Join the team')?.action, link);
      const joined = await b.post(link);
      assert.equal(joined.status, 303);
      assert.equal(joined.headers.get('location'), teamPath);
      const model = await loadTeam(storage.db, bo.id, teamId, clock.now());
      assert.deepEqual(
        model.members.map((m) => [m.name, m.progress.map((p) => p.status)]),
        [
          [`Ada ${tag}`, ['in_progress']],
          [`Bo ${tag}`, ['not_started']],
        ],
      );
      assert.deepEqual(model.invited, [], 'the accepted invitation is no longer pending');
      assert.equal((await b.get(link)).status, 404, 'a used link finds nothing');
      assert.equal(
        linkHref(await (await b.get('/teams')).text(), 'Grade 4 circle'),
        teamPath,
        'the team is in Bo’s list',
      );
    });

    test('only members see a team; an invitation is for the address it was sent to', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const mc = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        `Routines ${unique('')}`,
      );
      const ada = await buildUser(storage.db);
      const stranger = await buildUser(storage.db);
      const a = await loggedIn(app, ada);
      const teamPath =
        (await a.post('/teams', { name: 'Circle', microCredentials: mc.publicId })).headers.get('location') ??
        '';
      await a.post(`${teamPath}/invitations`, { email: 'someone-else@example.org' });
      const link = (await lastMailTo(storage.db, 'someone-else@example.org')).path ?? '';

      const s = await loggedIn(app, stranger);
      assert.equal((await s.get(teamPath)).status, 404);
      assert.equal((await s.post(`${teamPath}/invitations`, { email: stranger.email })).status, 404);
      assert.equal((await s.post(link)).status, 403, 'the link was sent to another address');
      assert.equal((await s.get(teamPath)).status, 404, 'and did not let them in');
      assert.equal((await s.get('/teams/join/not-a-token')).status, 404);
    });
  });
}
