import type { Queryable } from '../../../storage/database.ts';

/**
 * The badge images of listed catalog entries (micro-credential public id → image public id), for the
 * pictures on the catalog's cards; entries without an image are left out. One query per page of results.
 */
export async function catalogImages(
  db: Queryable,
  microCredentialIds: string[],
): Promise<Map<string, string>> {
  if (!microCredentialIds.length) return new Map();
  const rows = await db
    .selectFrom('catalog_entries as e')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.version_id')
    .innerJoin('badge_images as i', 'i.id', 'v.image_id')
    .select(['e.public_id', 'i.public_id as image_public_id'])
    .where('e.public_id', 'in', microCredentialIds)
    .execute();
  return new Map(rows.map((r) => [r.public_id, r.image_public_id]));
}
