import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import {
  addMessage,
  auditBoth,
  notifySide,
  step,
  stepText,
  type SubmissionStepTarget,
} from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const commentInput = z.object({
  body: stepText(commandMessage('errors.recognition.decide.writeComment')),
});

/** Either side adds a comment to the thread; the other side is told. */
export async function commentOnProgramSubmission(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  const now = deps.clock.now();
  await step(deps, { actor, orgSlug, submission }, 'either', async (tx, s, who) => {
    if (who.side === 'recognizer') who.require('recognition.manage');
    const { body } = parseInput(commentInput, input);
    await addMessage(tx, s.id, actor, who.side, 'comment', body, now);
    await auditBoth(tx, s, actor, 'commented', { side: who.side }, now);
    const other = who.side === 'issuer' ? 'recognizer' : 'issuer';
    await notifySide(deps, tx, s, other, 'comment', actor.userId, body, now);
  });
}
