import { z } from 'zod';
import { emailSchema } from '../domain/accounts.ts';
import { parseInput } from '../domain/validation.ts';
import { issueCredential, type IssuedCredential, type IssuingActor } from './issueCredential.ts';
import type { CommandDeps } from './context.ts';
import type { CredentialServices } from '../credentials/issuing.ts';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-05-01.')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'That is not a calendar date.');

/** The award of one micro-credential to one person, in the words of the issue form. */
export const awardInput = z.object({
  email: emailSchema,
  microCredential: z.string().trim().min(1, 'Name the micro-credential (its id, mc_…).'),
  narrative: z.string().trim().max(20000).optional(),
  evidenceUrl: z.string().trim().url('Use a full web address (https://…).').optional(),
  creditsEarned: z.number().nonnegative().max(10000).optional(),
  issuedOn: isoDate.optional(),
  formats: z.array(z.enum(['ldp', 'jwt', 'jwt-rs256'])).optional(),
});

/** An award in issue-form words → the issuing command's input (evidence, credits, issue date). */
export function awardToIssueInput(award: z.infer<typeof awardInput>): Record<string, unknown> {
  const evidence = award.narrative || award.evidenceUrl ? [{ ...(award.evidenceUrl ? { id: award.evidenceUrl } : {}), ...(award.narrative ? { narrative: award.narrative } : {}) }] : undefined;
  return {
    recipient: { email: award.email },
    microCredential: award.microCredential,
    evidence,
    creditsEarned: award.creditsEarned,
    validFrom: award.issuedOn ? `${award.issuedOn}T00:00:00Z` : undefined,
    formats: award.formats,
  };
}

/** Awards a published micro-credential to a person by email (the form, the JSON API and `cairn issue` share it). */
export function awardCredential(deps: CommandDeps & { credentials: CredentialServices }, actor: IssuingActor, input: unknown): Promise<IssuedCredential> {
  return issueCredential(deps, actor, awardToIssueInput(parseInput(awardInput, input)));
}
