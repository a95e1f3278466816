/**
 * The public face of features/webhooks: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { createSubscriptionInTx } from './createSubscription.ts';
export { deleteSubscriptions, programSubscriptions } from './queries.ts';
