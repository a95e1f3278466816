import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { completeDesign, publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { byLabel } from '../../../testing/pageQueries.ts';
import { AppError } from '../../../domain/errors.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { Worker } from '../../../jobs/worker.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { applyForMicroCredential } from '../../earning/commands/applyForMicroCredential.ts';
import { decideSession, withdrawSession } from './commands/decideSession.ts';
import { requestSession } from './commands/requestSession.ts';
import { rosterRows, uploadRoster } from './commands/uploadRoster.ts';
import { sessionJobs } from './jobs.ts';
import { invitationsOf } from './queries/sessions.ts';
import { sessionPaths } from './paths.ts';

const fails = (code: string, pattern?: RegExp) => (e: unknown) =>
  e instanceof AppError &&
  e.code === code &&
  (!pattern || pattern.test(JSON.stringify({ m: e.message, f: e.fields })));

for (const backend of testBackends()) {
  describe(`continuing-education sessions (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const council = await buildOrganisation(storage.db, { kind: 'both', name: `Council ${unique('')}` });
      const provider = await buildOrganisation(storage.db, {
        kind: 'issuer',
        name: `Northwind ${unique('')}`,
      });
      const [officer, designer, nora, attendee, outsider] = await Promise.all([
        buildUser(storage.db, { name: 'Olive Officer' }),
        buildUser(storage.db),
        buildUser(storage.db, { name: 'Nora Provider' }),
        buildUser(storage.db, { name: 'Taylor Attendee' }),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, council.id, officer.id, ['recognition_officer']);
      await addMember(storage.db, council.id, designer.id, ['designer', 'issuing_staff']);
      await addMember(storage.db, provider.id, nora.id, ['admin']);
      const as = (u: { id: number }) => ({ userId: u.id, ip: null });
      const mc = await publishedMicroCredential(
        deps,
        as(designer),
        council.slug,
        `Ethics ${unique('')}`,
        completeDesign('Ethics', {
          earningMode: 'proof_of_completion',
          evidenceParts: [],
          rubric: undefined,
          applicationFeeCents: 2500,
        }),
      );
      const worker = new Worker({
        deps: { db: storage.db, clock, logger: silentLogger, mailer: outboxOnlyMailer, config },
        jobs: sessionJobs as JobDefinition<unknown>[],
        concurrency: 1,
        pollMs: 20,
      });
      const request = (extra: Record<string, unknown> = {}) =>
        requestSession(deps, {
          actor: as(nora),
          orgSlug: provider.slug,
          microCredential: mc.publicId,
          title: 'Telehealth Ethics, spring',
          startsOn: '2026-04-18',
          hours: '3',
          presenter: 'Jonas Berg',
          description: 'Consent, privacy, crossing state lines; knowledge check.',
          ...extra,
        });
      return {
        storage,
        app,
        deps,
        council,
        provider,
        officer,
        designer,
        nora,
        attendee,
        outsider,
        as,
        mc,
        worker,
        request,
      };
    }

    test('request → council told → decline needs a reason → approve → roster → invitations → apply with the session', async () => {
      const w = await setup();
      const { deps, as } = w;
      await assert.rejects(
        w.request({ hours: '0', startsOn: '18/04/2026' }),
        fails('validation_failed', /hours|date/),
      );
      await assert.rejects(
        requestSession(deps, { actor: as(w.outsider), orgSlug: w.provider.slug }),
        fails('not_found'),
        'a stranger is turned away before the body is judged',
      );
      const { publicId: session } = await w.request();
      const told = await w.storage.db
        .selectFrom('notifications')
        .select(['user_id', 'kind', 'data'])
        .where('kind', '=', 'ce_session')
        .where('user_id', '=', w.officer.id)
        .execute();
      assert.equal(told.length, 1, 'the council’s recognition officer is told of the request');
      assert.equal((told[0]!.data as { step: string }).step, 'requested');

      const target = { orgSlug: w.council.slug, session };
      await assert.rejects(
        decideSession(deps, { actor: as(w.designer), ...target, decision: 'approve' }),
        fails('forbidden'),
        'the council’s designers do not decide',
      );
      await assert.rejects(
        decideSession(deps, { actor: as(w.nora), orgSlug: w.provider.slug, session, decision: 'approve' }),
        fails('not_found'),
        'the provider does not decide its own session',
      );
      await assert.rejects(
        decideSession(deps, { actor: as(w.officer), ...target, decision: 'decline', reason: ' ' }),
        fails('validation_failed', /Say why/),
      );
      await assert.rejects(
        uploadRoster(deps, { actor: as(w.nora), orgSlug: w.provider.slug, session, csv: 'a,b@c.org' }),
        fails('conflict', /once the council has approved/),
      );
      await decideSession(deps, { actor: as(w.officer), ...target, decision: 'approve', note: 'Fine.' });
      await assert.rejects(
        decideSession(deps, { actor: as(w.officer), ...target, decision: 'decline', reason: 'Late' }),
        fails('conflict'),
      );
      const providerTold = await w.storage.db
        .selectFrom('notifications')
        .select('data')
        .where('kind', '=', 'ce_session')
        .where('user_id', '=', w.nora.id)
        .execute();
      assert.deepEqual(
        providerTold.map((n) => (n.data as { step: string }).step),
        ['approved'],
      );

      // The roster: a bad line stops the upload; a good one invites each new address once.
      const rosterTarget = { actor: as(w.nora), orgSlug: w.provider.slug, session };
      await assert.rejects(
        uploadRoster(deps, { ...rosterTarget, csv: 'name,email\nTaylor,taylor-at-example\n' }),
        fails('validation_failed', /line 2/),
      );
      const csv = `name,email\n${w.attendee.name},${w.attendee.email.toUpperCase()}\nRiley Chen,riley@example.org\n`;
      assert.deepEqual(await uploadRoster(deps, { ...rosterTarget, csv }), { added: 2, alreadyInvited: 0 });
      assert.deepEqual(await uploadRoster(deps, { ...rosterTarget, csv }), { added: 0, alreadyInvited: 2 });
      await w.worker.drain();
      const invitation = await lastMailTo(w.storage.db, w.attendee.email);
      assert.equal(invitation.mail?.template, 'ce_session_invitation');
      assert.equal(invitation.path, `/catalog/${w.council.slug}/${w.mc.slug}`);
      assert.ok(invitation.link?.endsWith(`?session=${session}`), 'the link chooses the session');

      // The invitation opens the application with the session chosen; applying names it.
      const attendee = await loggedIn(w.app, w.attendee);
      const entry = await (
        await attendee.get(`/catalog/${w.council.slug}/${w.mc.slug}?session=${session}`)
      ).text();
      assert.equal(byLabel(entry, 'The session you completed').value, session);
      await applyForMicroCredential(deps, { actor: as(w.attendee), microCredential: w.mc.publicId, session });
      const app = await w.storage.db
        .selectFrom('applications')
        .select(['proof_program', 'proof_session_id'])
        .where('earner_user_id', '=', w.attendee.id)
        .executeTakeFirstOrThrow();
      assert.equal(app.proof_program, `${w.provider.name} — Telehealth Ethics, spring`);
      const rows = await invitationsOf(w.storage.db, app.proof_session_id!);
      assert.deepEqual(
        rows.map((r) => [r.email, r.state, r.applied]),
        [
          [w.attendee.email.toLowerCase(), 'sent', true],
          ['riley@example.org', 'sent', false],
        ],
      );

      // The provider's pages show it; a stranger's do not exist.
      const noraWeb = await loggedIn(w.app, w.nora);
      const mine = await (await noraWeb.get(sessionPaths.mine(w.provider.slug))).text();
      assert.match(mine, /2 invited, 1 applied/);
      const page = await (await noraWeb.get(sessionPaths.session(w.provider.slug, session))).text();
      assert.match(page, /Applied/);
      const stranger = await loggedIn(w.app, w.outsider);
      assert.equal((await stranger.get(sessionPaths.session(w.provider.slug, session))).status, 404);
    });

    test('pages: request form, queue, decline with a reason, withdraw; rosters parse with or without a header', async () => {
      const w = await setup();
      const noraWeb = await loggedIn(w.app, w.nora);
      const form = await (await noraWeb.get(sessionPaths.request(w.provider.slug))).text();
      assert.match(form, new RegExp(`${w.council.name} — Ethics`));
      const bad = await noraWeb.post(sessionPaths.request(w.provider.slug), {
        microCredential: w.mc.publicId,
      });
      assert.equal(bad.status, 422);
      assert.match(byLabel(await bad.text(), 'Session title').error ?? '', /Give the session’s title/);
      const made = await noraWeb.post(sessionPaths.request(w.provider.slug), {
        microCredential: w.mc.publicId,
        title: 'Ethics, autumn',
        startsOn: '2026-10-03',
        endsOn: '2026-10-02',
        hours: '3',
        presenter: 'J. Berg',
        description: 'Agenda.',
      });
      assert.equal(made.status, 422, 'the last day cannot be before the first');
      const ok = await noraWeb.post(sessionPaths.request(w.provider.slug), {
        microCredential: w.mc.publicId,
        title: 'Ethics, autumn',
        startsOn: '2026-10-03',
        hours: '3',
        presenter: 'J. Berg',
        description: 'Agenda.',
      });
      assert.equal(ok.status, 303);
      const session = ok.headers.get('location')!.split('/').pop()!;

      const officerWeb = await loggedIn(w.app, w.officer);
      const queue = await (await officerWeb.get(sessionPaths.queue(w.council.slug))).text();
      assert.match(queue, /Ethics, autumn/);
      const noReason = await officerWeb.post(sessionPaths.step(w.council.slug, session, 'decline'), {
        reason: '',
      });
      assert.equal(noReason.status, 422);
      assert.match(byLabel(await noReason.text(), 'Why it is declined').error ?? '', /Say why/);
      const declined = await officerWeb.post(sessionPaths.step(w.council.slug, session, 'decline'), {
        reason: 'The agenda does not cover documentation.',
      });
      assert.equal(declined.status, 303);
      const seen = await (await noraWeb.get(sessionPaths.session(w.provider.slug, session))).text();
      assert.match(seen, /The agenda does not cover documentation\./);

      const second = await w.request({ title: 'Ethics, winter' });
      await withdrawSession(w.deps, {
        actor: w.as(w.nora),
        orgSlug: w.provider.slug,
        session: second.publicId,
      });
      await assert.rejects(
        withdrawSession(w.deps, { actor: w.as(w.nora), orgSlug: w.provider.slug, session: second.publicId }),
        fails('conflict'),
      );

      assert.deepEqual(rosterRows('Ana Ruiz,ANA@example.org\r\n"Chen, Riley",riley@example.org'), [
        { name: 'Ana Ruiz', email: 'ana@example.org' },
        { name: 'Chen, Riley', email: 'riley@example.org' },
      ]);
      assert.deepEqual(rosterRows('Email;Name\nana@example.org;Ana Ruiz\n'), [
        { name: 'Ana Ruiz', email: 'ana@example.org' },
      ]);
      assert.throws(() => rosterRows('name,email\n'), fails('validation_failed', /no attendees/));
    });
  });
}
