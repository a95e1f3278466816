/**
 * The public face of features/backpack: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { ownImportedBadge, ownIssuedBadge } from './access.ts';
export { addToCollection } from './commands/addToCollection.ts';
export { createCollection } from './commands/createCollection.ts';
export { importBadge } from './commands/importBadge.ts';
export type { BackpackDeps } from './commands/importReading.ts';
export { setBadgePrivacy } from './commands/setBadgePrivacy.ts';
export { shareCollection } from './commands/shareCollection.ts';
export { badgeName } from './badgeDisplay.ts';
export { importedFile } from './importedFiles.ts';
export { backpackPaths, issuedBadgeFiles } from './paths.ts';
export { importedBadgesOf } from './queries/importedBadges.ts';
export { issuedBadgesOf, type IssuedBadge } from './queries/issuedBadges.ts';
