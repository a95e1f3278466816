import { defaultBadgeSvg, renderPng } from '../../../credentials/badgeImage.ts';
import type { Queryable } from '../../../storage/database.ts';

/**
 * The artwork of an issued credential, to bake it into: its micro-credential version's badge
 * image, or the generated default for the achievement and issuer names.
 */
export async function credentialArtwork(
  db: Queryable,
  credentialId: number,
  name: string,
  issuer: string,
): Promise<{ png: Uint8Array; svg: string }> {
  const row = await db
    .selectFrom('credentials as cr')
    .leftJoin('micro_credential_versions as v', (j) =>
      j
        .onRef('v.micro_credential_id', '=', 'cr.micro_credential_id')
        .onRef('v.version', '=', 'cr.micro_credential_version'),
    )
    .leftJoin('badge_images as i', 'i.id', 'v.image_id')
    .select(['i.png', 'i.svg'])
    .where('cr.id', '=', credentialId)
    .executeTakeFirst();
  const svg = row?.svg ?? defaultBadgeSvg(name, issuer);
  return { png: row?.png ?? renderPng(svg), svg };
}
