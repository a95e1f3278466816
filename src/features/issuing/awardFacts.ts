import { AppError } from '../../domain/errors.ts';
import type { AchievementData } from '../../credentials/openBadgeCredential.ts';
import type { Config } from '../../config.ts';
import type { Queryable } from '../../storage/database.ts';
import type { Organisation } from '../../storage/schema.ts';
import { achievementFromDesign, achievementUrl, versionToDesign } from '../catalog/index.ts';
import {
  awardableVersion,
  findIssuingOrganisation,
  organisationHasPathways,
} from './queries/issuingFacts.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

/** The OB 3.0 Achievement of a micro-credential's published version (the one-to-one catalog mapping); bulk awards use it too. */
export async function publishedAchievement(
  deps: { db: Queryable; config: Pick<Config, 'publicUrl'> },
  organisationId: number,
  mcPublicId: string,
  version?: number,
) {
  const v = await awardableVersion(deps.db, organisationId, mcPublicId, version);
  if (!v)
    throw new AppError('validation_failed', commandMessage('errors.issuing.award.notPublished'), {
      microCredential: commandMessage('errors.issuing.award.choosePublished'),
    });
  if (v.retired_at && version === undefined)
    throw new AppError('conflict', commandMessage('errors.issuing.award.retired'));
  const url = achievementUrl(deps.config.publicUrl, v.org_slug, v.mc_slug, v.version);
  const image = v.image_public_id ? `${deps.config.publicUrl}/images/${v.image_public_id}.png` : null;
  const design = versionToDesign(v);
  return {
    achievement: achievementFromDesign(design, { id: url, version: v.version, image }),
    microCredential: { id: v.mc_id, version: v.version },
    validityMonths: design.validityMonths,
  };
}

/** What every credential of a bulk-award run shares, gathered once per run. */
export interface AwardContext {
  organisation: Organisation;
  microCredential: { id: number; version: number };
  achievement: AchievementData;
  validityMonths: number | null;
  issuedBy: number | null;
  hasPathways: boolean;
}

/** Resolves the organisation and the exact micro-credential version a run awards. */
export async function awardContext(
  deps: { db: Queryable; config: Pick<Config, 'publicUrl'> },
  run: { organisationId: number; microCredential: string; version: number; issuedBy: number | null },
): Promise<AwardContext> {
  const organisation = await findIssuingOrganisation(deps.db, run.organisationId);
  const published = await publishedAchievement(deps, run.organisationId, run.microCredential, run.version);
  return {
    organisation,
    microCredential: published.microCredential,
    achievement: published.achievement,
    validityMonths: published.validityMonths ?? null,
    issuedBy: run.issuedBy,
    hasPathways: await organisationHasPathways(deps.db, run.organisationId),
  };
}
