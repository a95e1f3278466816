import { z } from 'zod';
import { invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { isoDate } from '../queries/recognition.ts';
import { decide, type SubmissionStepTarget } from './submissionSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const approveInput = z.object({
  hours: z.preprocess(
    (v) =>
      v === '' || v === undefined || v === null
        ? undefined
        : typeof v === 'string'
          ? Number(v.trim().replace(',', '.'))
          : v,
    z
      .number({ message: commandMessage('errors.recognition.decide.hoursGranted') })
      .min(0, commandMessage('errors.recognition.decide.hoursGrantedNegative'))
      .max(1000, commandMessage('errors.recognition.decide.hoursGrantedMax'))
      .multipleOf(0.01, commandMessage('errors.recognition.decide.twoDecimals')),
  ),
  endsOn: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, commandMessage('errors.recognition.decide.endsOnFormat'))
      .refine(
        (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)),
        commandMessage('errors.recognition.notADate'),
      )
      .optional(),
  ),
  body: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(10000)),
});

/** An officer approves: the credit hours granted and an optional last day of the approval. */
export async function approveProgramSubmission(
  deps: CommandDeps,
  { actor, orgSlug, submission, ...input }: SubmissionStepTarget & Record<string, unknown>,
): Promise<void> {
  await decide(deps, { actor, orgSlug, submission }, 'approved', () => {
    const v = parseInput(approveInput, input);
    if (v.endsOn && v.endsOn < isoDate(deps.clock.now()))
      throw invalid({ endsOn: commandMessage('errors.recognition.decide.endsOnPast') });
    // The officer's note as written; without one, the thread notes the approval's facts.
    return {
      body: v.body,
      facts: { kind: 'approved', hours: v.hours, endsOn: v.endsOn ?? null },
      hours: v.hours,
      endsOn: v.endsOn ?? null,
    };
  });
}
