/**
 * The public face of features/credit: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export {
  enqueueCompletionNotices,
  enqueueCompletionNoticesForMany,
} from './commands/enqueueCompletionNotices.ts';
export { enqueueCreditReversal } from './commands/enqueueCreditReversal.ts';
export { licenseFactsForIssue, licenseFactsForMany } from './queries/licenseFacts.ts';
export { licenseDecisionMail } from './mail.tsx';
export { ledgerPaths } from './paths.ts';
export { earnerLicenses, noticesForCredentials, recognizerRoster } from './queries/creditLedger.ts';
export { csvCell } from './renewal.ts';
