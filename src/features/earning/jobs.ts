import { issuePassedApplication, applicationsSweep } from './jobTypes.ts';
import { issueCredential, systemActor } from '../issuing/index.ts';
import { rubricPasses, type Rubric } from '../catalog/index.ts';
import { primaryEmail } from '../../storage/users.ts';
import { sweepApplications } from './commands/sweepApplications.ts';
import { defineJob, PermanentJobError } from '../../jobs/definition.ts';

/**
 * Issues the signed credential for a passed application: the exact version applied to, the
 * rubric outcome as results, the evidence links. Idempotent: an application gets one credential.
 */
export const issuePassedApplicationJob = defineJob({
  ...issuePassedApplication,
  async handle({ applicationId }, deps) {
    if (!deps.credentials) throw new PermanentJobError('This worker has no credential services');
    const { db } = deps;
    const app = await db
      .selectFrom('applications as p')
      .innerJoin('micro_credentials as m', 'm.id', 'p.micro_credential_id')
      .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
      .select([
        'p.id',
        'p.status',
        'p.credential_id',
        'p.organisation_id',
        'p.earner_user_id',
        'p.created_at',
        'p.passed_at',
        'm.public_id as mc_public_id',
        'v.version',
        'v.rubric',
        'v.credit_hours',
      ])
      .where('p.id', '=', applicationId)
      .executeTakeFirst();
    if (!app) throw new PermanentJobError(`Application ${applicationId} does not exist`);
    if (app.credential_id || app.status !== 'passed') return;
    const address = await primaryEmail(db, app.earner_user_id);
    if (!address) throw new PermanentJobError('The earner has no email address');
    const last = await db
      .selectFrom('attempts')
      .selectAll()
      .where('application_id', '=', app.id)
      .where('decision', '=', 'passed')
      .orderBy('number', 'desc')
      .executeTakeFirstOrThrow();
    const rubric = app.rubric as Rubric;
    const scores = last.scores ?? {};
    const evidence = (last.evidence as Array<{ link: string | null; text: string | null }>)
      .filter((e) => e.link)
      .map((e) => ({ id: e.link!, name: 'Evidence' }));
    const issued = await issueCredential(
      { ...deps, credentials: deps.credentials },
      {
        actor: systemActor('applications.issue'),
        organisationId: app.organisation_id,
        // Issued to the applicant's own account: accepted at once, and "You earned …" is the only email.
        acceptedByUserId: app.earner_user_id,
        recipient: { email: address.email },
        microCredential: app.mc_public_id,
        microCredentialVersion: app.version,
        creditsEarned: app.credit_hours === null ? undefined : Number(app.credit_hours),
        // A certificate of completion approved by staff has no rubric (proof_of_completion).
        results: [
          {
            status: 'Completed',
            value: !Array.isArray(rubric.criteria)
              ? 'Certificate of completion approved'
              : rubricPasses(rubric, scores)
                ? `Passed on attempt ${last.number}`
                : undefined,
          },
        ],
        evidence: evidence.length ? evidence : undefined,
        activityStartDate: `${app.created_at.toISOString().slice(0, 19)}Z`,
        activityEndDate: app.passed_at ? `${app.passed_at.toISOString().slice(0, 19)}Z` : undefined,
      },
    );
    const row = await db
      .selectFrom('credentials')
      .select('id')
      .where('public_id', '=', issued.publicId)
      .executeTakeFirstOrThrow();
    await db.updateTable('applications').set({ credential_id: row.id }).where('id', '=', app.id).execute();
  },
});

/** Reminders, expiry and reassignment of stale reviews (hourly). */
export const sweepApplicationsJob = defineJob({
  ...applicationsSweep,
  async handle(_payload, deps) {
    await sweepApplications(deps);
  },
});

export const earningSchedules = [
  { name: 'applications-sweep', jobType: applicationsSweep.type, everySeconds: 3600 },
];
