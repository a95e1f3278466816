/**
 * The public face of features/payments: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { chosenProgram, createApplicationPayment, programInput } from './commands/applicationPayment.ts';
export { proofApplicationPage } from './pages/proofAndFees.tsx';
export { ProofApplyForm } from './pages/proofViews.tsx';
