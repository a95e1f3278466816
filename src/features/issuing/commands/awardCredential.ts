import { z } from 'zod';
import { emailSchema } from '../../accounts/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { issueCredential, type IssuedCredential } from './issueCredential.ts';
import { organisationIdInput } from '../issuingActor.ts';
import { actFor, ISSUE, type IssuingCommandInput } from '../issuerAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { AppError } from '../../../domain/errors.ts';
import { statusesOf } from '../queries/credentialStatus.ts';
import { awardsOfPublishedVersion } from '../queries/issuedCredentials.ts';
import type { Queryable } from '../../../storage/database.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, commandMessage('errors.issuing.award.dateFormat'))
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, commandMessage('errors.issuing.award.calendarDate'));

/** The award of one micro-credential to one person, in the words of the issue form. */
export const awardInput = z.object({
  email: emailSchema,
  microCredential: z.string().trim().min(1, commandMessage('errors.issuing.award.nameMicroCredential')),
  narrative: z.string().trim().max(20000).optional(),
  evidenceUrl: z.string().trim().url(commandMessage('errors.issuing.award.evidenceUrl')).optional(),
  creditsEarned: z.number().nonnegative().max(10000).optional(),
  issuedOn: isoDate.optional(),
  formats: z.array(z.enum(['ldp', 'jwt', 'jwt-rs256'])).optional(),
});

/** An award in issue-form words → the issuing command's input (evidence, credits, issue date). */
export function awardToIssueInput(award: z.infer<typeof awardInput>): Record<string, unknown> {
  const evidence =
    award.narrative || award.evidenceUrl
      ? [
          {
            ...(award.evidenceUrl ? { id: award.evidenceUrl } : {}),
            ...(award.narrative ? { narrative: award.narrative } : {}),
          },
        ]
      : undefined;
  return {
    recipient: { email: award.email },
    microCredential: award.microCredential,
    evidence,
    creditsEarned: award.creditsEarned,
    validFrom: award.issuedOn ? `${award.issuedOn}T00:00:00Z` : undefined,
    formats: award.formats,
  };
}

/** A credential this organisation already issued to the address for the published version, still standing (not revoked). */
export async function heldAward(
  db: Queryable,
  organisationId: number,
  email: string,
  microCredentialPublicId: string,
  now: Date,
): Promise<{ publicId: string; issuedAt: Date; version: number; title: string } | null> {
  const rows = await awardsOfPublishedVersion(db, organisationId, email, microCredentialPublicId);
  if (!rows.length) return null;
  const statuses = await statusesOf(
    db,
    rows.map((r) => ({ id: r.id, valid_until: r.valid_until ? new Date(r.valid_until) : null })),
    now,
  );
  const held = rows.find((r) => statuses.get(r.id) !== 'revoked');
  return held
    ? { publicId: held.public_id, issuedAt: held.issued_at, version: held.version, title: held.title }
    : null;
}

/** How the award is asked for: `confirm` (the staff form) refuses a repeat unless `issueAgain`. */
const awardCallInput = organisationIdInput.extend({
  duplicates: z.enum(['allow', 'confirm']).default('allow'),
  issueAgain: z
    .unknown()
    .optional()
    .transform((v) => v === true),
});

/**
 * Awards a published micro-credential to a person by email (the form, the JSON API and `cairn issue` share it).
 * With `duplicates: 'confirm'` (the staff form), an award to someone who already holds this
 * version (not revoked) is refused with `already_awarded` unless the input says `issueAgain: true`.
 */
export async function awardCredential(
  deps: CommandDeps & { credentials: CredentialServices },
  { actor, ...input }: IssuingCommandInput,
): Promise<IssuedCredential> {
  const { organisationId, duplicates, issueAgain } = parseInput(awardCallInput, input);
  await actFor(deps.db, actor, organisationId, ISSUE);
  const award = parseInput(awardInput, input);
  if (duplicates === 'confirm' && !issueAgain) {
    const held = await heldAward(
      deps.db,
      organisationId,
      award.email,
      award.microCredential,
      deps.clock.now(),
    );
    if (held) {
      const message = `${award.email} already holds “${held.title}” (version ${held.version}), issued on ${held.issuedAt.toISOString().slice(0, 10)}. Issue it again only if a second credential is really meant.`;
      throw new AppError('conflict', message, { issueAgain: message });
    }
  }
  return issueCredential(deps, { actor, organisationId, ...awardToIssueInput(award) });
}
