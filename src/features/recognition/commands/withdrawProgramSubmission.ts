import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import {
  addMessage,
  auditBoth,
  notifySide,
  OPEN_STATUSES,
  step,
  type SubmissionStepTarget,
} from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const withdrawInput = z.object({
  body: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(10000)),
});

/** The issuer withdraws a submission that is still open. */
export async function withdrawProgramSubmission(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  const now = deps.clock.now();
  await step(deps, { actor, orgSlug, submission }, 'issuer', async (tx, s) => {
    const { body } = parseInput(withdrawInput, input);
    if (!OPEN_STATUSES.includes(s.status))
      throw conflict(commandMessage(`errors.recognition.decide.notWithdrawable.${s.status}`));
    await tx
      .updateTable('program_submissions')
      .set({ status: 'withdrawn', updated_at: now })
      .where('id', '=', s.id)
      .execute();
    await addMessage(tx, s.id, actor, 'issuer', 'withdrawn', body, now, { kind: 'withdrawn' });
    await auditBoth(tx, s, actor, 'withdrawn', {}, now);
    await notifySide(deps, tx, s, 'recognizer', 'withdrawn', actor.userId, body || null, now);
  });
}
