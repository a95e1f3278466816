import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign, publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { ManualClock } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { createMicroCredential } from '../../catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../../catalog/commands/publishDraft.ts';
import { reviseMicroCredential } from '../../catalog/commands/reviseMicroCredential.ts';
import { createStack } from '../../catalog/commands/createStack.ts';
import { updateDraft } from '../../catalog/commands/updateDraft.ts';
import { createPathway } from '../../catalog/commands/createPathway.ts';
import { archiveProgram } from './archiveProgram.ts';
import { createProgram } from './createProgram.ts';
import { updateProgram } from './updateProgram.ts';
import { approveProgramSubmission } from './approveProgramSubmission.ts';
import { commentOnProgramSubmission } from './commentOnProgramSubmission.ts';
import { rejectProgramSubmission } from './rejectProgramSubmission.ts';
import { requestSubmissionChanges } from './requestSubmissionChanges.ts';
import { submitProgram } from './submitProgram.ts';
import { submissionThread, resubmittableVersion } from '../queries/submissions.ts';
import { loadSubmission } from './submissionAccess.ts';
import { withdrawProgramSubmission } from './withdrawProgramSubmission.ts';
import { endorseProgramSubmission } from './endorseProgramSubmission.ts';
import { endorsementsForVersion } from '../queries/endorsements.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import {
  recognitionsForCredential,
  recognitionsForPathway,
  recognitionsForStack,
  recognitionsForVersion,
} from '../queries/recognition.ts';
import { searchCatalog } from '../../catalog/queries/catalog.ts';
import { documentHash } from '../../../signing/organisationSigner.ts';

async function rejects(p: Promise<unknown>, code: string, field?: string | RegExp): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, `${err.message} ${JSON.stringify(err.fields)}`);
    if (typeof field === 'string')
      assert.ok(err.fields[field], `expected an error on ${field}: ${JSON.stringify(err.fields)}`);
    if (field instanceof RegExp) assert.match(`${err.message} ${JSON.stringify(err.fields)}`, field);
    return err;
  }
  assert.fail(`expected ${code}`);
}

const program = (extra: Record<string, unknown> = {}) => ({
  name: `Educator license renewal ${unique('')}`,
  licenseName: 'Educator license',
  cycleYears: '5',
  hoursRequired: '150',
  unitRule: 'fixed',
  fixedHours: '0.5',
  capHoursPerCycle: '',
  posting: 'automatic',
  ...extra,
});

