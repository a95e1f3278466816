/**
 * The public face of features/ob2export: what other features may use. Everything else in this
 * folder is private to it (checked by the boundary lint, .dependency-cruiser.cjs).
 */
export { Ob2NotServedError, ownOb2Document, withOwnOb2Documents } from './resolve.ts';
