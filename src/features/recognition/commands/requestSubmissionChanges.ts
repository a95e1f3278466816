import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { decide, stepText, type SubmissionStepTarget } from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const requestChangesInput = z.object({
  body: stepText(commandMessage('errors.recognition.decide.changesNeeded')),
});

/** An officer sends the submission back to the issuer with the changes needed. */
export async function requestSubmissionChanges(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  await decide(deps, { actor, orgSlug, submission }, 'changes_requested', () =>
    parseInput(requestChangesInput, input),
  );
}
