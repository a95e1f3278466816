import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import {
  acceptUpload,
  BadgeImageError,
  defaultBadgeSvg,
  renderPng,
} from '../../../credentials/badgeImage.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { attachBadgeImage, findDraftOf } from '../queries/badgeImages.ts';
import { findMicroCredential } from '../queries/designs.ts';
import { onMicroCredential, requireDesigner, type CommandCall } from './designerAccess.ts';
import { catalogMessage } from '../messages.ts';

export const badgeImageInput = onMicroCredential.extend({
  source: z.union([
    z.object({ upload: z.instanceof(Uint8Array) }),
    z.object({ generate: z.object({ colour: z.string().optional() }) }),
  ]),
});

function makeImage(
  source: z.output<typeof badgeImageInput>['source'],
  title: string,
  issuer: string,
): { svg: string | null; png: Uint8Array } {
  try {
    if ('upload' in source) return acceptUpload(source.upload);
    const svg = defaultBadgeSvg(title, issuer, source.generate.colour);
    return { svg, png: renderPng(svg) };
  } catch (err) {
    if (err instanceof BadgeImageError)
      throw new AppError('validation_failed', err.message, { image: err.message });
    throw err;
  }
}

/** Gives the draft version a badge image: an uploaded PNG/SVG (checked, sanitised) or a generated default. */
export async function setBadgeImage(
  deps: CommandDeps,
  {
    actor,
    ...input
  }: CommandCall<{
    orgSlug: string;
    microCredentialId: string;
    source: { upload: Uint8Array } | { generate: { colour?: string } };
  }>,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  const { orgSlug, microCredentialId, source } = parseInput(badgeImageInput, input);
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, orgSlug, actor);
    const draft = await findDraftOf(tx, organisation.id, microCredentialId);
    if (!draft) {
      if (!(await findMicroCredential(tx, organisation.id, microCredentialId)))
        throw notFound('microCredential');
      throw conflict(catalogMessage('imageFrozen'));
    }
    const image = makeImage(source, draft.title, organisation.name);
    const origin = 'upload' in source ? 'uploaded' : 'generated';
    const row = await attachBadgeImage(
      tx,
      { organisationId: organisation.id, versionId: draft.id, ...image, origin },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.image_set',
        subjectType: 'micro_credential',
        subjectId: microCredentialId,
        data: { image: row.public_id, origin },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id };
  });
}
