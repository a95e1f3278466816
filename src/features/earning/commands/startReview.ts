import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { assignedAttempt, markInReview } from '../queries/peerReview.ts';

export const startReviewInput = z.object({ attempt: z.string() });

/**
 * The assigned reviewer starts reviewing a submission: its earner then sees "in review".
 * Nothing changes for a submission already in review or decided.
 */
export async function startReview(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ attempt: string }>,
): Promise<{ started: boolean }> {
  const v = parseInput(startReviewInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const attempt = await assignedAttempt(tx, actor.userId, v.attempt);
    if (attempt.decision) return { started: false };
    return { started: await markInReview(tx, attempt.application_id, now) };
  });
}
