import { notFound } from '../../../../domain/errors.ts';
import type { Config } from '../../../../config.ts';
import { organisationDid } from '../../../../credentials/issuerIdentity.ts';
import type { Db } from '../../../../storage/database.ts';
import { achievementFromDesign, achievementJson, achievementUrl } from '../../achievement.ts';
import { versionToDesign } from '../../queries/catalog.ts';
import { findPublicStack, listedStackVersions } from '../../queries/stacks.ts';

/** The OB 3.0 Achievements of a stack's catalog entries, in the stack's order (for other platforms to import). */
export async function loadStackAchievements(
  deps: { db: Db; config: Config },
  orgSlug: string,
  stackSlug: string,
) {
  const { db, config } = deps;
  const stack = await findPublicStack(db, orgSlug, stackSlug);
  if (!stack) throw notFound('stack');
  const versions = await listedStackVersions(db, stack.id);
  const issuer = { id: organisationDid(config.publicUrl, stack.org_slug), name: stack.org_name };
  return {
    stack: { name: stack.name, description: stack.description },
    achievements: versions.map((v) =>
      achievementJson(
        achievementFromDesign(versionToDesign(v), {
          id: achievementUrl(config.publicUrl, stack.org_slug, v.mc_slug, v.version),
          version: v.version,
        }),
        issuer,
      ),
    ),
  };
}
