import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { isLocale, translator } from './i18n/i18n.ts';
import { isTheme, LOCALE_COOKIE, readPreferences, THEME_COOKIE } from './preferences.ts';
import { redirectWith, safeNext } from './render.tsx';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** POST /preferences: saves the language and theme chosen in the page footer, then goes back. */
export function preferenceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/preferences', async (c) => {
    const body = await c.req.parseBody();
    const options = {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.var.deps.config.secureCookies,
      maxAge: YEAR_SECONDS,
    } as const;
    if (isLocale(body.locale)) setCookie(c, LOCALE_COOKIE, body.locale, options);
    if (isTheme(body.theme)) setCookie(c, THEME_COOKIE, body.theme, options);
    const back = safeNext(typeof body.next === 'string' ? body.next : null) ?? '/';
    const locale = isLocale(body.locale) ? body.locale : readPreferences(c).locale;
    return redirectWith(c, back, 'success', translator(locale).t('preferences.saved'));
  });
  return r;
}
