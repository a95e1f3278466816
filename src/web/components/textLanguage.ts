import { useT } from '../i18n/context.ts';

/**
 * Language of parts (WCAG 3.1.2): text someone wrote in another language than the page's (an
 * issuer's badge name, description or criteria, a verifier's English note) is marked with its
 * language, so a screen reader speaks it in that language. Nothing is marked where the text is
 * in the page's language, or where its language is not known.
 */

/** The primary subtag of a BCP 47 language code: 'es' of 'es-MX', 'pt' of 'pt-BR'. */
const primary = (code: string) => code.trim().split('-')[0]!.toLowerCase();

/** The `lang` of text written in `language` on a page in `pageLanguage`; undefined when nothing needs saying. */
export function textLang(language: string | null | undefined, pageLanguage: string): string | undefined {
  if (!language?.trim()) return undefined;
  return primary(language) === primary(pageLanguage) ? undefined : language.trim();
}

/**
 * The `lang` attribute for an element holding text written in `language`, on the page being
 * rendered: `<h1 lang={useTextLang(d.inLanguage)}>`. Undefined (no attribute) in the page's language.
 */
export function useTextLang(language: string | null | undefined): string | undefined {
  return textLang(language, useT().locale);
}
