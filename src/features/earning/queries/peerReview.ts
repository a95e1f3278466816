import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';

/** The attempt a reviewer is assigned to, with its rubric; not_found for anyone else. */
export async function assignedAttempt(db: Queryable, reviewerUserId: number, attemptPublicId: string) {
  const row = await db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      'a.id',
      'a.public_id',
      'a.number',
      'a.decision',
      'a.evidence',
      'a.reviewer_user_id',
      'p.id as application_id',
      'p.public_id as application_public_id',
      'p.status as application_status',
      'p.organisation_id',
      'p.earner_user_id',
      'v.rubric',
      'v.title',
    ])
    .where('a.public_id', '=', attemptPublicId)
    .where('a.reviewer_user_id', '=', reviewerUserId)
    .executeTakeFirst();
  if (!row) throw notFound('submission');
  return row;
}

/** A reviewer's queue: the submissions assigned to them and not yet decided, oldest first. */
export function reviewQueue(db: Queryable, reviewerUserId: number) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select(['a.public_id', 'a.number', 'a.submitted_at', 'v.title'])
    .where('a.reviewer_user_id', '=', reviewerUserId)
    .where('a.decision', 'is', null)
    .orderBy('a.submitted_at')
    .execute();
}

/** An application's status now (read inside the reviewing transaction). */
export async function applicationStatus(db: Queryable, applicationId: number) {
  const row = await db
    .selectFrom('applications')
    .select('status')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** Marks a submitted application "in review"; returns whether it changed. */
export async function markInReview(db: Queryable, applicationId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('applications')
    .set({ status: 'in_review', updated_at: now })
    .where('id', '=', applicationId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores a peer review's scores, feedback and decision on the attempt and the application. */
export async function recordReviewDecision(
  db: Queryable,
  review: {
    attemptId: number;
    applicationId: number;
    decision: 'passed' | 'needs_revision';
    scores: Record<string, string>;
    feedback: Record<string, string>;
    overallFeedback: string;
  },
  now: Date,
): Promise<void> {
  const passes = review.decision === 'passed';
  await db
    .updateTable('attempts')
    .set({
      decision: review.decision,
      scores: JSON.stringify(review.scores),
      feedback: JSON.stringify(review.feedback),
      overall_feedback: review.overallFeedback,
      reviewed_at: now,
    })
    .where('id', '=', review.attemptId)
    .execute();
  await db
    .updateTable('applications')
    .set({ status: passes ? 'passed' : 'needs_revision', passed_at: passes ? now : null, updated_at: now })
    .where('id', '=', review.applicationId)
    .execute();
}
