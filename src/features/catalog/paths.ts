/** Where the catalog's pages live: build links with these, never by hand. */

const enc = encodeURIComponent;

// The public catalog
export const catalogPath = () => '/catalog';
export const catalogOfStackPath = (stackSlug: string) => `/catalog?stack=${enc(stackSlug)}`;
export const catalogEntryPath = (orgSlug: string, mcSlug: string) => `/catalog/${orgSlug}/${mcSlug}`;
export const catalogVersionPath = (orgSlug: string, mcSlug: string, version: number) =>
  `${catalogEntryPath(orgSlug, mcSlug)}/v/${version}`;
export const achievementJsonPath = (orgSlug: string, mcSlug: string, version: number) =>
  `${catalogVersionPath(orgSlug, mcSlug, version)}/achievement.json`;
export const applyPath = (orgSlug: string, mcSlug: string) => `${catalogEntryPath(orgSlug, mcSlug)}/apply`;
export const stackAchievementsPath = (orgSlug: string, stackSlug: string) =>
  `/catalog/stacks/${orgSlug}/${stackSlug}/achievements.json`;
/** The log-in page, coming back to `next` (a catalog or pathway page) afterwards. */
export const logInThenPath = (next: string) => `/login?next=${enc(next)}`;
export const badgeImagePath = (imagePublicId: string, kind: 'png' | 'svg' = 'png') =>
  `/images/${imagePublicId}.${kind}`;

// Designers
export const designsPath = (orgSlug: string) => `/orgs/${orgSlug}/micro-credentials`;
export const newDesignPath = (orgSlug: string) => `${designsPath(orgSlug)}/new`;
export const designPath = (orgSlug: string, mcPublicId: string) => `${designsPath(orgSlug)}/${mcPublicId}`;
export type DesignAction = 'edit' | 'publish' | 'revise' | 'retire' | 'image' | 'outcomes';
export const designActionPath = (orgSlug: string, mcPublicId: string, action: DesignAction) =>
  `${designPath(orgSlug, mcPublicId)}/${action}`;
export const stacksPath = (orgSlug: string) => `/orgs/${orgSlug}/stacks`;
export const deleteStackPath = (orgSlug: string, stackPublicId: string) =>
  `${stacksPath(orgSlug)}/${stackPublicId}/delete`;

// Pathways
export const pathwaysPath = (orgSlug: string) => `/orgs/${orgSlug}/pathways`;
export const newPathwayPath = (orgSlug: string) => `${pathwaysPath(orgSlug)}/new`;
export const editPathwayPath = (orgSlug: string, pathwayPublicId: string) =>
  `${pathwaysPath(orgSlug)}/${pathwayPublicId}/edit`;
export const pathwayPath = (pathwayPublicId: string) => `/pathways/${pathwayPublicId}`;
