import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../testing/databases.ts';
import { loggedIn, testApp, testConfig, testCredentialServices } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { ledgerScenario } from '../../testing/ledgerFixtures.ts';
import { ManualClock } from '../../domain/clock.ts';
import { silentLogger } from '../../logger.ts';
import { outboxOnlyMailer } from '../../mail/mailer.ts';
import { Worker } from '../../jobs/worker.ts';
import { enqueueDueSchedules, ensureSchedules } from '../../jobs/schedules.ts';
import { applyForMicroCredential } from '../earning/commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../earning/commands/submitEvidence.ts';
import { reviewAttempt } from '../earning/commands/reviewAttempt.ts';
import { submitProof, uploadCertificate } from '../payments/commands/certificate.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../issuing/commands/changeCredentialStatus.ts';
import { decideLicense } from '../credit/commands/decideLicense.ts';
import { createProgram } from '../recognition/commands/createProgram.ts';
import { approveProgramSubmission } from '../recognition/commands/approveProgramSubmission.ts';
import { submitProgram } from '../recognition/commands/submitProgram.ts';
import type { Storage } from '../../storage/database.ts';
import { notificationJobs, notificationSchedules } from './jobs.ts';
import { savePreferences } from './queries.ts';

const config = testConfig();
const services = testCredentialServices();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function workerFor(storage: Storage, clock: ManualClock) {
  return new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: outboxOnlyMailer,
      config,
      credentials: services,
    },
    jobs: notificationJobs,
    concurrency: 1,
    pollMs: 20,
  });
}

