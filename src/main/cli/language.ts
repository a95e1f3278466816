import { negotiateLocale, translator, type Locale, type Translator } from '../../web/i18n/i18n.ts';

/** `es_ES.UTF-8`, `es_ES@euro` or `es` as a language tag Cairn can match: `es-es`, `es`. */
const asLanguageTag = (value: string) => value.split(/[.@]/)[0]!.replace(/_/g, '-').toLowerCase();

/**
 * The language the `cairn` command speaks: CAIRN_LANG when it is set, else the POSIX locale
 * (LC_ALL, then LC_MESSAGES, then LANG, as `es_ES.UTF-8`), else English. The first one set
 * decides, as in POSIX; one Cairn does not speak (`fr`, `C`, `POSIX`) means English.
 */
export function cliLocale(env: Record<string, string | undefined> = process.env): Locale {
  const chosen = [env.CAIRN_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v?.trim());
  return negotiateLocale(null, chosen ? asLanguageTag(chosen.trim()) : null);
}

/** The command's messages, dates and numbers, in its language. */
export const cliWords: Translator = translator(cliLocale());
