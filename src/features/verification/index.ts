/**
 * The public face of features/verification: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export {
  readSubmission,
  reportStatus,
  type Submission,
  type SubmissionFormat,
  verdictOf,
} from './commands/readSubmission.ts';
export { ownCredentialState, statusListsStamp, verifyWithCairn } from './commands/verifyCredential.ts';
