import type { Queryable } from '../../../storage/database.ts';

/**
 * Submissions of an organisation waiting for a peer review, oldest first, with their reviewer.
 * Proof-of-completion applications are decided by staff under "Proof & fees", not here.
 */
export function waitingSubmissions(db: Queryable, organisationId: number, mcPublicId?: string) {
  let q = db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('micro_credentials as m', 'm.id', 'p.micro_credential_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .leftJoin('users as u', 'u.id', 'a.reviewer_user_id')
    .select([
      'a.public_id',
      'a.number',
      'a.submitted_at',
      'a.assigned_at',
      'v.title',
      'm.public_id as mc',
      'u.public_id as reviewer',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('a.decision', 'is', null)
    .where('v.earning_mode', '!=', 'proof_of_completion')
    .orderBy('a.submitted_at');
  if (mcPublicId) q = q.where('m.public_id', '=', mcPublicId);
  return q.execute();
}

/** The members of an organisation holding the reviewer role, by name. */
export function organisationReviewers(db: Queryable, organisationId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.public_id', 'u.name'])
    .where('m.organisation_id', '=', organisationId)
    .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
    .orderBy('u.name')
    .execute();
}

/** An organisation's micro-credentials with their catalog titles, for the queue's filter. */
export function organisationMicroCredentials(db: Queryable, organisationId: number) {
  return db
    .selectFrom('micro_credentials as m')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 'm.id')
    .select(['m.public_id', 'e.title'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('e.title')
    .execute();
}

/** One submission of an organisation, for reassignment; undefined when it is not theirs. */
export function organisationSubmission(db: Queryable, organisationId: number, attemptPublicId: string) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .select(['a.id', 'a.decision', 'a.reviewer_user_id', 'p.earner_user_id', 'p.public_id'])
    .where('a.public_id', '=', attemptPublicId)
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/** A reviewer of the organisation by their public id; undefined when they are not one. */
export function organisationReviewer(db: Queryable, organisationId: number, userPublicId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.public_id'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.public_id', '=', userPublicId)
    .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
    .executeTakeFirst();
}

/** Gives a submission to a reviewer from now on. */
export async function assignSubmission(
  db: Queryable,
  attemptId: number,
  reviewerUserId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('attempts')
    .set({ reviewer_user_id: reviewerUserId, assigned_at: now })
    .where('id', '=', attemptId)
    .execute();
}
