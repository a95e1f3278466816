import type { Design } from './microCredential.ts';
import { DEFAULT_CONTENT_LANGUAGE, EDITION_LANGUAGE } from './languageEditions.ts';
import type { AchievementData } from '../../credentials/openBadgeCredential.ts';

/** The stable URL of one published version of a micro-credential: the OB 3.0 Achievement id. */
export function achievementUrl(publicUrl: string, orgSlug: string, mcSlug: string, version: number): string {
  return `${publicUrl}/catalog/${orgSlug}/${mcSlug}/v/${version}`;
}

/**
 * The id of a language edition of an achievement (OB 3.0 `related`): beside the issuer's edition,
 * `…/v/<version>/es`, where the catalog serves it as an Achievement.
 */
export function editionUrl(achievementId: string, language: string): string {
  return `${achievementId}/${language}`;
}

/** One-to-one mapping of a micro-credential version onto the OB 3.0 Achievement (in the issuer's language). */
export function achievementFromDesign(
  d: Design,
  ctx: { id: string; version: number; image?: string | null },
): AchievementData {
  const version = String(ctx.version);
  return {
    id: ctx.id,
    name: d.title,
    description: [d.competency, d.description].filter(Boolean).join('\n\n'),
    criteria: { id: ctx.id, narrative: d.criteria },
    achievementType: d.achievementType,
    image: ctx.image ? { id: ctx.image, caption: d.title } : undefined,
    alignment: d.alignments.map((a) => ({ targetName: a.name, targetUrl: a.url, targetCode: a.code })),
    creditsAvailable: d.creditHours,
    tag: d.tags.length ? d.tags : undefined,
    version,
    inLanguage: d.inLanguage ?? DEFAULT_CONTENT_LANGUAGE,
    related: d.spanishEdition
      ? [{ id: editionUrl(ctx.id, EDITION_LANGUAGE), inLanguage: EDITION_LANGUAGE, version }]
      : undefined,
  };
}

/**
 * The Spanish edition of a version as its own OB 3.0 Achievement, or undefined when the issuer
 * wrote none: the edition's name and description (and criteria; without them the criteria are the
 * issuer's edition's), everything else as the issuer's edition, related back to it.
 */
export function spanishAchievementFromDesign(
  d: Design,
  ctx: { id: string; version: number; image?: string | null },
): AchievementData | undefined {
  const es = d.spanishEdition;
  if (!es) return undefined;
  const original = achievementFromDesign(d, ctx);
  const id = editionUrl(ctx.id, EDITION_LANGUAGE);
  return {
    ...original,
    id,
    name: es.name,
    description: es.description,
    criteria: es.criteria ? { id, narrative: es.criteria } : { id: ctx.id },
    image: original.image ? { id: original.image.id, caption: es.name } : undefined,
    inLanguage: EDITION_LANGUAGE,
    related: [{ id: ctx.id, inLanguage: original.inLanguage, version: original.version }],
  };
}

/** The OB 3.0 `Achievement` JSON (for export and import between platforms). */
export function achievementJson(
  a: AchievementData,
  issuer?: { id: string; name: string },
): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: a.id,
    type: ['Achievement'],
    ...(issuer ? { creator: { id: issuer.id, type: ['Profile'], name: issuer.name } } : {}),
    name: a.name,
    description: a.description,
    criteria: a.criteria,
    ...(a.achievementType ? { achievementType: a.achievementType } : {}),
    ...(a.image ? { image: { id: a.image.id, type: 'Image', caption: a.image.caption } } : {}),
    ...(a.alignment?.length ? { alignment: a.alignment.map((al) => ({ type: ['Alignment'], ...al })) } : {}),
    ...(a.creditsAvailable !== undefined ? { creditsAvailable: a.creditsAvailable } : {}),
    ...(a.tag?.length ? { tag: a.tag } : {}),
    ...(a.version ? { version: a.version } : {}),
    ...(a.inLanguage ? { inLanguage: a.inLanguage } : {}),
    ...(a.related?.length ? { related: a.related.map((r) => ({ type: ['Related'], ...r })) } : {}),
  };
}
