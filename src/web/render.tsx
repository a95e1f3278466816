import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { Layout, type Flash } from './layout.tsx';
import { translator } from './i18n/i18n.ts';
import { readPreferences, requestTranslator } from './preferences.ts';
import { translateProblems } from './i18n/commandMessages.ts';
import type { FormState } from './forms.tsx';

const FLASH_COOKIE = 'cairn_flash';

/** Renders a page inside the shared layout, in the reader's language and theme. */
export function page(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
  head?: Child,
) {
  let flash: Flash | null = null;
  const raw = getCookie(c, FLASH_COOKIE);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Flash;
      if (typeof parsed.text === 'string' && ['success', 'info', 'error'].includes(parsed.kind))
        flash = parsed;
    } catch {
      flash = null;
    }
    deleteCookie(c, FLASH_COOKIE, { path: '/' });
  }
  const { config } = c.var.deps;
  const preferences = readPreferences(c);
  c.header('Content-Language', preferences.locale);
  c.header('Vary', 'Accept-Language, Cookie');
  return c.html(
    '<!doctype html>' +
      String(
        <Layout
          title={title}
          viewer={c.var.viewer}
          csrfToken={c.var.csrfToken}
          i18n={translator(preferences.locale, { pseudo: preferences.pseudo })}
          theme={preferences.theme}
          path={c.req.path}
          mailbox={config.mailbox}
          flash={flash}
          head={head}
        >
          {body}
        </Layout>,
      ),
    status,
  );
}

/** Redirects with a message shown once on the next page. */
export function redirectWith(c: Context<AppEnv>, location: string, kind: Flash['kind'], text: string) {
  setCookie(c, FLASH_COOKIE, JSON.stringify({ kind, text }), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.secureCookies,
    maxAge: 60,
  });
  return c.redirect(location, 303);
}

/** A form post's fields as strings (repeated fields as arrays; files dropped). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

const NOT_FORM_ERRORS = new Set(['unauthenticated', 'not_found', 'csrf_failed', 'internal']);

/**
 * Runs a form's command; when it fails with a problem the person can fix, shows the form
 * again with what they typed (never passwords) and each error next to its field.
 */
export async function handleForm(
  c: Context<AppEnv>,
  fields: Record<string, string | string[]>,
  run: () => Promise<Response>,
  rerender: (form: FormState, status: ContentfulStatusCode) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AppError) || NOT_FORM_ERRORS.has(err.code)) throw err;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields))
      if (typeof v === 'string' && !/password|current|confirm/.test(k)) values[k] = v;
    if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
    const form = translateProblems(requestTranslator(c), {
      values,
      errors: err.fields,
      message: err.message,
    });
    return rerender(form, err.status as ContentfulStatusCode);
  }
}

/** Keeps a post-login redirect on this site. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
