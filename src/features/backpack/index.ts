/**
 * The public face of features/backpack: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export {
  type BackpackDeps,
  importBadge,
  importedBadgesOf,
  importedFile,
  issuedBadgesOf,
  ownImportedBadge,
  ownIssuedBadge,
} from './commands/backpack.ts';
