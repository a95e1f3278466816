import { notFound } from '../../../../domain/errors.ts';
import type { Config } from '../../../../config.ts';
import { organisationDid } from '../../../../credentials/issuerIdentity.ts';
import type { Db } from '../../../../storage/database.ts';
import { achievementJson, achievementUrl, spanishAchievementFromDesign } from '../../achievement.ts';
import { findCatalogVersion, versionToDesign } from '../../queries/catalog.ts';
import { imageUrl } from '../badgeImages.ts';

/**
 * The Spanish edition of a published (or superseded) version as an OB 3.0 Achievement: what the
 * issuer's edition names in `related` (inLanguage 'es'). Not found when the issuer wrote none.
 */
export async function loadSpanishAchievement(
  deps: { db: Db; config: Config },
  address: { orgSlug: string; mcSlug: string; version: number },
): Promise<Record<string, unknown>> {
  const { db, config } = deps;
  const v = await findCatalogVersion(db, address.orgSlug, address.mcSlug, address.version);
  const id = v && achievementUrl(config.publicUrl, v.org_slug, v.mc_slug, v.version);
  const image = v?.image_public_id ? imageUrl(config.publicUrl, v.image_public_id) : null;
  const edition =
    v && id && spanishAchievementFromDesign(versionToDesign(v), { id, version: v.version, image });
  if (!v || !edition) throw notFound('languageEdition');
  return achievementJson(edition, { id: organisationDid(config.publicUrl, v.org_slug), name: v.org_name });
}
