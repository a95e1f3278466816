import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testBackends, unique } from '../../../testing/databases.ts';
import { csvStream } from '../../../testing/awardFixtures.ts';
import { createAwardRun, mapAwardRun, startAwardRun } from '../../issuing/commands/bulkAward.ts';
import { processAwardRun } from '../../issuing/commands/processAwardRun.ts';
import { testCredentialServices } from '../../../testing/http.ts';
import { ledgerConfig, ledgerScenario } from '../../../testing/ledgerFixtures.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { DAY } from '../../../domain/clock.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { enqueueDueSchedules, ensureSchedules } from '../../../jobs/schedules.ts';
import { ledgerJobs, ledgerSchedules } from '../jobs.ts';
import { verifyWebhook } from '../../webhooks/signature.ts';
import { publishDraft } from '../../catalog/commands/publishDraft.ts';
import { reviseMicroCredential } from '../../catalog/commands/reviseMicroCredential.ts';
import { updateDraft } from '../../catalog/commands/updateDraft.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import { createCompletionNotices } from './createCompletionNotices.ts';
import { decideLicense } from './decideLicense.ts';
import { dismissCompletionNotice } from './dismissCompletionNotice.ts';
import { enqueueCompletionNoticesForMany } from './enqueueCompletionNotices.ts';
import { linkLicense } from './linkLicense.ts';
import { postCredit } from './postCredit.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { setNoticeWebhook } from '../../recognition/commands/setNoticeWebhook.ts';
import { createPathway } from '../../catalog/commands/createPathway.ts';
import { publicId } from '../../../domain/ids.ts';
import { Worker } from '../../../jobs/worker.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { evaluatePathwaysJob } from '../../issuing/jobs/pathwayJobs.ts';
import { issueLicenseTranscript } from './issueLicenseTranscript.ts';
import { validateClrCredential } from '../../../credentials/clr.ts';
import { licenseProgress, recognizerRoster, rosterCsv } from '../queries/creditLedger.ts';

const config = ledgerConfig;
const services = testCredentialServices();

const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

