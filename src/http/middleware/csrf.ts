import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.ts';
import { newSecretToken } from '../../domain/ids.ts';
import type { AppEnv } from '../env.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

export const CSRF_COOKIE = 'cairn_csrf';
export const CSRF_FIELD = '_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const VC_API = /^\/(credentials|presentations)\/(issue|verify)$/;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF protection for every form: a per-browser secret in an HttpOnly SameSite cookie must come
 * back in the form's hidden `_csrf` field (or the X-CSRF-Token header), and a cross-site Origin
 * is refused outright.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config } = c.var.deps;
  let token = getCookie(c, CSRF_COOKIE);
  if (!token || token.length < 32) {
    token = newSecretToken();
    setCookie(c, CSRF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
    });
  }
  c.set('csrfToken', token);
  if (SAFE.has(c.req.method)) return next();
  if (c.req.header('authorization')?.startsWith('Bearer ')) return next(); // API tokens carry no ambient authority
  // The VC API takes JSON from any client; a cross-site JSON request needs a CORS preflight we never grant.
  if (VC_API.test(c.req.path) && (c.req.header('content-type') ?? '').startsWith('application/json'))
    return next();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    const own = new URL(c.req.url).origin;
    if (origin !== own && origin !== new URL(config.publicUrl).origin) {
      throw new AppError('csrf_failed', commandMessage('errors.http.otherSite'));
    }
  }
  let sent = c.req.header('x-csrf-token');
  if (!sent) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      const field = body[CSRF_FIELD];
      sent = typeof field === 'string' ? field : undefined;
    }
  }
  if (!sent || !getCookie(c, CSRF_COOKIE) || !same(sent, token)) {
    throw new AppError('csrf_failed', commandMessage('errors.http.formExpired'));
  }
  return next();
};
