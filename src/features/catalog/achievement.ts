import type { Design } from './microCredential.ts';
import type { AchievementData } from '../../credentials/openBadgeCredential.ts';

/** The stable URL of one published version of a micro-credential: the OB 3.0 Achievement id. */
export function achievementUrl(publicUrl: string, orgSlug: string, mcSlug: string, version: number): string {
  return `${publicUrl}/catalog/${orgSlug}/${mcSlug}/v/${version}`;
}

/** One-to-one mapping of a micro-credential version onto the OB 3.0 Achievement. */
export function achievementFromDesign(
  d: Design,
  ctx: { id: string; version: number; image?: string | null },
): AchievementData {
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
    version: String(ctx.version),
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
  };
}
