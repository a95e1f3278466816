import { z } from 'zod';
import { invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { replaceReviewerPool, reviewersAmong } from '../queries/designs.ts';
import { designableMicroCredential, onMicroCredential, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

/** Who may review a micro-credential's submissions (member public ids). */
export const reviewerPoolInput = onMicroCredential.extend({ reviewers: z.array(z.string()).max(500) });

/** Sets a micro-credential's reviewer pool (members with the reviewer role); empty = every reviewer. */
export async function setReviewerPool(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredentialId: string }>,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designableMicroCredential(tx, actor, input);
    const { reviewers } = parseInput(reviewerPoolInput, input);
    const members = await reviewersAmong(tx, organisation.id, reviewers);
    if (members.length !== new Set(reviewers).size)
      throw invalid({ reviewers: catalogMessage('reviewerPool') });
    await replaceReviewerPool(
      tx,
      mc.id,
      members.map((m) => m.id),
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.reviewer_pool_set',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { reviewers: reviewers.length },
        ip: actor.ip,
      },
      now,
    );
  });
}
