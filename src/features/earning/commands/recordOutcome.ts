import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import { emailSchema } from '../../accounts/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { versionToDesign } from '../../catalog/index.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireActor } from '../../accounts/index.ts';
import { issueCredential, type IssuedCredential } from '../../issuing/index.ts';
import type { CommandDeps, OrganisationActor } from '../../../domain/commands.ts';
import type { CommandCall } from './commandCall.ts';
import { publishedVersion } from '../outcomes/queries.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Which micro-credential of which organisation the outcome is for: parsed first. */
export const onOutcome = z.object({ orgSlug: z.string(), microCredential: z.string() });

export const outcomeInput = z.object({
  email: emailSchema,
  score: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : Number(v)),
    z.number().min(0).max(100).optional(),
  ),
  completedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, commandMessage('errors.earning.outcome.dateFormat'))
    .optional(),
});

/**
 * Records an outcome for the other earning modes — an assessment score (issued when at or above
 * the passing score), attendance, or course completion — and issues the credential the same way
 * as a peer-reviewed pass. Issuing staff and admins only.
 */
export async function recordOutcome(
  deps: CommandDeps & { credentials: CredentialServices },
  { actor, ...input }: CommandCall<{ orgSlug: string; microCredential: string }, OrganisationActor>,
): Promise<IssuedCredential | { issued: false; reason: string }> {
  const { orgSlug, microCredential: mcPublicId } = parseInput(onOutcome, input);
  const { organisation } = await requireActor(deps.db, orgSlug, actor, 'credentials.issue');
  const version = await publishedVersion(deps.db, organisation.id, mcPublicId);
  if (!version) throw notFound('microCredential');
  const v = parseInput(outcomeInput, input);
  const design = versionToDesign(version);
  if (design.earningMode === 'reviewed_evidence')
    throw new AppError('conflict', commandMessage('errors.earning.outcome.peerReviewed'));
  const now = deps.clock.now();
  if (design.earningMode === 'assessment') {
    if (v.score === undefined)
      throw new AppError('validation_failed', commandMessage('errors.earning.outcome.enterScore'), {
        score: commandMessage('errors.earning.outcome.scoreRange'),
      });
    if (v.score < (design.passingScore ?? 0)) {
      await recordAudit(
        deps.db,
        {
          organisationId: organisation.id,
          actorUserId: actor.userId,
          action: 'outcome.below_threshold',
          subjectType: 'micro_credential',
          subjectId: mcPublicId,
          data: { email: v.email, score: v.score },
          ip: actor.ip,
        },
        now,
      );
      return {
        issued: false,
        reason: commandMessage('errors.earning.outcome.belowPassMark', {
          score: String(v.score),
          passingScore: String(design.passingScore),
        }),
      };
    }
  }
  const day = v.completedOn ? `${v.completedOn}T00:00:00Z` : undefined;
  const issued = await issueCredential(deps, {
    actor,
    organisationId: organisation.id,
    recipient: { email: v.email },
    microCredential: mcPublicId,
    creditsEarned: design.creditHours,
    results: [
      {
        status: 'Completed',
        value:
          design.earningMode === 'assessment'
            ? `Score ${v.score}`
            : design.earningMode === 'attendance'
              ? 'Attended'
              : 'Course completed',
      },
    ],
    activityEndDate: day,
  });
  await recordAudit(
    deps.db,
    {
      organisationId: organisation.id,
      actorUserId: actor.userId,
      action: 'outcome.recorded',
      subjectType: 'micro_credential',
      subjectId: mcPublicId,
      data: { email: v.email, mode: design.earningMode, score: v.score ?? null, credential: issued.publicId },
      ip: actor.ip,
    },
    now,
  );
  return issued;
}
