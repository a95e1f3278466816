import { z } from 'zod';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../../accounts/index.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { assignSubmission, organisationReviewer, organisationSubmission } from '../queries/reviewQueue.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const reassignReviewerInput = z.object({
  orgSlug: z.string().min(1),
  attempt: z.string().min(1),
  /**
   * The new reviewer's public user id. Anything else reads as "no one", refused after the
   * permission check: a caller who may not reassign learns nothing from what they sent.
   */
  reviewer: z.unknown().transform((x) => (typeof x === 'string' ? x : '')),
});

const NOT_ELIGIBLE = () => commandMessage('errors.earning.review.notEligible');

/**
 * Issuer staff give a waiting submission to another reviewer of the organisation (never the
 * earner). The change and its audit entry are one transaction.
 */
export async function reassignReviewer(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; attempt: string }>,
): Promise<void> {
  const v = parseInput(reassignReviewerInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, v.orgSlug, actor.userId, 'applications.read');
    const attempt = await organisationSubmission(tx, organisation.id, v.attempt);
    if (!attempt) throw notFound('submission');
    if (attempt.decision) throw conflict(commandMessage('errors.earning.review.reviewedAlready'));
    const reviewer = await organisationReviewer(tx, organisation.id, v.reviewer);
    if (!reviewer || reviewer.id === attempt.earner_user_id)
      throw invalid({ reviewer: NOT_ELIGIBLE() }, NOT_ELIGIBLE());
    await assignSubmission(tx, attempt.id, reviewer.id, now);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'review.reassigned',
        subjectType: 'application',
        subjectId: attempt.public_id,
        data: { to: reviewer.id },
        ip: actor.ip,
      },
      now,
    );
  });
}