for (const backend of testBackends()) {
  describe(`recognition programs and approval (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
      const deps = { db: storage.db, clock, config: testConfig(), credentials: testCredentialServices() };
      const board = await buildOrganisation(storage.db, {
        kind: 'recognizer',
        name: `State Board ${unique('')}`,
      });
      const issuer = await buildOrganisation(storage.db, { kind: 'issuer', name: `Union ${unique('')}` });
      const officer = await buildUser(storage.db, { name: 'Olive Officer' });
      const designer = await buildUser(storage.db, { name: 'Dana Designer' });
      const staff = await buildUser(storage.db, { name: 'Ivy Issuer' });
      await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
      await addMember(storage.db, issuer.id, designer.id, ['designer']);
      await addMember(storage.db, issuer.id, staff.id, ['issuing_staff']);
      const as = (u: { id: number }) => ({ userId: u.id, ip: null });
      const word = unique('wombat');
      const mc = await publishedMicroCredential(deps, as(designer), issuer.slug, `Routines ${word}`);
      const mcId = (
        await storage.db
          .selectFrom('micro_credentials')
          .select('id')
          .where('public_id', '=', mc.publicId)
          .executeTakeFirstOrThrow()
      ).id;
      return { storage, deps, clock, board, issuer, officer, designer, staff, as, mc, mcId, word };
    }
    const auditActions = async (
      db: Awaited<ReturnType<typeof setup>>['storage']['db'],
      orgId: number,
      subjectId: string,
    ) =>
      (
        await db
          .selectFrom('audit_events')
          .select('action')
          .where('organisation_id', '=', orgId)
          .where('subject_id', '=', subjectId)
          .orderBy('id')
          .execute()
      ).map((a) => a.action);

    test('program validation: clear field errors, fixed rule needs hours, cap within the requirement; edit and archive', async () => {
      const { deps, board, issuer, officer, designer, as, storage } = await setup();
      await rejects(
        createProgram(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          ...program({ name: '', cycleYears: '0', hoursRequired: 'lots' }),
        }),
        'validation_failed',
        /Name the program[\s\S]*1 to 20 years[\s\S]*credit hours required/,
      );
      await rejects(
        createProgram(deps, { actor: as(officer), orgSlug: board.slug, ...program({ cycleYears: '25' }) }),
        'validation_failed',
        'cycleYears',
      );
      await rejects(
        createProgram(deps, { actor: as(officer), orgSlug: board.slug, ...program({ fixedHours: '' }) }),
        'validation_failed',
        'fixedHours',
      );
      await rejects(
        createProgram(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          ...program({ unitRule: 'per_badge' }),
        }),
        'validation_failed',
        'unitRule',
      );
      await rejects(
        createProgram(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          ...program({ capHoursPerCycle: '500' }),
        }),
        'validation_failed',
        'capHoursPerCycle',
      );
      await rejects(
        createProgram(deps, { actor: as(designer), orgSlug: board.slug, ...program() }),
        'not_found',
      );
      await rejects(
        createProgram(deps, { actor: as(designer), orgSlug: issuer.slug, ...program() }),
        'forbidden',
      );
      const values = program({ unitRule: 'credit_hours', fixedHours: '3', capHoursPerCycle: '10' });
      const { publicId } = await createProgram(deps, { actor: as(officer), orgSlug: board.slug, ...values });
      const row = await storage.db
        .selectFrom('recognition_programs')
        .selectAll()
        .where('public_id', '=', publicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [
          row.cycle_years,
          Number(row.hours_required),
          row.unit_rule,
          row.fixed_hours,
          Number(row.cap_hours_per_cycle),
        ],
        [5, 150, 'credit_hours', null, 10],
        'the credit-hours rule keeps no fixed hours',
      );
      await rejects(
        createProgram(deps, { actor: as(officer), orgSlug: board.slug, ...values }),
        'conflict',
        'name',
      );
      await updateProgram(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        program: publicId,
        ...values,
        unitRule: 'fixed',
        fixedHours: '0.5',
        cycleYears: '3',
      });
      const edited = await storage.db
        .selectFrom('recognition_programs')
        .selectAll()
        .where('public_id', '=', publicId)
        .executeTakeFirstOrThrow();
      assert.deepEqual([edited.cycle_years, edited.unit_rule, Number(edited.fixed_hours)], [3, 'fixed', 0.5]);
      await archiveProgram(deps, { actor: as(officer), orgSlug: board.slug, program: publicId });
      assert.deepEqual(await auditActions(storage.db, board.id, publicId), [
        'recognition.program_created',
        'recognition.program_updated',
        'recognition.program_archived',
      ]);
    });

    test('submit → request changes → revise → resubmit → approve 0.5 h; v1 approval stays with v1, v2 recognized only once approved; endorsement verifies', async () => {
      const { deps, clock, board, issuer, officer, designer, staff, as, mc, mcId, storage, word } =
        await setup();
      const { publicId: programId } = await createProgram(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        ...program(),
      });
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          statement: '',
        }),
        'validation_failed',
        'statement',
      );
      const first = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        microCredential: mc.publicId,
        statement: 'Two trained reviewers score the evidence against a published rubric.',
      });
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          statement: 'Again',
        }),
        'conflict',
        /already waiting/,
      );
      const officerMail = await storage.db
        .selectFrom('mail_outbox')
        .select(['template', 'to_address'])
        .where('template', '=', 'recognition_submitted')
        .where('to_address', '=', officer.email)
        .executeTakeFirst();
      assert.ok(officerMail, 'the recognizer’s officer is told about the submission');

      await commentOnProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: first.publicId,
        body: 'Who trains the reviewers?',
      });
      await commentOnProgramSubmission(deps, {
        actor: as(staff),
        orgSlug: issuer.slug,
        submission: first.publicId,
        body: 'Our assessment team, yearly.',
      });
      await requestSubmissionChanges(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: first.publicId,
        body: 'Add a reflection part about student outcomes.',
      });
      await rejects(
        requestSubmissionChanges(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: first.publicId,
          body: 'again',
        }),
        'conflict',
      );
      await rejects(
        approveProgramSubmission(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          submission: first.publicId,
          hours: '0.5',
        }),
        'not_found',
        undefined,
      );
      const changeMail = await storage.db
        .selectFrom('mail_outbox')
        .select(['text_body'])
        .where('template', '=', 'recognition_changes_requested')
        .where('to_address', '=', designer.email)
        .executeTakeFirstOrThrow();
      assert.match(changeMail.text_body, /student outcomes/);

      // While changes are requested nothing is recognized.
      assert.deepEqual(await recognitionsForVersion(storage.db, mcId, 1, clock.now()), []);
      // Revise with the existing designer commands: version 2.
      await reviseMicroCredential(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      await updateDraft(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
        ...completeDesign(`Routines ${word}`, { description: 'Now with a reflection on student outcomes.' }),
      });
      const loaded = await loadSubmission(storage.db, issuer.slug, designer.id, first.publicId);
      assert.equal(
        await resubmittableVersion(storage.db, loaded.submission),
        1,
        'before v2 is published, the same version can be resubmitted',
      );
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          version: '2',
          statement: 'x',
        }),
        'validation_failed',
        /draft: publish it/,
      );
      await publishDraft(deps, { actor: as(designer), orgSlug: issuer.slug, microCredentialId: mc.publicId });
      assert.equal(await resubmittableVersion(storage.db, loaded.submission), 2);
      const second = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        microCredential: mc.publicId,
        version: '2',
        statement: 'Two trained reviewers; reflection added.',
        previousSubmission: first.publicId,
      });
      const old = await storage.db
        .selectFrom('program_submissions')
        .select(['status'])
        .where('public_id', '=', first.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(old.status, 'superseded');
      const secondRow = await storage.db
        .selectFrom('program_submissions')
        .select(['previous_submission_id', 'micro_credential_version'])
        .where('public_id', '=', second.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(secondRow.micro_credential_version, 2);
      assert.ok(secondRow.previous_submission_id);

      await rejects(
        approveProgramSubmission(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: second.publicId,
          hours: 'half',
        }),
        'validation_failed',
        'hours',
      );
      await rejects(
        approveProgramSubmission(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: second.publicId,
          hours: '0.5',
          endsOn: '2020-01-01',
        }),
        'validation_failed',
        'endsOn',
      );
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: second.publicId,
        hours: '0.5',
      });
      const v2 = await recognitionsForVersion(storage.db, mcId, 2, clock.now());
      assert.deepEqual(
        v2.map((r) => [r.recognizerName, r.hoursGranted, r.licenseName]),
        [[board.name, 0.5, 'Educator license']],
      );
      assert.deepEqual(
        await recognitionsForVersion(storage.db, mcId, 1, clock.now()),
        [],
        'v1 was never approved',
      );
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          statement: 'again',
        }),
        'conflict',
        /already approved/,
      );

      // A credential for v2 carries the recognition; after revising to v3, v2's credential keeps it and v3 is not recognized.
      const credential = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: issuer.id,
        recipient: { email: 'earner@example.org' },
        microCredential: mc.publicId,
        microCredentialVersion: 2,
      });
      const credRow = await storage.db
        .selectFrom('credentials')
        .select(['micro_credential_id', 'micro_credential_version', 'pathway_id'])
        .where('public_id', '=', credential.publicId)
        .executeTakeFirstOrThrow();
      await reviseMicroCredential(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      await publishDraft(deps, { actor: as(designer), orgSlug: issuer.slug, microCredentialId: mc.publicId });
      assert.equal(
        (await recognitionsForCredential(storage.db, credRow, clock.now())).length,
        1,
        'earners of the approved version keep its recognition',
      );
      assert.deepEqual(
        await recognitionsForVersion(storage.db, mcId, 3, clock.now()),
        [],
        'the new version does not inherit the approval',
      );
      const catalog = await searchCatalog(storage.db, {
        q: word,
        recognizedBy: board.slug,
        today: '2026-03-02',
      });
      assert.equal(catalog.total, 0, 'the catalog lists v3, which is not recognized');

      // The endorsement: an OB 3.0 EndorsementCredential signed by the board, verified by Cairn's verifier.
      const endorsed = await endorseProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: second.publicId,
        comment: 'Meets the board’s standards for renewal credit.',
      });
      await rejects(
        endorseProgramSubmission(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: second.publicId,
        }),
        'conflict',
      );
      await rejects(
        endorseProgramSubmission(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          submission: second.publicId,
        }),
        'not_found',
      );
      const stored = await storage.db
        .selectFrom('endorsements')
        .selectAll()
        .where('public_id', '=', endorsed.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.sha256, documentHash(stored.document));
      const doc = JSON.parse(stored.document) as {
        type: string[];
        issuer: { id: string };
        credentialSubject: { id: string; type: string[] };
        proof: { cryptosuite: string };
      };
      assert.deepEqual(doc.type, ['VerifiableCredential', 'EndorsementCredential']);
      assert.equal(
        doc.credentialSubject.id,
        `${deps.config.publicUrl}/catalog/${issuer.slug}/${(await storage.db.selectFrom('micro_credentials').select('slug').where('id', '=', mcId).executeTakeFirstOrThrow()).slug}/v/2`,
      );
      assert.equal(doc.proof.cryptosuite, 'eddsa-rdfc-2022');
      assert.match(doc.issuer.id, new RegExp(board.slug));
      const report = await verifyWithCairn(stored.document, {
        db: storage.db,
        config: deps.config,
        services: deps.credentials,
        now: clock.now(),
      });
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      const tampered = JSON.parse(stored.document) as { credentialSubject: { endorsementComment: string } };
      tampered.credentialSubject.endorsementComment = 'Worth 50 hours';
      assert.equal(
        (
          await verifyWithCairn(JSON.stringify(tampered), {
            db: storage.db,
            config: deps.config,
            services: deps.credentials,
            now: clock.now(),
          })
        ).verified,
        false,
      );
      assert.deepEqual(
        (await endorsementsForVersion(storage.db, mcId, 2)).map((e) => e.recognizerName),
        [board.name],
      );
      assert.deepEqual(await endorsementsForVersion(storage.db, mcId, 3), []);

      const thread = await submissionThread(
        storage.db,
        (
          await storage.db
            .selectFrom('program_submissions')
            .select('id')
            .where('public_id', '=', first.publicId)
            .executeTakeFirstOrThrow()
        ).id,
      );
      assert.deepEqual(
        thread.map((t) => [t.kind, t.author_side]),
        [
          ['submitted', 'issuer'],
          ['comment', 'recognizer'],
          ['comment', 'issuer'],
          ['changes_requested', 'recognizer'],
          ['resubmitted', 'issuer'],
        ],
      );
      for (const org of [board, issuer]) {
        assert.deepEqual(await auditActions(storage.db, org.id, first.publicId), [
          'recognition.submitted',
          'recognition.commented',
          'recognition.commented',
          'recognition.changes_requested',
        ]);
        assert.deepEqual(await auditActions(storage.db, org.id, second.publicId), [
          'recognition.resubmitted',
          'recognition.approved',
          'recognition.endorsed',
        ]);
      }
      const approvedMail = await storage.db
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('template', '=', 'recognition_approved')
        .where('to_address', '=', designer.email)
        .executeTakeFirstOrThrow();
      assert.match(approvedMail.text_body, /0\.5 credit hours/);
    });

    test('pathways and stacks are submitted and approved too; own programs and foreign subjects are refused', async () => {
      const { deps, clock, board, issuer, officer, designer, as, mc, storage } = await setup();
      const { publicId: programId } = await createProgram(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        ...program({ unitRule: 'credit_hours', fixedHours: '' }),
      });
      const pathway = await createPathway(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        name: `Certificate ${unique('')}`,
        description: 'All of it.',
        requirement: { type: 'all', items: [{ type: 'microCredential', id: mc.publicId }] },
      });
      const stack = await createStack(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        name: `Stack ${unique('')}`,
        microCredentials: [mc.publicId],
      });
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: mc.publicId,
          pathway: pathway.publicId,
          statement: 'Both',
        }),
        'validation_failed',
        'microCredential',
      );
      const p = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        pathway: pathway.publicId,
        statement: 'Pathway assessed by its parts.',
      });
      const s = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        stack: stack.publicId,
        statement: 'Stack assessed by its parts.',
      });
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: p.publicId,
        hours: '3',
      });
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: s.publicId,
        hours: '2.5',
        endsOn: '2027-01-31',
      });
      const pathwayId = (
        await storage.db
          .selectFrom('pathways')
          .select('id')
          .where('public_id', '=', pathway.publicId)
          .executeTakeFirstOrThrow()
      ).id;
      const stackId = (
        await storage.db
          .selectFrom('stacks')
          .select('id')
          .where('public_id', '=', stack.publicId)
          .executeTakeFirstOrThrow()
      ).id;
      assert.deepEqual(
        (await recognitionsForPathway(storage.db, pathwayId, clock.now())).map((r) => r.hoursGranted),
        [3],
      );
      assert.deepEqual(
        (
          await recognitionsForCredential(
            storage.db,
            { micro_credential_id: null, micro_credential_version: null, pathway_id: pathwayId },
            clock.now(),
          )
        ).map((r) => r.hoursGranted),
        [3],
      );
      assert.deepEqual(
        (await recognitionsForStack(storage.db, stackId, clock.now())).map((r) => [r.hoursGranted, r.endsOn]),
        [[2.5, '2027-01-31']],
      );
      await rejects(
        endorseProgramSubmission(deps, { actor: as(officer), orgSlug: board.slug, submission: p.publicId }),
        'conflict',
        /micro-credential versions/,
      );
      // A board that is also an issuer cannot approve itself; a foreign micro-credential cannot be submitted.
      const both = await buildOrganisation(storage.db, { kind: 'both' });
      await addMember(storage.db, both.id, officer.id, ['owner']);
      const own = await createProgram(deps, { actor: as(officer), orgSlug: both.slug, ...program() });
      const foreignMc = await createMicroCredential(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        title: `Other ${unique('')}`,
      });
      await rejects(
        submitProgram(deps, {
          actor: as(officer),
          orgSlug: both.slug,
          program: own.publicId,
          microCredential: foreignMc.publicId,
          statement: 'x',
        }),
        'validation_failed',
        'program',
      );
      await rejects(
        submitProgram(deps, {
          actor: as(officer),
          orgSlug: both.slug,
          program: programId,
          microCredential: mc.publicId,
          statement: 'x',
        }),
        'validation_failed',
        'microCredential',
      );
      await rejects(
        submitProgram(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          program: programId,
          microCredential: foreignMc.publicId,
          statement: 'x',
        }),
        'validation_failed',
        /Publish the micro-credential first/,
      );
    });

    test('reject with reasons, withdraw, end date respected, catalog filter and tenancy', async () => {
      const { deps, clock, board, issuer, officer, designer, as, mc, mcId, storage, word } = await setup();
      const { publicId: programId } = await createProgram(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        ...program(),
      });
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const stranger = await buildUser(storage.db);
      await addMember(storage.db, other.id, stranger.id, ['admin']);

      const first = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        microCredential: mc.publicId,
        statement: 'Self-assessment only.',
      });
      await rejects(loadSubmission(storage.db, other.slug, stranger.id, first.publicId), 'not_found');
      await rejects(
        commentOnProgramSubmission(deps, {
          actor: as(stranger),
          orgSlug: issuer.slug,
          submission: first.publicId,
          body: 'hi',
        }),
        'not_found',
      );
      await rejects(
        rejectProgramSubmission(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: first.publicId,
          body: '',
        }),
        'validation_failed',
        'body',
      );
      await rejectProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: first.publicId,
        body: 'Self-assessment does not verify competency.',
      });
      assert.deepEqual(await recognitionsForVersion(storage.db, mcId, 1, clock.now()), []);
      const rejectedMail = await storage.db
        .selectFrom('mail_outbox')
        .select('text_body')
        .where('template', '=', 'recognition_rejected')
        .where('to_address', '=', designer.email)
        .executeTakeFirstOrThrow();
      assert.match(rejectedMail.text_body, /does not verify competency/);
      await rejects(
        withdrawProgramSubmission(deps, {
          actor: as(designer),
          orgSlug: issuer.slug,
          submission: first.publicId,
        }),
        'conflict',
      );

      const second = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        microCredential: mc.publicId,
        statement: 'Now reviewed by two assessors.',
        previousSubmission: first.publicId,
      });
      await withdrawProgramSubmission(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        submission: second.publicId,
        body: 'We will add a rubric first.',
      });
      await rejects(
        approveProgramSubmission(deps, {
          actor: as(officer),
          orgSlug: board.slug,
          submission: second.publicId,
          hours: '1',
        }),
        'conflict',
      );
      const third = await submitProgram(deps, {
        actor: as(designer),
        orgSlug: issuer.slug,
        program: programId,
        microCredential: mc.publicId,
        statement: 'Rubric added.',
      });
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: board.slug,
        submission: third.publicId,
        hours: '0.5',
        endsOn: '2026-06-30',
      });
      assert.equal(
        (await recognitionsForVersion(storage.db, mcId, 1, '2026-06-30')).length,
        1,
        'recognized through its last day',
      );
      assert.equal(
        (await recognitionsForVersion(storage.db, mcId, 1, '2026-07-01')).length,
        0,
        'not after the end date',
      );
      assert.equal(
        (await recognitionsForVersion(storage.db, mcId, 1, new Date('2026-07-01T08:00:00Z'))).length,
        0,
      );

      const filtered = await searchCatalog(storage.db, {
        q: word,
        recognizedBy: board.slug,
        today: '2026-03-02',
      });
      assert.deepEqual(
        filtered.items.map((i) => i.public_id),
        [mc.publicId],
      );
      assert.equal(
        (await searchCatalog(storage.db, { q: word, recognizedBy: board.slug, today: '2026-07-01' })).total,
        0,
        'an expired approval is not a recognition',
      );
      assert.equal(
        (await searchCatalog(storage.db, { q: word, recognizedBy: other.slug, today: '2026-03-02' })).total,
        0,
      );
      for (const org of [board, issuer]) {
        assert.deepEqual(await auditActions(storage.db, org.id, first.publicId), [
          'recognition.submitted',
          'recognition.rejected',
        ]);
        assert.deepEqual(await auditActions(storage.db, org.id, second.publicId), [
          'recognition.resubmitted',
          'recognition.withdrawn',
        ]);
      }
    });
  });
}
