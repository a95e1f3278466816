import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { isLocale, translator, type Locale } from './i18n/i18n.ts';
import { isTheme, LOCALE_COOKIE, readPreferences, THEME_COOKIE } from './preferences.ts';
import { redirectWith, safeNext } from './render.tsx';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export interface PreferenceOptions {
  /** Keeps a logged-in person's chosen language with their account (wired by the composition root). */
  saveLocale?: (c: Context<AppEnv>, locale: Locale) => Promise<void>;
}

/** POST /preferences: saves the language and theme chosen in the page footer, then goes back. */
export function preferenceRoutes(options: PreferenceOptions = {}): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/preferences', async (c) => {
    const body = await c.req.parseBody();
    const cookie = {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.var.deps.config.secureCookies,
      maxAge: YEAR_SECONDS,
    } as const;
    if (isLocale(body.locale)) {
      setCookie(c, LOCALE_COOKIE, body.locale, cookie);
      if (c.var.viewer && options.saveLocale) await options.saveLocale(c, body.locale);
    }
    if (isTheme(body.theme)) setCookie(c, THEME_COOKIE, body.theme, cookie);
    const back = safeNext(typeof body.next === 'string' ? body.next : null) ?? '/';
    const locale = isLocale(body.locale) ? body.locale : readPreferences(c).locale;
    return redirectWith(c, back, 'success', translator(locale).t('preferences.saved'));
  });
  return r;
}
