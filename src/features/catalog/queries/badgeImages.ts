import { createHash } from 'node:crypto';
import type { Queryable } from '../../../storage/database.ts';
import { publicId } from '../../../domain/ids.ts';

/** Badge images: stored once, addressed by public id, attached to draft versions. */

/** The draft version of one of the organisation's micro-credentials, if it has one. */
export function findDraftOf(db: Queryable, organisationId: number, mcPublicId: string) {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select(['v.id', 'v.title', 'm.public_id'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.public_id', '=', mcPublicId)
    .where('v.status', '=', 'draft')
    .executeTakeFirst();
}

/** Stores an image and attaches it to a version. */
export async function attachBadgeImage(
  db: Queryable,
  values: {
    organisationId: number;
    versionId: number;
    svg: string | null;
    png: Uint8Array;
    origin: 'uploaded' | 'generated';
  },
  now: Date,
): Promise<{ public_id: string }> {
  const row = await db
    .insertInto('badge_images')
    .values({
      public_id: publicId('img'),
      organisation_id: values.organisationId,
      svg: values.svg,
      png: values.png,
      sha256: createHash('sha256').update(values.png).digest('hex'),
      origin: values.origin,
      created_at: now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('micro_credential_versions')
    .set({ image_id: row.id })
    .where('id', '=', values.versionId)
    .execute();
  return { public_id: row.public_id };
}

/** An image's bytes by its public id (served to anyone: badge images are public). */
export function findBadgeImage(db: Queryable, imagePublicId: string) {
  return db
    .selectFrom('badge_images')
    .select(['png', 'svg', 'sha256'])
    .where('public_id', '=', imagePublicId)
    .executeTakeFirst();
}
