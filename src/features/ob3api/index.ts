/**
 * The public face of features/ob3api: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { connectionsSection } from './backpackSection.tsx';
export { OAUTH_ROUTES } from './provider.ts';
export { ALL_SCOPES, SCOPE_WORDS } from './scopes.ts';
