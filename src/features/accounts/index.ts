/**
 * The public face of features/accounts: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { updateProfile } from './commands/updateProfile.ts';
export {
  type ActorAccess,
  type OrganisationAccess,
  requireActor,
  requireMember,
} from './organisationAccess.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { emailSchema, nameSchema, passwordSchema, slugify } from './rules.ts';
export { ACCOUNT_PATHS, orgPath, ORG_SECTIONS, type OrgSection } from './paths.ts';
export { saveViewerLocale } from './localePreference.ts';
