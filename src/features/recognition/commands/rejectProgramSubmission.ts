import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { decide, stepText, type SubmissionStepTarget } from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const rejectSubmissionInput = z.object({
  body: stepText(commandMessage('errors.recognition.decide.rejectReasons')),
});

/** An officer rejects the submission with reasons. */
export async function rejectProgramSubmission(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  await decide(deps, { actor, orgSlug, submission }, 'rejected', () =>
    parseInput(rejectSubmissionInput, input),
  );
}
