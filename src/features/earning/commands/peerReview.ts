import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { rubricPasses, type Rubric } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { primaryEmail, findUser } from '../../../storage/users.ts';
import { enqueueJob } from '../../../jobs/queue.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { reviewDecisionMail } from '../../../mail/templates.tsx';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';

export const ISSUE_PASSED_APPLICATION = 'applications.issue';

export const reviewInput = z.object({
  scores: z.record(z.string(), z.string()),
  feedback: z.record(z.string(), z.string().trim().max(5000)).default({}),
  overallFeedback: z.string().trim().min(1, 'Write overall feedback for the earner.').max(10000),
  decision: z.enum(['passed', 'needs_revision'], { message: 'Decide: pass or needs revision.' }),
});

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
      'p.organisation_id',
      'p.earner_user_id',
      'v.rubric',
      'v.title',
    ])
    .where('a.public_id', '=', attemptPublicId)
    .where('a.reviewer_user_id', '=', reviewerUserId)
    .executeTakeFirst();
  if (!row) throw notFound('That submission');
  return row;
}

/**
 * Records a peer review: every rubric criterion scored, feedback, and a decision that must
 * agree with the rubric's pass rule. A pass enqueues the signed credential; either way the
 * earner is emailed.
 */
export async function reviewAttempt(
  deps: CommandDeps,
  actor: Actor,
  attemptPublicId: string,
  input: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Only the assigned reviewer gets this far; everyone else finds nothing, whatever they sent.
    const attempt = await assignedAttempt(tx, actor.userId, attemptPublicId);
    const v = parseInput(reviewInput, input);
    if (attempt.decision) throw conflict('This submission has already been reviewed.');
    const app = await tx
      .selectFrom('applications')
      .select('status')
      .where('id', '=', attempt.application_id)
      .executeTakeFirstOrThrow();
    if (!['submitted', 'in_review'].includes(app.status))
      throw conflict('The earner withdrew this application.');
    const rubric = attempt.rubric as Rubric;
    const fields: Record<string, string> = {};
    for (const c of rubric.criteria) {
      const level = v.scores[c.id];
      if (!level || !rubric.levels.some((l) => l.id === level))
        fields[`scores.${c.id}`] = `Score “${c.name}”.`;
    }
    if (Object.keys(fields).length)
      throw new AppError('validation_failed', 'Score every criterion of the rubric.', fields);
    const passes = rubricPasses(rubric, v.scores);
    if (passes !== (v.decision === 'passed')) {
      throw new AppError(
        'validation_failed',
        passes
          ? 'These scores meet the rubric’s pass rule, so the decision must be “pass”.'
          : 'These scores do not meet the rubric’s pass rule, so the decision must be “needs revision”.',
        { decision: 'The decision contradicts the scores.' },
      );
    }
    await tx
      .updateTable('attempts')
      .set({
        decision: v.decision,
        scores: JSON.stringify(v.scores),
        feedback: JSON.stringify(v.feedback),
        overall_feedback: v.overallFeedback,
        reviewed_at: now,
      })
      .where('id', '=', attempt.id)
      .execute();
    await tx
      .updateTable('applications')
      .set({ status: passes ? 'passed' : 'needs_revision', passed_at: passes ? now : null, updated_at: now })
      .where('id', '=', attempt.application_id)
      .execute();
    if (passes)
      await enqueueJob(tx, ISSUE_PASSED_APPLICATION, { applicationId: attempt.application_id }, now, {
        idempotencyKey: `issue:${attempt.application_public_id}`,
        organisationId: attempt.organisation_id,
      });
    const earner = await findUser(tx, attempt.earner_user_id);
    const address = await primaryEmail(tx, attempt.earner_user_id);
    if (earner && address) {
      await queueMail(
        tx,
        address.email,
        reviewDecisionMail({
          name: earner.name,
          title: attempt.title,
          passed: passes,
          link: appLink(deps.config, `/applications/${attempt.application_public_id}`),
        }),
        now,
        { organisationId: attempt.organisation_id },
      );
    }
    await recordAudit(
      tx,
      {
        organisationId: attempt.organisation_id,
        actorUserId: actor.userId,
        action: passes ? 'review.passed' : 'review.needs_revision',
        subjectType: 'application',
        subjectId: attempt.application_public_id,
        data: { attempt: attempt.number },
        ip: actor.ip,
      },
      now,
    );
  });
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
