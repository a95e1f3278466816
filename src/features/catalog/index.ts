/**
 * The public face of features/catalog: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { achievementFromDesign, achievementUrl } from './achievement.ts';
export {
  CERTIFICATE_PART,
  type Design,
  type EARNING_MODES,
  type Rubric,
  rubricPasses,
} from './microCredential.ts';
export { MicroCredentialBody } from './pages/microCredentialView.tsx';
export { evaluate, mentionedMicroCredentials, type Requirement } from './pathways/pathway.ts';
export { holdings, pathwayProgress, revokedAmong } from './pathways/pathwayProgress.ts';
export { credentialArtwork } from './queries/badgeArtwork.ts';
export { versionToDesign } from './queries/catalog.ts';
export * from './paths.ts';
