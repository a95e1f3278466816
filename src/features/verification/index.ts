/**
 * The public face of features/verification: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { readSubmission, type Submission, type SubmissionFormat } from './commands/readSubmission.ts';
export { ownCredentialState, verifyWithCairn } from './commands/verifyCredential.ts';
export { statusListsStamp } from './queries.ts';
export { reportStatus, verdictOf } from './verdict.ts';