const inbox = (storage: Storage, userId: number) =>
  storage.db
    .selectFrom('notifications')
    .select(['public_id', 'kind', 'data', 'email', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
const mailTo = (storage: Storage, address: string) =>
  storage.db
    .selectFrom('mail_outbox')
    .select(['template', 'subject', 'text_body', 'html_body'])
    .where('to_address', '=', address)
    .orderBy('id')
    .execute();

/** An issuer with a reviewer, issuing staff, a peer-reviewed micro-credential and an earner. */
async function earningScenario(storage: Storage) {
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  const deps = { db: storage.db, config, clock, credentials: services };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
  const [owner, reviewer, staff, earner] = await Promise.all([
    buildUser(storage.db),
    buildUser(storage.db, { name: 'Rae Reviewer' }),
    buildUser(storage.db, { name: 'Sam Staff' }),
    buildUser(storage.db, { name: 'Ed Earner' }),
  ]);
  await addMember(storage.db, org.id, owner.id, ['owner']);
  await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const ownerActor = { userId: owner.id, ip: null };
  const peer = await publishedMicroCredential(deps, ownerActor, org.slug, `Questioning ${unique('')}`, {
    evidenceParts: [{ prompt: 'Reflection', kind: 'text', maxWords: 100, required: true }],
  });
  const earnerActor = { userId: earner.id, ip: null };
  const submit = async () => {
    const { publicId } = await applyForMicroCredential(deps, {
      actor: earnerActor,
      microCredential: peer.publicId,
    });
    await saveEvidence(deps, {
      actor: earnerActor,
      application: publicId,
      part: 0,
      value: 'I waited three seconds after each question.',
    });
    await submitApplication(deps, { actor: earnerActor, application: publicId });
    return publicId;
  };
  const issue = () =>
    issueCredential(deps, {
      actor: { userId: staff.id, ip: null },
      organisationId: org.id,
      recipient: { email: earner.email },
      microCredential: peer.publicId,
    });
  return {
    clock,
    deps,
    org,
    owner,
    reviewer,
    staff,
    earner,
    earnerActor,
    peer,
    submit,
    issue,
    worker: workerFor(storage, clock),
  };
}

for (const backend of testBackends()) {
  describe(`notifications (${backend.name})`, () => {
    test('a submission assigned to a reviewer: their inbox and an email linking to the review page; the earner’s review outcome lands in theirs', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      const application = await s.submit();
      const [assigned, ...more] = await inbox(storage, s.reviewer.id);
      assert.equal(more.length, 0);
      assert.equal(assigned?.kind, 'submission_assigned');
      assert.equal(assigned?.email, 'pending');
      assert.deepEqual(await inbox(storage, s.earner.id), [], 'nobody is told of their own action');
      assert.deepEqual(
        await inbox(storage, s.staff.id),
        [],
        'a peer submission is the reviewer’s, not the staff’s',
      );

      await s.worker.drain();
      const [mail, ...again] = await mailTo(storage, s.reviewer.email);
      assert.equal(again.length, 0);
      assert.equal(mail?.template, 'notification.submission_assigned');
      const attempt = (assigned!.data as { attempt: string }).attempt;
      assert.match(mail!.text_body, new RegExp(`http://cairn\\.test/reviews/${attempt}`));
      assert.doesNotMatch(
        mail!.text_body + mail!.html_body,
        /\/api\//,
        'emails link to pages, never to the API',
      );
      assert.equal((await inbox(storage, s.reviewer.id))[0]?.email, 'sent');
      await s.worker.drain();
      assert.equal(
        (await mailTo(storage, s.reviewer.email)).length,
        1,
        'a job that runs again sends nothing twice',
      );

      await reviewAttempt(s.deps, {
        actor: { userId: s.reviewer.id, ip: null },
        attempt,
        scores: { plan: 'developing', video: 'proficient' },
        feedback: { plan: 'Show the plan.' },
        overallFeedback: 'Close.',
        decision: 'needs_revision',
      });
      const [reviewed] = await inbox(storage, s.earner.id);
      assert.equal(reviewed?.kind, 'application_reviewed');
      assert.deepEqual(
        [
          (reviewed!.data as { decision: string }).decision,
          (reviewed!.data as { application: string }).application,
        ],
        ['needs_revision', application],
      );
      assert.equal(
        reviewed?.email,
        'external',
        'the review decision email already goes out: not a second one',
      );
      await s.worker.drain();
      assert.deepEqual(
        (await mailTo(storage, s.earner.email)).map((m) => m.template),
        ['review_needs_revision'],
      );
    });

    test('a certificate of completion submitted: the issuing staff of that organisation are told, not other members', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      const proof = await publishedMicroCredential(
        s.deps,
        { userId: s.owner.id, ip: null },
        s.org.slug,
        `Ethics ${unique('')}`,
        { earningMode: 'proof_of_completion', evidenceParts: [], rubric: undefined, applicationFeeCents: 0 },
      );
      const { publicId } = await applyForMicroCredential(s.deps, {
        actor: s.earnerActor,
        microCredential: proof.publicId,
      });
      await uploadCertificate(s.deps, {
        actor: s.earnerActor,
        application: publicId,
        file: { name: 'certificate.png', bytes: PNG },
      });
      await submitProof(s.deps, { actor: s.earnerActor, application: publicId });
      const [n] = await inbox(storage, s.staff.id);
      assert.equal(n?.kind, 'proof_submitted');
      assert.deepEqual(await inbox(storage, s.reviewer.id), []);
      assert.deepEqual(
        await inbox(storage, s.owner.id),
        [],
        'owners hear of it only when no one holds the issuing staff role',
      );
      await s.worker.drain();
      const [mail] = await mailTo(storage, s.staff.email);
      assert.match(mail!.text_body, new RegExp(`http://cairn\\.test/orgs/${s.org.slug}/proof-queue`));
    });

    test('a badge issued, then revoked: the earner’s inbox says so, with the public reason, and an email', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      const issued = await s.issue();
      const [badge] = await inbox(storage, s.earner.id);
      assert.equal(badge?.kind, 'badge_issued');
      assert.equal(badge?.email, 'external', 'the claim email is its email');
      await changeCredentialStatus(s.deps, {
        actor: { userId: s.staff.id, ip: null },
        organisationId: s.org.id,
        credential: issued.publicId,
        action: 'revoke',
        reason: 'Evidence was not the earner’s own.',
      });
      const revoked = (await inbox(storage, s.earner.id))[1];
      assert.equal(revoked?.kind, 'badge_status');
      assert.deepEqual(revoked?.data, {
        credential: issued.publicId,
        title: badge!.data.title,
        organisation: 'Union Academy',
        status: 'revoked',
        reason: 'Evidence was not the earner’s own.',
      });
      await s.worker.drain();
      const mails = await mailTo(storage, s.earner.email);
      const mail = mails.find((m) => m.template === 'notification.badge_status');
      assert.match(mail!.subject, /was revoked/);
      assert.match(mail!.text_body, /Evidence was not the earner’s own\./);
      assert.match(mail!.text_body, new RegExp(`http://cairn\\.test/badges/${issued.publicId}`));
    });

    test('the digest preference: no email at once; the next day the scheduled job sends one digest of both items, and only once', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      await savePreferences(storage.db, s.earner.id, { badge_status: 'digest' }, s.clock.now());
      const issued = await s.issue();
      const staffActor = { organisationId: s.org.id, userId: s.staff.id, ip: null };
      await changeCredentialStatus(s.deps, {
        actor: staffActor,
        organisationId: staffActor.organisationId,
        credential: issued.publicId,
        action: 'suspend',
        reason: 'Under review',
      });
      await changeCredentialStatus(s.deps, {
        actor: staffActor,
        organisationId: staffActor.organisationId,
        credential: issued.publicId,
        action: 'reinstate',
      });
      const statuses = (await inbox(storage, s.earner.id)).filter((n) => n.kind === 'badge_status');
      assert.deepEqual(
        statuses.map((n) => n.email),
        ['digest', 'digest'],
      );
      await s.worker.drain();
      const before = await mailTo(storage, s.earner.email);
      assert.ok(!before.some((m) => m.template.startsWith('notification.')), 'no email at once');

      await ensureSchedules(storage.db, notificationSchedules, s.clock.now());
      s.clock.advance(24 * 60 * 60 * 1000 + 1000);
      await enqueueDueSchedules(storage.db, s.clock.now());
      await s.worker.drain();
      const digests = (await mailTo(storage, s.earner.email)).filter(
        (m) => m.template === 'notification.digest',
      );
      assert.equal(digests.length, 1);
      assert.match(digests[0]!.subject, /2 updates/);
      assert.match(digests[0]!.text_body, /is suspended[\s\S]*Under review[\s\S]*is valid again/);
      assert.deepEqual(
        (await inbox(storage, s.earner.id)).filter((n) => n.kind === 'badge_status').map((n) => n.email),
        ['digested', 'digested'],
      );

      s.clock.advance(24 * 60 * 60 * 1000 + 1000);
      await enqueueDueSchedules(storage.db, s.clock.now());
      await s.worker.drain();
      assert.equal(
        (await mailTo(storage, s.earner.email)).filter((m) => m.template === 'notification.digest').length,
        1,
        'an item is in one digest only',
      );
    });

    test('in-app only: the inbox, no email', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      await savePreferences(storage.db, s.reviewer.id, { submission_assigned: 'in_app' }, s.clock.now());
      await s.submit();
      assert.deepEqual(
        (await inbox(storage, s.reviewer.id)).map((n) => [n.kind, n.email]),
        [['submission_assigned', 'none']],
      );
      await s.worker.drain();
      assert.deepEqual(await mailTo(storage, s.reviewer.email), []);
    });

    test('a license link decided: the earner is told once (the decision email is now the notification’s)', async () => {
      const storage = await backend.storage();
      const l = await ledgerScenario(storage);
      const { publicId } = await l.link();
      await decideLicense(l.deps, {
        actor: l.officerActor,
        orgSlug: l.board.slug,
        license: publicId,
        decision: 'confirm',
      });
      const [n] = await inbox(storage, l.earner.id);
      assert.equal(n?.kind, 'license_decided');
      assert.equal((n!.data as { decision: string }).decision, 'confirmed');
      await workerFor(storage, l.clock).drain();
      assert.deepEqual(
        (await mailTo(storage, l.earner.email)).map((m) => m.template),
        ['license.confirmed'],
      );
    });

    test('a program submitted and approved: the recognizer’s officers, then the submitter, are told in the inbox (the thread emails them)', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
      const deps = { db: storage.db, config, clock, credentials: services };
      const board = await buildOrganisation(storage.db, { kind: 'recognizer', name: 'State Board' });
      const [officer, boardOwner, submitter] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
      await addMember(storage.db, board.id, boardOwner.id, ['owner']);
      const issuer = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
      await addMember(storage.db, issuer.id, submitter.id, ['owner']);
      const { publicId: program } = await createProgram(deps, {
        actor: { userId: officer.id, ip: null },
        orgSlug: board.slug,
        name: `Renewal ${unique('')}`,
        licenseName: 'Educator license',
        cycleYears: 5,
        hoursRequired: 2,
        unitRule: 'fixed',
        fixedHours: 0.5,
        posting: 'automatic',
        digestEmail: false,
      });
      const mc = await publishedMicroCredential(
        deps,
        { userId: submitter.id, ip: null },
        issuer.slug,
        `Circles ${unique('')}`,
      );
      const { publicId: submission } = await submitProgram(deps, {
        actor: { userId: submitter.id, ip: null },
        orgSlug: issuer.slug,
        program,
        microCredential: mc.publicId,
        statement: 'Peer-reviewed against the rubric.',
      });
      const [told] = await inbox(storage, officer.id);
      assert.deepEqual(
        [told?.kind, (told?.data as { step: string }).step, told?.email],
        ['program_submission', 'submitted', 'external'],
      );
      assert.deepEqual(await inbox(storage, boardOwner.id), [], 'owners only when the board has no officer');
      await approveProgramSubmission(deps, {
        actor: { userId: officer.id, ip: null },
        orgSlug: board.slug,
        submission,
        hours: 0.5,
      });
      const [decided] = await inbox(storage, submitter.id);
      assert.deepEqual(
        [decided?.kind, (decided?.data as { step: string }).step],
        ['program_submission', 'approved'],
      );
      assert.equal(
        (await inbox(storage, officer.id)).length,
        1,
        'the officer is not told of their own decision',
      );
    });

    test('the inbox: unread count in the navigation, open marks read, mark all read, pages, and nobody reaches another’s notification (404)', async () => {
      const storage = await backend.storage();
      const s = await earningScenario(storage);
      const { app } = testApp(storage, { clock: s.clock });
      const issued = await s.issue();
      const staffActor = { organisationId: s.org.id, userId: s.staff.id, ip: null };
      for (let i = 0; i < 13; i++) {
        await changeCredentialStatus(s.deps, {
          actor: staffActor,
          organisationId: staffActor.organisationId,
          credential: issued.publicId,
          action: 'suspend',
          reason: `Check ${i}`,
        });
        await changeCredentialStatus(s.deps, {
          actor: staffActor,
          organisationId: staffActor.organisationId,
          credential: issued.publicId,
          action: 'reinstate',
        });
      }
      const all = await inbox(storage, s.earner.id);
      assert.equal(all.length, 27);
      const e = await loggedIn(app, s.earner);
      const first = await (await e.get('/inbox')).text();
      assert.match(
        first,
        /<a href="\/inbox"[^>]*>Inbox <span class="count"[^>]*>27<span class="visually-hidden"> unread<\/span>/,
        'the navigation shows the unread count',
      );
      assert.match(first, /27 unread\./);
      assert.match(first, /Older notifications/);
      const older = first.match(/href="(\/inbox\?before=\d+)"/)?.[1];
      const second = await (await e.get(older!)).text();
      assert.doesNotMatch(second, /Older notifications/);
      assert.equal(
        (second.match(/\/inbox\/ntf_[0-9a-f]+\/open/g) ?? []).length,
        2,
        '25 on the first page, 2 on the second',
      );

      const newest = all.at(-1)!;
      const opened = await e.get(`/inbox/${newest.public_id}/open`);
      assert.equal(opened.status, 303);
      assert.equal(opened.headers.get('location'), `/badges/${issued.publicId}`);
      const oldest = all[0]!;
      assert.equal((await e.post(`/inbox/${oldest.public_id}/read`)).status, 303);
      assert.match(await (await e.get('/inbox')).text(), /25 unread\./);

      const stranger = await loggedIn(app, s.reviewer);
      assert.equal((await stranger.post(`/inbox/${all[1]!.public_id}/read`)).status, 404);
      assert.equal((await stranger.get(`/inbox/${all[1]!.public_id}/open`)).status, 404);
      assert.doesNotMatch(await (await stranger.get('/inbox')).text(), new RegExp(all[1]!.public_id));
      assert.equal((await inbox(storage, s.earner.id))[1]?.read_at, null, 'the stranger changed nothing');

      assert.equal((await e.post('/inbox/read-all')).status, 303);
      assert.match(await (await e.get('/inbox')).text(), /Nothing unread\./);
      assert.equal((await e.get('/inbox?before=abc')).status, 422);
    });

    test('settings: each kind’s choice is saved; a made-up choice is refused with a clear message', async () => {
      const storage = await backend.storage();
      const user = await buildUser(storage.db);
      const { app } = testApp(storage);
      const b = await loggedIn(app, user);
      assert.match(
        await (await b.get('/inbox/settings')).text(),
        /A submission is assigned to you for review/,
      );
      assert.equal(
        (await b.post('/inbox/settings', { badge_status: 'digest', submission_assigned: 'in_app' })).status,
        303,
      );
      const saved = await storage.db
        .selectFrom('notification_preferences')
        .select(['kind', 'delivery'])
        .where('user_id', '=', user.id)
        .orderBy('kind')
        .execute();
      assert.deepEqual(saved, [
        { kind: 'badge_status', delivery: 'digest' },
        { kind: 'submission_assigned', delivery: 'in_app' },
      ]);
      const bad = await b.post('/inbox/settings', { badge_status: 'pigeon' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /Choose one of the options\./);
    });
  });
}
