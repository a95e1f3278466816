/**
 * The public face of features/dataRights: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { DELETE_CONFIRMATION, deleteMyAccount } from './commands/deleteMyAccount.ts';
export { exportMyData } from './commands/exportMyData.ts';
export { exportOrganisation } from './commands/exportOrganisation.ts';
