import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { ManualClock } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { Worker } from '../../../jobs/worker.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import { ledgerJobs } from '../../credit/jobs.ts';
import { linkLicense } from '../../credit/commands/linkLicense.ts';
import { decideLicense } from '../../credit/commands/decideLicense.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { createProgram } from './createProgram.ts';
import { submitProgram } from './submitProgram.ts';
import { approveProgramSubmission } from './approveProgramSubmission.ts';
import { endorseProgramSubmission } from './endorseProgramSubmission.ts';
import { withdrawProgramSubmission } from './withdrawProgramSubmission.ts';
import { loadSubmission } from './submissionAccess.ts';
import { openPrograms } from '../queries/programs.ts';

// Program A: a council of kind "both" counts its own CE badges toward its own recertification
// program. The self-submission goes through the same approval by its recognition officers (never
// by whoever submitted it), and the credit then reaches the therapist's license like any other.
for (const backend of testBackends()) {
  describe(`self-recognition by an organisation of kind "both" (${backend.name})`, () => {
    test('own badge submitted to own program, approved by another officer, credit posted to the license', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-11-24T09:00:00Z'));
      const deps = { db: storage.db, clock, config: testConfig(), credentials: testCredentialServices() };
      const council = await buildOrganisation(storage.db, { kind: 'both', name: `Council ${unique('')}` });
      const [owner, officer, staff, therapist] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, council.id, owner.id, ['owner']);
      await addMember(storage.db, council.id, officer.id, ['recognition_officer']);
      await addMember(storage.db, council.id, staff.id, ['designer', 'issuing_staff']);
      const as = (u: { id: number }) => ({ userId: u.id, ip: null });
      const mc = await publishedMicroCredential(deps, as(staff), council.slug, `Ethics ${unique('')}`);
      const { publicId: program } = await createProgram(deps, {
        actor: as(officer),
        orgSlug: council.slug,
        name: `Recertification ${unique('')}`,
        licenseName: 'Certified therapist',
        cycleYears: 2,
        hoursRequired: 24,
        unitRule: 'fixed',
        fixedHours: 1.5,
        posting: 'automatic',
      });
      assert.ok(
        (await openPrograms(storage.db, council.id)).some((p) => p.public_id === program),
        'the submit form offers the organisation its own program',
      );

      // The owner submits; the owner may not decide their own submission, another officer does.
      const { publicId: submission } = await submitProgram(deps, {
        actor: as(owner),
        orgSlug: council.slug,
        program,
        microCredential: mc.publicId,
        statement: 'Certificates are checked against the provider’s roster.',
      });
      const seen = await loadSubmission(storage.db, council.slug, owner.id, submission);
      assert.deepEqual(seen.sides, ['recognizer', 'issuer'], 'the owner acts for both sides');
      await assert.rejects(
        approveProgramSubmission(deps, { actor: as(owner), orgSlug: council.slug, submission, hours: 1.5 }),
        (e: unknown) =>
          e instanceof AppError && e.code === 'forbidden' && /another recognition officer/.test(e.message),
      );
      await approveProgramSubmission(deps, {
        actor: as(officer),
        orgSlug: council.slug,
        submission,
        hours: 1.5,
      });
      await assert.rejects(
        endorseProgramSubmission(deps, { actor: as(officer), orgSlug: council.slug, submission }),
        (e: unknown) => e instanceof AppError && e.code === 'conflict',
        'an organisation does not endorse itself',
      );
      await assert.rejects(
        withdrawProgramSubmission(deps, { actor: as(staff), orgSlug: council.slug, submission }),
        (e: unknown) => e instanceof AppError && e.code === 'conflict',
        'the issuer side still acts on its submission (approved: nothing to withdraw)',
      );
      const audit = await storage.db
        .selectFrom('audit_events')
        .select(['action', 'data'])
        .where('organisation_id', '=', council.id)
        .where('subject_id', '=', submission)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['recognition.submitted', 'recognition.approved'],
        'one audit entry per step in the one organisation’s log',
      );
      assert.equal((audit[0]!.data as { self?: boolean }).self, true);

      // The therapist's license on the program, confirmed; the badge issued; the credit posted.
      const { publicId: license } = await linkLicense(deps, {
        actor: as(therapist),
        program,
        licenseNumber: `CAT-${unique('')}`,
        cycleStart: '2025-07-01',
      });
      await decideLicense(deps, { actor: as(officer), orgSlug: council.slug, license, decision: 'confirm' });
      await issueCredential(deps, {
        actor: as(staff),
        organisationId: council.id,
        recipient: { email: therapist.email },
        microCredential: mc.publicId,
      });
      const worker = new Worker({
        deps: { db: storage.db, clock, logger: silentLogger, mailer: outboxOnlyMailer, config: deps.config },
        jobs: ledgerJobs as JobDefinition<unknown>[],
        concurrency: 1,
        pollMs: 20,
      });
      await worker.drain();
      const credit = await storage.db
        .selectFrom('credit_entries as e')
        .innerJoin('license_records as l', 'l.id', 'e.license_record_id')
        .select(['e.hours', 'e.kind'])
        .where('l.public_id', '=', license)
        .execute();
      assert.deepEqual(
        credit.map((c) => [Number(c.hours), c.kind]),
        [[1.5, 'credit']],
      );
    });
  });
}