for (const backend of testBackends()) {
  describe(`completion notices and the credit ledger (${backend.name})`, () => {
    test('a recognized credential: notice with its signed document, automatic credit, creditsEarned/licenseNumber, reversal on revoke', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });

      const issued = await s.issue();
      const subject = issued.credential.credentialSubject as {
        creditsEarned?: number;
        licenseNumber?: string;
      };
      assert.equal(subject.creditsEarned, 0.5, 'the credential carries the hours');
      assert.equal(subject.licenseNumber, 'EDU-123456', 'and the license number');
      await s.worker.drain();

      const [notice] = await s.notices();
      assert.ok(notice, 'the recognizer received a completion notice');
      assert.equal(notice.state, 'posted');
      const report = await verifyWithCairn(notice.document, {
        db: storage.db,
        config,
        services,
        now: s.clock.now(),
      });
      assert.equal(report.verified, true, 'the document in the notice verifies independently');
      assert.deepEqual(
        (await s.entries()).map((e) => [e.hours, e.kind, e.cycle, e.posted_by_user_id]),
        [[0.5, 'credit', '2025-07-01', null]],
      );

      const progress = await licenseProgress(storage.db, s.earner.id, licenseId, s.clock.now());
      assert.equal(progress?.progress.earned, 0.5);
      assert.equal(progress?.progress.shortfall, 1.5);

      // The license transcript: a CLR 2.0 ClrCredential signed by the recognizer, verified by Cairn's verifier.
      const transcript = await issueLicenseTranscript(s.deps, {
        actor: { userId: s.earner.id, ip: null },
        license: licenseId,
      });
      assert.deepEqual(transcript.credential.type, ['VerifiableCredential', 'ClrCredential']);
      assert.deepEqual(validateClrCredential(transcript.credential), { valid: true, errors: [] });
      const clrSubject = transcript.credential.credentialSubject as {
        type: string[];
        verifiableCredential: Array<{ id: string }>;
        achievement: Array<{ id: string }>;
      };
      assert.deepEqual(
        clrSubject.verifiableCredential.map((c) => c.id),
        [issued.credential.id],
      );
      assert.equal(clrSubject.achievement.length, 1);
      assert.match(
        String((transcript.credential.issuer as { id: string }).id),
        new RegExp(`${s.board.slug}$`),
        'signed by the recognizer',
      );
      const clrReport = await verifyWithCairn(transcript.text, {
        db: storage.db,
        config,
        services,
        now: s.clock.now(),
      });
      assert.equal(clrReport.verified, true, JSON.stringify(clrReport.checks));
      const tamperedClr = JSON.parse(transcript.text) as Record<string, unknown>;
      tamperedClr.name = 'Forged transcript';
      assert.equal(
        (await verifyWithCairn(tamperedClr, { db: storage.db, config, services, now: s.clock.now() }))
          .verified,
        false,
      );
      await assert.rejects(
        issueLicenseTranscript(s.deps, { actor: { userId: s.officer.id, ip: null }, license: licenseId }),
        (e: unknown) => (e as { code: string }).code === 'not_found',
        'only the earner downloads it',
      );

      await s.revoke(issued.publicId);
      await s.worker.drain();
      const after = await s.entries();
      assert.deepEqual(
        after.map((e) => [e.hours, e.kind]),
        [
          [0.5, 'credit'],
          [-0.5, 'reversal'],
        ],
      );
      assert.equal(after[1]?.reverses_entry_id, after[0]?.id);
      assert.equal(
        after.reduce((n, e) => n + e.hours, 0),
        0,
        'the ledger sums to zero',
      );
      assert.equal(
        (await licenseProgress(storage.db, s.earner.id, licenseId, s.clock.now()))?.progress.earned,
        0,
      );
      await assert.rejects(
        issueLicenseTranscript(s.deps, { actor: { userId: s.earner.id, ip: null }, license: licenseId }),
        /No credential is credited/,
      );
      await s.worker.drain();
      assert.equal((await s.entries()).length, 2, 'a reversal happens once');

      // Append-only: the database itself refuses edits and deletions.
      await assert.rejects(
        storage.db.updateTable('credit_entries').set({ hours: 5 }).where('id', '=', after[0]!.id).execute(),
        /append-only/,
      );
      await assert.rejects(
        storage.db.deleteFrom('credit_entries').where('id', '=', after[0]!.id).execute(),
        /append-only/,
      );
      assert.deepEqual(await s.audit(), [
        'recognition.program_created',
        'license.linked',
        'license.confirmed',
        'notice.created',
        'credit.posted',
        'notice.posted',
        'transcript.issued',
        'credit.reversed',
      ]);
      const issuerAudit = await storage.db
        .selectFrom('audit_events')
        .select('action')
        .where('organisation_id', '=', s.issuerOrg.id)
        .where('action', '=', 'credential.notice_sent')
        .execute();
      assert.equal(issuerAudit.length, 1, 'the issuer sees that the notice was sent');
    });

    test('a roster issued in bulk for a recognized version sends each completion to the recognizer and posts credit', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });
      const actor = { organisationId: s.issuerOrg.id, userId: s.staff.id, ip: null };
      const other = `${unique('colleague')}@example.org`;
      const run = await createAwardRun(s.deps, {
        actor: actor,
        organisationId: actor.organisationId,
        microCredential: s.mcPublicId,
        fileName: 'workshop.csv',
        source: csvStream(`Email\n${s.earner.email}\n${other}\n`),
      });
      await mapAwardRun(s.deps, {
        actor: actor,
        organisationId: actor.organisationId,
        run: run.publicId,
        mapping: { email: 'Email' },
      });
      await startAwardRun(s.deps, { actor, organisationId: actor.organisationId, run: run.publicId });
      const runRow = await storage.db
        .selectFrom('award_runs')
        .select('id')
        .where('public_id', '=', run.publicId)
        .executeTakeFirstOrThrow();
      await processAwardRun(s.deps, runRow.id);
      await s.worker.drain();
      const notices = await s.notices();
      assert.equal(notices.length, 2, 'one notice per bulk-issued credential');
      const held = await storage.db
        .selectFrom('credentials')
        .select(['recipient_email', 'document'])
        .where('organisation_id', '=', s.issuerOrg.id)
        .execute();
      const subjectOf = (email: string) =>
        (
          JSON.parse(held.find((h) => h.recipient_email === email)!.document) as {
            credentialSubject: { licenseNumber?: string; creditsEarned?: number };
          }
        ).credentialSubject;
      assert.deepEqual(
        [
          subjectOf(s.earner.email.toLowerCase()).licenseNumber,
          subjectOf(s.earner.email.toLowerCase()).creditsEarned,
        ],
        ['EDU-123456', 0.5],
        'the licensed earner’s credential carries the license and hours',
      );
      assert.equal(subjectOf(other).licenseNumber, undefined);
      assert.deepEqual(
        (await s.entries()).map((e) => [e.hours, e.kind]),
        [[0.5, 'credit']],
        'credit for the earner with a confirmed license; the other waits',
      );
    });

    test('two notices posting at once stay under the cap; credit follows the day of issue, not a back-dated validFrom; officers never decide their own license', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { cap: 0.5, fixedHours: 0.5 });
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });
      const [a, b] = [await s.issue(), await s.issue()];
      const ids = await storage.db
        .selectFrom('credentials')
        .select('id')
        .where('public_id', 'in', [a.publicId, b.publicId])
        .execute();
      await Promise.all(ids.map((r) => createCompletionNotices(s.deps, { credentialId: r.id })));
      assert.deepEqual(
        (await s.entries()).map((e) => e.hours).sort(),
        [0, 0.5],
        'the second posting got only what the cap left',
      );

      // An approval that has ended does not come back through a back-dated issue date.
      await storage.db
        .updateTable('program_submissions')
        .set({ ends_on: '2026-10-31' })
        .where('program_id', '=', s.program.id)
        .execute();
      const backdated = await issueCredential(s.deps, {
        actor: { userId: s.staff.id, ip: null },
        organisationId: s.issuerOrg.id,
        recipient: { email: s.earner.email },
        microCredential: s.mcPublicId,
        validFrom: '2026-01-01T00:00:00Z',
      });
      await s.worker.drain();
      assert.deepEqual(
        await s.entries(backdated.publicId),
        [],
        'issued after the approval ended: no notice, no credit',
      );

      // An officer holding a license of the program does not confirm it (or post to it) themselves.
      const own = await linkLicense(s.deps, {
        actor: s.officerActor,
        program: s.programPublicId,
        licenseNumber: 'EDU-999',
        cycleStart: '2025-07-01',
      });
      await assert.rejects(
        decideLicense(s.deps, {
          actor: s.officerActor,
          orgSlug: s.board.slug,
          license: own.publicId,
          decision: 'confirm',
        }),
        (e: unknown) => (e as { code: string }).code === 'forbidden',
      );
    });

    test('review programs wait for an officer; dismissal posts nothing; a version not approved sends no notice', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { posting: 'review' });
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });
      const first = await s.issue();
      const second = await s.issue();
      await s.worker.drain();
      const [n1, n2] = await s.notices();
      assert.equal(n1?.state, 'new');
      assert.equal((await s.entries()).length, 0, 'nothing is posted before review');
      const posted = await postCredit(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        notice: n1!.public_id,
      });
      assert.equal(posted?.hours, 0.5);
      assert.deepEqual(
        (await s.entries(first.publicId)).map((e) => [e.hours, e.posted_by_user_id]),
        [[0.5, s.officer.id]],
      );
      await assert.rejects(
        postCredit(s.deps, { actor: s.officerActor, orgSlug: s.board.slug, notice: n1!.public_id }),
        /already posted/,
      );
      await dismissCompletionNotice(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        notice: n2!.public_id,
        reason: 'Duplicate of an earlier submission',
      });
      assert.equal((await s.entries(second.publicId)).length, 0);
      await assert.rejects(
        postCredit(s.deps, { actor: s.officerActor, orgSlug: s.board.slug, notice: n2!.public_id }),
        /dismissed/,
      );

      // Tenancy: another organisation's officer cannot see or act on the notice.
      const other = await buildOrganisation(storage.db, { kind: 'recognizer' });
      const stranger = await buildUser(storage.db);
      await addMember(storage.db, other.id, stranger.id, ['recognition_officer']);
      await assert.rejects(
        postCredit(s.deps, {
          actor: { userId: stranger.id, ip: null },
          orgSlug: s.board.slug,
          notice: n1!.public_id,
        }),
        (e: unknown) => (e as { code: string }).code === 'not_found',
      );
      await assert.rejects(
        postCredit(s.deps, {
          actor: { userId: stranger.id, ip: null },
          orgSlug: other.slug,
          notice: n1!.public_id,
        }),
        (e: unknown) => (e as { code: string }).code === 'not_found',
      );
      await assert.rejects(
        decideLicense(s.deps, {
          actor: { userId: stranger.id, ip: null },
          orgSlug: other.slug,
          license: licenseId,
          decision: 'reject',
          reason: 'x',
        }),
        (e: unknown) => (e as { code: string }).code === 'not_found',
      );

      // A new version is not approved: its credentials send no notice.
      await reviseMicroCredential(s.deps, {
        actor: { userId: s.staff.id, ip: null },
        orgSlug: s.issuerOrg.slug,
        microCredentialId: s.mcPublicId,
      });
      await updateDraft(s.deps, {
        actor: { userId: s.staff.id, ip: null },
        orgSlug: s.issuerOrg.slug,
        microCredentialId: s.mcPublicId,
        ...completeDesign('Restorative circles, revised'),
      });
      await publishDraft(s.deps, {
        actor: { userId: s.staff.id, ip: null },
        orgSlug: s.issuerOrg.slug,
        microCredentialId: s.mcPublicId,
      });
      const v2 = await s.issue();
      assert.equal(
        (v2.credential.credentialSubject as { licenseNumber?: string }).licenseNumber,
        undefined,
        'version 2 is not recognized: no license number',
      );
      await s.worker.drain();
      assert.equal((await s.notices()).length, 2);
      // The batch form (bulk awards) picks out the recognized credentials and enqueues each once.
      const ids = (
        await storage.db
          .selectFrom('credentials')
          .select(['id', 'public_id'])
          .where('public_id', 'in', [first.publicId, second.publicId, v2.publicId])
          .execute()
      ).map((r) => r.id);
      assert.equal(await enqueueCompletionNoticesForMany(storage.db, ids, s.clock.now()), 2);
      await s.worker.drain();
      assert.equal((await s.notices()).length, 2, 'idempotent: no second notice');
    });

    test('no license yet: the notice waits, a rejected mismatch is corrected, confirmation posts it; the cap posts the remainder', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { unitRule: 'credit_hours', hoursGranted: 0.75, cap: 1 });
      const issued = [await s.issue(), await s.issue()];
      await s.worker.drain();
      assert.deepEqual(
        (await s.notices()).map((n) => [n.state, n.license_record_id]),
        [
          ['new', null],
          ['new', null],
        ],
      );
      await assert.rejects(
        postCredit(s.deps, {
          actor: s.officerActor,
          orgSlug: s.board.slug,
          notice: (await s.notices())[0]!.public_id,
        }),
        /no confirmed license yet/,
      );

      const { publicId: licenseId } = await s.link();
      await assert.rejects(s.link(), /already linked/);
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'reject',
        reason: 'No license EDU-123456 on the register.',
      });
      assert.equal((await s.entries()).length, 0);
      await linkLicense(s.deps, {
        actor: { userId: s.earner.id, ip: null },
        program: s.programPublicId,
        licenseNumber: 'EDU-654321',
        cycleStart: '2025-07-01',
      });
      const { posted } = await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
        cycleStart: '2024-01-01',
      });
      assert.equal(posted, 2);
      // The earner hears of both decisions, with the reason for the rejection (each through its notification's email job).
      await s.worker.drain();
      const told = await storage.db
        .selectFrom('mail_outbox')
        .select(['template', 'text_body'])
        .where('to_address', '=', s.earner.email)
        .where('template', 'like', 'license.%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        told.map((m) => m.template),
        ['license.rejected', 'license.confirmed'],
      );
      assert.match(told[0]!.text_body, /No license EDU-123456 on the register\./);
      assert.match(told[1]!.text_body, /\/me\/licenses/);
      const entries = await s.entries();
      assert.deepEqual(
        entries.map((e) => [e.hours, e.cycle]),
        [
          [0.75, '2024-01-01'],
          [0.25, '2024-01-01'],
        ],
        'the second credit is capped at the remainder',
      );
      assert.match(entries[1]!.reason, /Capped/);
      // A third credential in the same cycle posts 0 hours, with the reason.
      const third = await s.issue();
      await s.worker.drain();
      const [zero] = await s.entries(third.publicId);
      assert.equal(zero?.hours, 0);
      assert.match(zero!.reason, /already reached/);
      assert.equal(issued.length, 2);
      assert.ok((await s.audit()).includes('license.rejected'));
    });

    test('the webhook is signed with HMAC-SHA256, retried after a 500, and the digest goes out once per day', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { digest: true });
      const received: Array<{ body: string; signature: string | undefined }> = [];
      const answers = [500, 204];
      const server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          received.push({ body, signature: req.headers['cairn-signature'] as string | undefined });
          res.statusCode = answers.shift() ?? 204;
          res.end();
        });
      });
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const { secret } = await setNoticeWebhook(
        { ...s.deps, vault: services.vault },
        { actor: s.officerActor, orgSlug: s.board.slug, program: s.programPublicId, url },
      );
      assert.ok(secret);

      const issued = await s.issue();
      await s.worker.drain();
      assert.equal(received.length, 1);
      const delivery = () =>
        storage.db
          .selectFrom('webhook_deliveries as d')
          .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
          .select(['d.state', 'd.attempts', 'd.status_code', 'd.event_type'])
          .where('w.program_public_id', '=', s.programPublicId)
          .executeTakeFirstOrThrow();
      assert.deepEqual(await delivery(), {
        state: 'pending',
        attempts: 1,
        status_code: 500,
        event_type: 'completion_notice.sent',
      });
      s.clock.advance(DAY);
      await s.worker.drain();
      assert.equal(received.length, 2, 'retried through the job queue');
      assert.equal((await delivery()).state, 'delivered');
      const last = received[1]!;
      assert.ok(
        verifyWebhook({ secret, body: last.body, header: last.signature, now: s.clock.now() }).ok,
        'the signature verifies with the secret',
      );
      assert.ok(
        !verifyWebhook({ secret: 'whsec_wrong', body: last.body, header: last.signature, now: s.clock.now() })
          .ok,
      );
      const payload = JSON.parse(last.body) as {
        type: string;
        data: { credentialId: string; credential: Record<string, unknown> };
      };
      assert.equal(payload.type, 'completion_notice.sent');
      assert.equal(payload.data.credentialId, issued.publicId);
      assert.equal(
        (
          await verifyWithCairn(payload.data.credential, {
            db: storage.db,
            config,
            services,
            now: s.clock.now(),
          })
        ).verified,
        true,
      );

      // The digest: once per day slot, one notice in one digest only.
      await ensureSchedules(storage.db, ledgerSchedules, s.clock.now());
      await storage.db
        .updateTable('job_schedules')
        .set({ next_run_at: s.clock.now() })
        .where('name', '=', ledgerSchedules[0]!.name)
        .execute();
      const digests = () =>
        storage.db
          .selectFrom('mail_outbox')
          .select(['subject', 'text_body'])
          .where('to_address', '=', s.officer.email)
          .where('template', '=', 'recognition.digest')
          .execute();
      // The officer saved Spanish: their digest is written in it.
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', s.officer.id).execute();
      assert.equal(await enqueueDueSchedules(storage.db, s.clock.now()), 1);
      assert.equal(await enqueueDueSchedules(storage.db, s.clock.now()), 0, 'one job per day slot');
      await s.worker.drain();
      const sent = await digests();
      assert.equal(sent.length, 1);
      assert.match(sent[0]!.subject, /^1 aviso de finalización nuevo para /);
      assert.match(sent[0]!.text_body, new RegExp(s.earner.email.replace('.', '\\.')));
      const { sendNoticeDigestsJob } = await import('../jobs.ts');
      await sendNoticeDigestsJob.handle(
        {},
        {
          db: storage.db,
          clock: s.clock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config,
          job: {} as never,
        },
      );
      assert.equal((await digests()).length, 1, 'a notice is in one digest only');
    });

    test('a recognized pathway: its award sends a notice, and the transcript links the micro-credential to it (isChildOf)', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const staff = { userId: s.staff.id, ip: null };
      await createPathway(s.deps, {
        actor: staff,
        orgSlug: s.issuerOrg.slug,
        name: `Restorative Practice Certificate ${Date.now()}`,
        requirement: { type: 'microCredential', id: s.mcPublicId },
      });
      const pathway = await storage.db
        .selectFrom('pathways')
        .select('id')
        .where('organisation_id', '=', s.issuerOrg.id)
        .executeTakeFirstOrThrow();
      await storage.db
        .insertInto('program_submissions')
        .values({
          public_id: publicId('rsub'),
          program_id: s.program.id,
          issuer_organisation_id: s.issuerOrg.id,
          pathway_id: pathway.id,
          statement: 'The certificate requires the micro-credential.',
          status: 'approved',
          hours_granted: 1,
          created_at: s.clock.now(),
          updated_at: s.clock.now(),
        })
        .execute();
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });
      const worker = new Worker({
        deps: {
          db: storage.db,
          clock: s.clock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config,
          credentials: services,
        },
        jobs: [...ledgerJobs, evaluatePathwaysJob] as JobDefinition<unknown>[],
        concurrency: 1,
        pollMs: 20,
      });
      await s.issue();
      await worker.drain();
      const credited = await storage.db
        .selectFrom('credit_entries as e')
        .innerJoin('credentials as c', 'c.id', 'e.credential_id')
        .select(['c.pathway_id', 'e.hours'])
        .where('e.program_id', '=', s.program.id)
        .orderBy('e.id')
        .execute();
      assert.deepEqual(
        credited.map((e) => [e.pathway_id, e.hours]),
        [
          [null, 0.5],
          [pathway.id, 0.5],
        ],
        'the micro-credential and the pathway award are both credited',
      );
      const transcript = await issueLicenseTranscript(s.deps, {
        actor: { userId: s.earner.id, ip: null },
        license: licenseId,
      });
      const subject = transcript.credential.credentialSubject as {
        verifiableCredential: unknown[];
        achievement: Array<{ id: string }>;
        association: Array<{ associationType: string; sourceId: string; targetId: string }>;
      };
      assert.equal(subject.verifiableCredential.length, 2);
      const micro = subject.achievement.find((x) => x.id.includes('/catalog/'))!;
      const certificate = subject.achievement.find((x) => x.id.includes('/pathways/'))!;
      assert.ok(micro && certificate);
      assert.deepEqual(subject.association, [
        { type: 'Association', associationType: 'isChildOf', sourceId: micro.id, targetId: certificate.id },
      ]);
      assert.equal(
        (await verifyWithCairn(transcript.text, { db: storage.db, config, services, now: s.clock.now() }))
          .verified,
        true,
      );
    });

    test('the roster filters by shortfall and exports safe CSV', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { fixedHours: 2 });
      const { publicId: licenseId } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: licenseId,
        decision: 'confirm',
      });
      const short = await buildUser(storage.db, { name: '=HYPERLINK("http://evil")' });
      const shortLicense = await linkLicense(s.deps, {
        actor: { userId: short.id, ip: null },
        program: s.programPublicId,
        licenseNumber: '+SUM(1)',
        cycleStart: '2025-07-01',
      });
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license: shortLicense.publicId,
        decision: 'confirm',
      });
      await s.issue();
      await s.worker.drain();
      const all = await recognizerRoster(storage.db, s.board.id, {
        now: s.clock.now(),
        program: s.programPublicId,
      });
      assert.deepEqual(
        all.map((r) => [r.userName, r.earned, r.required, r.shortfall]).sort(),
        [
          ['=HYPERLINK("http://evil")', 0, 2, 2],
          ['Maya Teacher', 2, 2, 0],
        ].sort(),
      );
      const shortOnly = await recognizerRoster(storage.db, s.board.id, {
        now: s.clock.now(),
        program: s.programPublicId,
        shortOnly: true,
      });
      assert.deepEqual(
        shortOnly.map((r) => r.licenseNumber),
        ['+SUM(1)'],
      );
      const csv = rosterCsv(all);
      assert.match(
        csv,
        /^program,license_name,license_number,name,email,state,cycle_start,cycle_end,hours_earned,hours_required,shortfall\r\n/,
      );
      assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"")"`), 'a formula is neutralised');
      assert.ok(csv.includes(`"'+SUM(1)"`));
    });
  });
}
