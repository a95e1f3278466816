/**
 * The public face of features/credit: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export {
  enqueueCompletionNotices,
  enqueueCompletionNoticesForMany,
  enqueueCreditReversal,
  licenseFactsForIssue,
  licenseFactsForMany,
} from './commands/creditLedger.ts';
export { licenseDecisionMail } from './mail.tsx';
export { earnerLicenses, noticesForCredentials, recognizerRoster } from './queries/creditLedger.ts';
export { csvCell } from './renewal.ts';
