import { createHash } from 'node:crypto';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import {
  acceptUpload,
  BadgeImageError,
  defaultBadgeSvg,
  renderPng,
} from '../../../credentials/badgeImage.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

/** Gives the draft version a badge image: an uploaded PNG/SVG (checked, sanitised) or a generated default. */
export async function setBadgeImage(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
  source: { upload: Uint8Array } | { generate: { colour?: string } },
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const draft = await tx
      .selectFrom('micro_credential_versions as v')
      .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
      .select(['v.id', 'v.title', 'm.public_id'])
      .where('m.organisation_id', '=', organisation.id)
      .where('m.public_id', '=', mcPublicId)
      .where('v.status', '=', 'draft')
      .executeTakeFirst();
    if (!draft) {
      const exists = await tx
        .selectFrom('micro_credentials')
        .select('id')
        .where('organisation_id', '=', organisation.id)
        .where('public_id', '=', mcPublicId)
        .executeTakeFirst();
      if (!exists) throw notFound('That micro-credential');
      throw conflict('Published versions are frozen: start a new version to change the image.');
    }
    let image: { svg: string | null; png: Uint8Array };
    try {
      if ('upload' in source) image = acceptUpload(source.upload);
      else {
        const svg = defaultBadgeSvg(draft.title, organisation.name, source.generate.colour);
        image = { svg, png: renderPng(svg) };
      }
    } catch (err) {
      if (err instanceof BadgeImageError)
        throw new AppError('validation_failed', err.message, { image: err.message });
      throw err;
    }
    const row = await tx
      .insertInto('badge_images')
      .values({
        public_id: publicId('img'),
        organisation_id: organisation.id,
        svg: image.svg,
        png: image.png,
        sha256: createHash('sha256').update(image.png).digest('hex'),
        origin: 'upload' in source ? 'uploaded' : 'generated',
        created_at: now,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('micro_credential_versions')
      .set({ image_id: row.id })
      .where('id', '=', draft.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.image_set',
        subjectType: 'micro_credential',
        subjectId: mcPublicId,
        data: { image: row.public_id, origin: 'upload' in source ? 'uploaded' : 'generated' },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id };
  });
}
