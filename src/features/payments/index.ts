/**
 * The public face of features/payments: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { createApplicationPayment } from './commands/applicationPayment.ts';
export { proofApplicationPage } from './pages/proofAndFees.tsx';
export { ProofApplyForm, type SessionOption } from './pages/proofViews.tsx';
export { paymentPaths } from './paths.ts';
