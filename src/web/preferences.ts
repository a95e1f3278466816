import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { negotiateLocale, translator, type Locale, type Translator } from './i18n/i18n.ts';

/**
 * A reader's display preferences: language and colour theme. There is no per-person column for
 * them yet, so both live in long-lived cookies (a signed-in person keeps them on that device);
 * the language falls back to the browser's Accept-Language.
 */
export const LOCALE_COOKIE = 'cairn_locale';
export const THEME_COOKIE = 'cairn_theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Preferences {
  locale: Locale;
  theme: Theme;
}

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** The request's language and theme. */
export function readPreferences(c: Context<AppEnv>): Preferences {
  const theme = getCookie(c, THEME_COOKIE);
  return {
    locale: negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language')),
    theme: isTheme(theme) ? theme : 'system',
  };
}

/** The translator for a request (for titles and messages made outside a view). */
export function requestTranslator(c: Context<AppEnv>): Translator {
  return translator(readPreferences(c).locale);
}
