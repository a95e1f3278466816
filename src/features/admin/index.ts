/**
 * The public face of features/admin: what other features may use (the home page's
 * administrator section reads what waits on the platform through these).
 */
export {
  jobTrouble,
  mailWaiting,
  organisationsWaiting,
  securityEvents,
  SECURITY_ACTIONS,
  STUCK_AFTER_MS,
} from './queries.ts';
export { adminPaths } from './paths.ts';
