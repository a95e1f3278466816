/**
 * The public face of features/issuing: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { changeCredentialStatus } from './commands/changeCredentialStatus.ts';
export { decideClaim, pendingClaimsFor } from './commands/claimCredential.ts';
export { issueCredential, type IssuedCredential } from './commands/issueCredential.ts';
export { issueSuppliedCredential, suppliedCredentialInput } from './commands/issueSuppliedCredential.ts';
export { organisationCaller } from './issuerAccess.ts';
export { systemActor, type ApiTokenActor, type IssuingActor } from './issuingActor.ts';
export { issuingPaths } from './paths.ts';
export { CredentialInputForm } from './pages/credentialInput.tsx';
export { issuerIdentity, issuerLine, type IssuerIdentity } from './pages/issuerIdentity.ts';
export { type CredentialStatus, statusesOf } from './queries/credentialStatus.ts';
export { statusBitSql } from './queries/statusLists.ts';
