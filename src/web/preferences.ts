import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.ts';
import { isLocale, negotiateLocale, translator, type Locale, type Translator } from './i18n/i18n.ts';

/**
 * A reader's display preferences: language and colour theme. The language is the logged-in
 * person's saved choice (users.locale, set on the profile or with the language switcher), then the
 * long-lived cookie the switcher sets on this device, then the browser's Accept-Language. The
 * theme lives in a cookie only.
 */
export const LOCALE_COOKIE = 'cairn_locale';
export const THEME_COOKIE = 'cairn_theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Preferences {
  locale: Locale;
  theme: Theme;
  /** Messages wrapped in ⟦ ⟧ (the `pseudo` language cookie, when CAIRN_PSEUDO_LOCALE allows it). */
  pseudo: boolean;
}

/** The language cookie's value that asks for pseudo messages. */
export const PSEUDO_LOCALE = 'pseudo';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** The language of a request: the person's saved choice, then the cookie, then Accept-Language. */
export function requestLocale(
  savedByPerson: string | null | undefined,
  cookie: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  return negotiateLocale(isLocale(savedByPerson) ? savedByPerson : cookie, acceptLanguage);
}

/** The request's language and theme. */
export function readPreferences(c: Context<AppEnv>): Preferences {
  const theme = getCookie(c, THEME_COOKIE);
  const cookie = getCookie(c, LOCALE_COOKIE);
  return {
    locale: requestLocale(c.var.viewer?.locale, cookie, c.req.header('accept-language')),
    theme: isTheme(theme) ? theme : 'system',
    pseudo: cookie === PSEUDO_LOCALE && c.var.deps.config.pseudoLocale,
  };
}

/** The translator for a request (for titles and messages made outside a view). */
export function requestTranslator(c: Context<AppEnv>): Translator {
  const { locale, pseudo } = readPreferences(c);
  return translator(locale, { pseudo });
}
