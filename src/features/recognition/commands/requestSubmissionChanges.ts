import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { decide, stepText, type SubmissionStepTarget } from './submissionSteps.ts';

export const requestChangesInput = z.object({ body: stepText('Say what needs to change.') });

/** An officer sends the submission back to the issuer with the changes needed. */
export async function requestSubmissionChanges(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  await decide(deps, { actor, orgSlug, submission }, 'changes_requested', () =>
    parseInput(requestChangesInput, input),
  );
}
