import { isDatabaseUnavailable } from '../storage/pg/unavailable.ts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.ts';
import { INVALID_INPUT_STATES, sqlState } from '../storage/pgErrors.ts';
import { page } from '../web/render.tsx';
import { commandMessage, translateMessage } from '../web/i18n/commandMessages.ts';
import { requestTranslator } from '../web/preferences.ts';
import type { AppEnv } from './env.ts';
import { isOb3ApiPath, ob3ErrorResponse, ob3NotFound } from './imsx.ts';

/** True when the client asked for JSON rather than a page. */
export function wantsJson(c: Context<AppEnv>): boolean {
  if (
    c.req.path.startsWith('/api/') ||
    c.req.path.startsWith('/credentials/') ||
    c.req.path.startsWith('/presentations/')
  )
    return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The JSON API's one error shape, `{error: {code, message, details}}` (described as the `Error`
 * component of /api/v1/openapi.json). `details.fields` holds per-field messages; `fields` repeats
 * them for clients written before `details` existed.
 */
export function apiErrorBody(error: AppError) {
  const details: Record<string, unknown> = { ...error.details };
  if (Object.keys(error.fields).length) details.fields = error.fields;
  if (error.retryAfterSeconds) details.retryAfterSeconds = error.retryAfterSeconds;
  return { error: { code: error.code, message: error.message, details, fields: error.fields } };
}

/**
 * The one error boundary: typed errors become their status with a message written for people,
 * as JSON or as a page by the Accept header; anything else is logged and hidden behind a 500.
 */
export function onError(err: Error, c: Context<AppEnv>): Response | Promise<Response> {
  const known = err instanceof AppError ? err : databaseInputError(err, c);
  if (!known) {
    c.var.deps.logger.error('unhandled error', {
      requestId: c.var.requestId,
      path: c.req.path,
      error: err.stack ?? String(err),
    });
  }
  const error =
    known ?? new AppError('internal', commandMessage('errors.internal', { requestId: c.var.requestId }));
  if (isOb3ApiPath(c.req.path)) return ob3ErrorResponse(c, error); // OB 3.0 API: imsx_StatusInfo
  if (error.retryAfterSeconds) c.header('Retry-After', String(error.retryAfterSeconds));
  if (wantsJson(c)) {
    // The W3C VC API answers invalid input with 400.
    const vcApi = /^\/(credentials|presentations)\//.test(c.req.path) && error.code === 'validation_failed';
    return c.json(apiErrorBody(error), (vcApi ? 400 : error.status) as ContentfulStatusCode);
  }
  if (error.code === 'unauthenticated') {
    const next = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
    return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  }
  const i18n = requestTranslator(c);
  const { t } = i18n;
  return errorPage(
    c,
    error.status as ContentfulStatusCode,
    error.code === 'not_found' ? t('errors.notFoundTitle') : t('errors.errorTitle'),
    known ? translateMessage(i18n, error.message) : t('errors.internal', { requestId: c.var.requestId }),
  );
}

/**
 * A PostgreSQL error that a command let escape but that the client's request caused: a unique
 * violation (two requests creating the same thing) is a 409, data PostgreSQL cannot read as its
 * column's type a 400. The message names no constraint, column or value; the log keeps them.
 */
function databaseInputError(err: Error, c: Context<AppEnv>): AppError | null {
  const state = sqlState(err);
  if (state === undefined) return null;
  const error =
    state === '23505'
      ? new AppError('conflict', commandMessage('errors.conflict'))
      : INVALID_INPUT_STATES.has(state)
        ? new AppError('invalid_input', commandMessage('errors.unreadableInput'))
        : null;
  if (error)
    c.var.deps.logger.warn('database refused client data', {
      requestId: c.var.requestId,
      path: c.req.path,
      sqlState: state,
      constraint: (err as { constraint?: string }).constraint,
      error: err.message,
    });
  return error;
}

/** A page for an error, in the shared layout. */
export function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, title: string, message: string) {
  return page(
    c,
    title,
    <section class="card">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{requestTranslator(c).t('errors.startPage')}</a>
      </p>
    </section>,
    status,
  );
}

/** 404 for any path no route answers. */
export function onNotFound(c: Context<AppEnv>) {
  if (isOb3ApiPath(c.req.path)) return ob3NotFound(c);
  if (wantsJson(c))
    return c.json(apiErrorBody(new AppError('not_found', commandMessage('errors.http.noSuchResource'))), 404);
  const { t } = requestTranslator(c);
  return errorPage(c, 404, t('errors.notFoundTitle'), t('errors.notFound'));
}

/**
 * The handler the app registers: a database outage (restart, failover, connections refused or
 * closed) is a temporary 503 with Retry-After, not a 500; every other error goes to onError.
 */
export function onAnyError(err: Error, c: Context<AppEnv>): Response | Promise<Response> {
  if (!(err instanceof AppError) && isDatabaseUnavailable(err)) return databaseUnavailable(err, c);
  return onError(err, c);
}

/** 503 "database unavailable": a page for browsers, `database_unavailable` JSON for clients; logged as a warning. */
function databaseUnavailable(err: Error, c: Context<AppEnv>): Response | Promise<Response> {
  c.var.deps.logger.warn('database unavailable', {
    requestId: c.var.requestId,
    path: c.req.path,
    error: err.message || (err as { code?: string }).code,
  });
  c.header('Retry-After', '5');
  const message = "Cairn can't reach its database right now; try again in a moment.";
  if (wantsJson(c)) return c.json({ error: { code: 'database_unavailable', message, fields: {} } }, 503);
  const { t } = requestTranslator(c);
  return errorPage(c, 503, t('errors.unavailableTitle'), t('errors.databaseUnavailable'));
}
