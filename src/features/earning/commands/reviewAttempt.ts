import { z } from 'zod';
import { AppError, conflict } from '../../../domain/errors.ts';
import { rubricPasses, type Rubric } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { primaryEmail, findUser } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { reviewDecisionMail } from '../mail.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { issuePassedApplication } from '../jobTypes.ts';
import { applicationStatus, assignedAttempt, recordReviewDecision } from '../queries/peerReview.ts';
import { earningPaths } from '../paths.ts';
import { isLocale } from '../../../web/i18n/i18n.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Which submission is reviewed: parsed first, before anything else is looked at. */
export const reviewKey = z.object({ attempt: z.string() });

export const reviewInput = z.object({
  scores: z.record(z.string(), z.string()),
  feedback: z.record(z.string(), z.string().trim().max(5000)).default({}),
  overallFeedback: z
    .string()
    .trim()
    .min(1, commandMessage('errors.earning.review.overallFeedback'))
    .max(10000),
  decision: z.enum(['passed', 'needs_revision'], { message: commandMessage('errors.earning.review.decide') }),
});

/** Field errors for criteria left unscored (or scored with a level the rubric does not have). */
function unscored(rubric: Rubric, scores: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const c of rubric.criteria) {
    const level = scores[c.id];
    if (!level || !rubric.levels.some((l) => l.id === level))
      fields[`scores.${c.id}`] = commandMessage('errors.earning.review.scoreCriterion', {
        criterion: c.name,
      });
  }
  return fields;
}

/** The decision must agree with the rubric's pass rule; returns whether the scores pass. */
function checkDecision(rubric: Rubric, v: z.output<typeof reviewInput>): boolean {
  const fields = unscored(rubric, v.scores);
  if (Object.keys(fields).length)
    throw new AppError('validation_failed', commandMessage('errors.earning.review.scoreEvery'), fields);
  const passes = rubricPasses(rubric, v.scores);
  if (passes !== (v.decision === 'passed'))
    throw new AppError(
      'validation_failed',
      passes
        ? commandMessage('errors.earning.review.mustPass')
        : commandMessage('errors.earning.review.mustRevise'),
      { decision: commandMessage('errors.earning.review.contradicts') },
    );
  return passes;
}

/**
 * Records a peer review: every rubric criterion scored, feedback, and a decision that must
 * agree with the rubric's pass rule. A pass enqueues the signed credential; either way the
 * earner is emailed.
 */
export async function reviewAttempt(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ attempt: string }>,
): Promise<void> {
  const key = parseInput(reviewKey, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Only the assigned reviewer gets this far; everyone else finds nothing, whatever they sent.
    const attempt = await assignedAttempt(tx, actor.userId, key.attempt);
    const v = parseInput(reviewInput, input);
    if (attempt.decision) throw conflict(commandMessage('errors.earning.review.alreadyReviewed'));
    if (!['submitted', 'in_review'].includes(await applicationStatus(tx, attempt.application_id)))
      throw conflict(commandMessage('errors.earning.review.withdrawn'));
    const passes = checkDecision(attempt.rubric as Rubric, v);
    await recordReviewDecision(
      tx,
      { attemptId: attempt.id, applicationId: attempt.application_id, ...v },
      now,
    );
    if (passes)
      await issuePassedApplication.enqueue(tx, { applicationId: attempt.application_id }, now, {
        idempotencyKey: `issue:${attempt.application_public_id}`,
        organisationId: attempt.organisation_id,
      });
    const earner = await findUser(tx, attempt.earner_user_id);
    const address = await primaryEmail(tx, attempt.earner_user_id);
    if (earner && address) {
      const link = appLink(deps.config, earningPaths.application(attempt.application_public_id));
      await queueMail(
        tx,
        address.email,
        // In the language the earner chose (users.locale), else English.
        reviewDecisionMail({
          name: earner.name,
          title: attempt.title,
          passed: passes,
          link,
          ...(isLocale(earner.locale) ? { locale: earner.locale } : {}),
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
