/**
 * The public face of features/earning: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { issuePassedApplication } from './jobTypes.ts';
export {
  fileStoreFor,
  saveEvidenceFile,
  sniffEvidence,
  submitApplication,
} from './commands/submitEvidence.ts';
export { recordsOutcomes } from './outcomes/pages.tsx';
export { applicationFacts, ApplicationHeading } from './pages/applicationFacts.tsx';
export { earnersApplication } from './queries/applications.ts';
export { earningPaths } from './paths.ts';
export { earningStats } from './queries/earningAnalytics.ts';
