import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { rubricPasses, type Rubric } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireActor } from '../../accounts/index.ts';
import { teammatesOf } from '../teams/teams.ts';
import type { CommandDeps, OrganisationActor } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/**
 * Asks a second reviewer to score an already reviewed attempt blind, for calibration: never the
 * first reviewer, the earner or a teammate. The earner's outcome does not change.
 */
export const requestSecondReviewInput = z.object({ orgSlug: z.string(), attempt: z.string() });

export async function requestSecondReview(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; attempt: string }, OrganisationActor>,
): Promise<{ publicId: string }> {
  const { orgSlug, attempt: attemptPublicId } = parseInput(requestSecondReviewInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireActor(tx, orgSlug, actor, 'applications.manage');
    const attempt = await tx
      .selectFrom('attempts as a')
      .innerJoin('applications as p', 'p.id', 'a.application_id')
      .select([
        'a.id',
        'a.decision',
        'a.reviewer_user_id',
        'p.earner_user_id',
        'p.micro_credential_id',
        'p.public_id',
      ])
      .where('a.public_id', '=', attemptPublicId)
      .where('p.organisation_id', '=', organisation.id)
      .executeTakeFirst();
    if (!attempt) throw notFound('submission');
    if (!attempt.decision) throw conflict(commandMessage('errors.earning.review.calibrateReviewed'));
    const excluded = [
      attempt.earner_user_id,
      attempt.reviewer_user_id ?? -1,
      ...(await teammatesOf(tx, attempt.earner_user_id)),
    ];
    const other = await tx
      .selectFrom('memberships as m')
      .select('m.user_id')
      .where('m.organisation_id', '=', organisation.id)
      .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
      .where('m.user_id', 'not in', excluded)
      .orderBy('m.user_id')
      .executeTakeFirst();
    if (!other) throw conflict(commandMessage('errors.earning.review.noSecondReviewer'));
    const row = await tx
      .insertInto('second_reviews')
      .values({
        public_id: publicId('cal'),
        attempt_id: attempt.id,
        reviewer_user_id: other.user_id,
        requested_by: actor.userId,
        requested_at: now,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'review.second_requested',
        subjectType: 'application',
        subjectId: attempt.public_id,
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id };
  });
}

/** The second review a reviewer is assigned, with the evidence and rubric (not the first review). */
export async function assignedSecondReview(db: Queryable, userId: number, publicIdOf: string) {
  const row = await db
    .selectFrom('second_reviews as s')
    .innerJoin('attempts as a', 'a.id', 's.attempt_id')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      's.id',
      's.public_id',
      's.decision as second_decision',
      'a.evidence',
      'a.decision as first_decision',
      'v.rubric',
      'v.title',
      'p.organisation_id',
      'p.public_id as application',
    ])
    .where('s.public_id', '=', publicIdOf)
    .where('s.reviewer_user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('calibrationReview');
  return row;
}

/** A second reviewer's scores and decision. */
export const secondReviewInput = z.object({
  scores: z.record(z.string(), z.string()),
  decision: z.enum(['passed', 'needs_revision']),
});
const onSecondReview = z.object({ secondReview: z.string() });

/** Records the calibration review (rubric-consistent); reports whether it agrees with the first. */
export async function submitSecondReview(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ secondReview: string }>,
): Promise<{ agrees: boolean }> {
  const { secondReview: secondPublicId } = parseInput(onSecondReview, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Only the assigned second reviewer gets this far; everyone else finds nothing, whatever they sent.
    const s = await assignedSecondReview(tx, actor.userId, secondPublicId);
    const v = parseInput(secondReviewInput, input);
    if (s.second_decision) throw conflict(commandMessage('errors.earning.review.calibrationDone'));
    const rubric = s.rubric as Rubric;
    if (rubric.criteria.some((c) => !rubric.levels.some((l) => l.id === v.scores[c.id])))
      throw new AppError('validation_failed', commandMessage('errors.earning.review.scoreEvery'));
    if (rubricPasses(rubric, v.scores) !== (v.decision === 'passed'))
      throw new AppError('validation_failed', commandMessage('errors.earning.review.contradicts'), {
        decision: commandMessage('errors.earning.review.contradicts'),
      });
    await tx
      .updateTable('second_reviews')
      .set({ scores: JSON.stringify(v.scores), decision: v.decision, reviewed_at: now })
      .where('id', '=', s.id)
      .execute();
    const agrees = v.decision === s.first_decision;
    await recordAudit(
      tx,
      {
        organisationId: s.organisation_id,
        actorUserId: actor.userId,
        action: 'review.second_recorded',
        subjectType: 'application',
        subjectId: s.application,
        data: { agrees },
        ip: actor.ip,
      },
      now,
    );
    return { agrees };
  });
}

/** How often second reviews agreed with first ones, for an organisation. */
export async function calibrationAgreement(
  db: Queryable,
  organisationId: number,
): Promise<{ reviewed: number; agreed: number }> {
  const rows = await db
    .selectFrom('second_reviews as s')
    .innerJoin('attempts as a', 'a.id', 's.attempt_id')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .select(['s.decision', 'a.decision as first'])
    .where('p.organisation_id', '=', organisationId)
    .where('s.decision', 'is not', null)
    .execute();
  return { reviewed: rows.length, agreed: rows.filter((r) => r.decision === r.first).length };
}
