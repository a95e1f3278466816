import { commandMessage } from '../web/i18n/commandMessages.ts';
import type { missing } from '../web/i18n/locales/en/errors/missing.ts';

/** Stable error codes: clients and tests depend on these strings, so never rename one. */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'insufficient_scope'
  | 'conflict'
  | 'rate_limited'
  | 'csrf_failed'
  | 'email_not_confirmed'
  | 'invalid_credentials'
  | 'token_invalid'
  | 'invalid_input'
  | 'credential_id_taken'
  | 'credential_status_assigned_by_cairn'
  | 'credential_invalid'
  | 'jsonld_invalid'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 422,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  insufficient_scope: 403,
  conflict: 409,
  rate_limited: 429,
  csrf_failed: 403,
  email_not_confirmed: 403,
  invalid_credentials: 401,
  token_invalid: 400,
  invalid_input: 400,
  credential_id_taken: 409,
  credential_status_assigned_by_cairn: 422,
  /** A supplied credential breaks a rule of the W3C VC Data Model (fields name the rule and path). */
  credential_invalid: 400,
  /** A supplied credential is not valid JSON-LD (fields name the term or context at fault). */
  jsonld_invalid: 400,
  internal: 500,
};

/**
 * A problem worth telling the person about; the message is written for them, in English from the
 * catalogue (`commandMessage`), so a page can show it in the reader's language.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field messages, shown next to the form fields. */
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
    /** Anything else a client needs to act on the error (e.g. the scope a token lacks); sent in `details`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusByCode[code];
  }
}

/** The things a "not found" answer can name; each is a whole sentence, `errors.missing.<thing>`. */
export type MissingThing = keyof typeof missing;

/** Not found (404): the thing does not exist, or the reader may not see it (the same answer for both). */
export const notFound = (what: MissingThing = 'page') =>
  new AppError('not_found', commandMessage(`errors.missing.${what}`));
export const forbidden = (message = commandMessage('errors.general.forbidden')) =>
  new AppError('forbidden', message);
export const invalid = (
  fields: Record<string, string>,
  message = commandMessage('errors.general.someFields'),
) => new AppError('validation_failed', message, fields);
export const conflict = (message: string, fields: Record<string, string> = {}) =>
  new AppError('conflict', message, fields);
