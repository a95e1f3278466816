import { API_SCOPES } from '../../../http/apiTokens.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import type { Role } from '../../../domain/roles.ts';
import { DAY } from '../../../domain/clock.ts';
import { byLabel, fieldsetError, linkHref, pageText } from '../../../testing/pageQueries.ts';

for (const backend of testBackends()) {
  describe(`organisations over HTTP (${backend.name})`, () => {
    test('create an organisation, invite a member by email, they accept and appear with their roles', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const owner = await buildUser(storage.db, { name: 'Olive Owner' });
      const browser = new TestBrowser(app);
      await browser.post('/login', { email: owner.email, password: owner.password });

      const slug = unique('union-');
      const created = await browser.post('/orgs/new', { name: 'Riverside Union', slug, kind: 'issuer' });
      assert.equal(created.status, 303);
      assert.equal(created.headers.get('location'), `/orgs/${slug}`);
      const taken = await browser.post('/orgs/new', { name: 'Copycat', slug, kind: 'issuer' });
      assert.equal(taken.status, 409);
      assert.equal(
        byLabel(await taken.text(), 'Web address (optional)').error,
        `“${slug}” is taken; choose another.`,
      );
      const badKind = await browser.post('/orgs/new', { name: 'Odd', kind: 'bank' });
      assert.equal(badKind.status, 422);
      assert.equal(
        fieldsetError(await badKind.text(), 'What does it do?'),
        'Choose issuer, recognizer or both.',
      );

      const invitee = `${unique('peer')}@example.org`;
      const invite = await browser.post(`/orgs/${slug}/invitations`, {
        email: invitee,
        roles: ['reviewer', 'designer'],
      });
      assert.equal(invite.status, 303);
      const noRoles = await browser.post(`/orgs/${slug}/invitations`, {
        email: `${unique('x')}@example.org`,
      });
      assert.equal(noRoles.status, 422);
      assert.equal(fieldsetError(await noRoles.text(), 'Their roles'), 'Choose at least one role.');

      const { mail, path } = await lastMailTo(storage.db, invitee);
      assert.equal(mail?.template, 'invitation');
      assert.match(path ?? '', /^\/invitations\//);

      // The invitee has no account yet: the page offers sign up / log in.
      const guest = new TestBrowser(app);
      const landing = await guest.get(path!);
      assert.equal(landing.status, 200);
      assert.equal(
        linkHref(await landing.text(), 'Log in to accept'),
        `/login?next=${encodeURIComponent(path!)}`,
      );
      await guest.post('/signup', { name: 'Pat Peer', email: invitee, password: 'peer password 1' });
      const confirm = await lastMailTo(storage.db, invitee);
      await guest.get(confirm.path!);
      await guest.post('/login', { email: invitee, password: 'peer password 1' });
      const accepted = await guest.post(path!);
      assert.equal(accepted.status, 303);
      assert.equal(accepted.headers.get('location'), `/orgs/${slug}`);
      assert.equal((await guest.post(path!)).status, 400, 'an invitation is used once');

      const members = (await browser.getJson(`/api/v1/orgs/${slug}/members`)).body as {
        members: Array<{ name: string; roles: string[] }>;
      };
      assert.deepEqual(
        members.members.map((m) => [m.name, m.roles]),
        [
          ['Olive Owner', ['owner']],
          ['Pat Peer', ['designer', 'reviewer']],
        ],
      );
      const audit = (await browser.getJson(`/api/v1/orgs/${slug}/audit`)).body as {
        events: Array<{ action: string; actor: string }>;
      };
      assert.deepEqual(
        audit.events.map((e) => e.action),
        ['invitation.accepted', 'invitation.created', 'organisation.created'],
      );
      assert.equal(audit.events[0]?.actor, 'Pat Peer');
    });

    test('an invitation cannot be accepted from an account without the invited address', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db);
      const admin = await buildUser(storage.db);
      await addMember(storage.db, org.id, admin.id, ['admin']);
      const stranger = await buildUser(storage.db);
      const a = new TestBrowser(app);
      await a.post('/login', { email: admin.email, password: admin.password });
      const invitee = `${unique('inv')}@example.org`;
      await a.post(`/orgs/${org.slug}/invitations`, { email: invitee, roles: 'reviewer' });
      const { path } = await lastMailTo(storage.db, invitee);
      const s = new TestBrowser(app);
      await s.post('/login', { email: stranger.email, password: stranger.password });
      const res = await s.post(path!);
      assert.equal(res.status, 403);
      assert.ok(pageText(await res.text()).includes(`This invitation was sent to ${invitee}.`));
      clock.advance(15 * DAY);
      assert.equal((await s.get(path!)).status, 410, 'invitations expire');
    });

    test('roles: admins change them, only owners touch the owner role, the last owner stays', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db);
      const owner = await buildUser(storage.db, { name: 'Owner' });
      const admin = await buildUser(storage.db, { name: 'Admin' });
      const reviewer = await buildUser(storage.db, { name: 'Reviewer' });
      await addMember(storage.db, org.id, owner.id, ['owner']);
      await addMember(storage.db, org.id, admin.id, ['admin']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const asAdmin = new TestBrowser(app);
      await asAdmin.post('/login', { email: admin.email, password: admin.password });
      assert.equal(
        (
          await asAdmin.post(`/orgs/${org.slug}/members/${reviewer.public_id}/roles`, {
            roles: ['reviewer', 'issuing_staff'],
          })
        ).status,
        303,
      );
      assert.equal(
        (await asAdmin.post(`/orgs/${org.slug}/members/${reviewer.public_id}/roles`, { roles: ['owner'] }))
          .status,
        403,
      );
      assert.equal((await asAdmin.post(`/orgs/${org.slug}/members/${owner.public_id}/remove`)).status, 403);
      const asOwner = new TestBrowser(app);
      await asOwner.post('/login', { email: owner.email, password: owner.password });
      const demote = await asOwner.post(`/orgs/${org.slug}/members/${owner.public_id}/roles`, {
        roles: ['admin'],
      });
      assert.equal(demote.status, 409);
      assert.match(pageText(await demote.text()), /at least one owner/);
      const roles = await storage.db
        .selectFrom('memberships')
        .select('roles')
        .where('user_id', '=', reviewer.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(roles.roles, ['reviewer', 'issuing_staff']);
    });

    test('switching organisations changes the current one', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const user = await buildUser(storage.db);
      const a = await buildOrganisation(storage.db, { name: 'Alpha' });
      const b = await buildOrganisation(storage.db, { name: 'Beta' });
      await addMember(storage.db, a.id, user.id, ['reviewer']);
      await addMember(storage.db, b.id, user.id, ['designer']);
      const browser = new TestBrowser(app);
      await browser.post('/login', { email: user.email, password: user.password });
      assert.equal((await browser.post('/switch-organisation', { slug: b.slug })).status, 303);
      assert.equal(
        ((await browser.getJson('/api/v1/me')).body as { activeOrganisation: string }).activeOrganisation,
        b.slug,
      );
      assert.equal((await browser.post('/switch-organisation', { slug: a.slug })).status, 303);
      assert.equal(
        ((await browser.getJson('/api/v1/me')).body as { activeOrganisation: string }).activeOrganisation,
        a.slug,
      );
      const foreign = await buildOrganisation(storage.db);
      assert.equal((await browser.post('/switch-organisation', { slug: foreign.slug })).status, 404);
    });

    // Tenancy (every route × role × foreign organisation) is checked by src/main/authorizationMatrix.test.ts.

    test('inside one organisation, roles decide what a member may do', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db);
      const expectations: Array<{ roles: Role[]; audit: number; invite: number }> = [
        { roles: ['owner'], audit: 200, invite: 201 },
        { roles: ['admin'], audit: 200, invite: 201 },
        { roles: ['designer'], audit: 403, invite: 403 },
        { roles: ['reviewer'], audit: 403, invite: 403 },
        { roles: ['issuing_staff'], audit: 403, invite: 403 },
        { roles: ['recognition_officer'], audit: 403, invite: 403 },
      ];
      for (const e of expectations) {
        const user = await buildUser(storage.db);
        await addMember(storage.db, org.id, user.id, e.roles);
        const browser = new TestBrowser(app);
        await browser.post('/login', { email: user.email, password: user.password });
        assert.equal(
          (await browser.getJson(`/api/v1/orgs/${org.slug}/members`)).status,
          200,
          `${e.roles} reads members`,
        );
        assert.equal(
          (await browser.getJson(`/api/v1/orgs/${org.slug}/audit`)).status,
          e.audit,
          `${e.roles} audit`,
        );
        assert.equal(
          (
            await browser.postJson(`/api/v1/orgs/${org.slug}/invitations`, {
              email: `${unique('z')}@example.org`,
              roles: ['reviewer'],
            })
          ).status,
          e.invite,
          `${e.roles} invite`,
        );
      }
    });
  });
}

