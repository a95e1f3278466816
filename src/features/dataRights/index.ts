/**
 * The public face of features/dataRights: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { DELETE_CONFIRMATION, deleteMyAccount } from './deleteMyAccount.ts';
export { exportMyData } from './exportMyData.ts';
export { exportOrganisation } from './exportOrganisation.ts';