for (const backend of testBackends()) {
  describe(`API tokens page (${backend.name})`, () => {
    test('an admin creates a token, sees it once, it issues through the VC API, then revokes it', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const admin = await buildUser(storage.db);
      const reviewer = await buildUser(storage.db);
      await addMember(storage.db, org.id, admin.id, ['admin']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const r = new TestBrowser(app);
      await r.post('/login', { email: reviewer.email, password: reviewer.password });
      assert.equal((await r.get(`/orgs/${org.slug}/tokens`)).status, 403);
      const a = new TestBrowser(app);
      await a.post('/login', { email: admin.email, password: admin.password });
      const empty = await a.post(`/orgs/${org.slug}/tokens`, { name: '' });
      assert.equal(empty.status, 422);
      // As the page sends it: every scope is ticked by default.
      const created = await a.post(`/orgs/${org.slug}/tokens`, { name: 'LMS', scopes: [...API_SCOPES] });
      assert.equal(created.status, 201);
      const token = (await created.text()).match(/cairn_[\w-]+/)?.[0];
      assert.ok(token);
      assert.doesNotMatch(
        await (await a.get(`/orgs/${org.slug}/tokens`)).text(),
        new RegExp(token),
        'shown once',
      );
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        credentialSubject: { id: 'did:example:someone' },
      };
      const issue = () =>
        app.request('/credentials/issue', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ credential }),
        });
      assert.equal((await issue()).status, 201);
      const row = await storage.db
        .selectFrom('api_tokens')
        .select('public_id')
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal((await a.post(`/orgs/${org.slug}/tokens/${row.public_id}/revoke`)).status, 303);
      assert.equal((await issue()).status, 401);
    });
  });
}
