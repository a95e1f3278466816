import type { Child } from 'hono/jsx';
import { I18nContext } from './context.ts';
import { translator, type Locale } from './i18n.ts';

/**
 * For tests of pages and mails: whether every word a person sees came from the message catalogue.
 * A view rendered with the pseudo translator has each message wrapped in ⟦ ⟧; what remains after
 * taking out the wrapped messages and the data the test put in the view model (names, titles,
 * addresses) must have no letters left.
 */
export function renderPseudo(node: Child, locale: Locale = 'en'): string {
  return String(
    <I18nContext.Provider value={translator(locale, { pseudo: true })}>{node}</I18nContext.Provider>,
  );
}

/** Renders a view as the layout would, in a language (no pseudo wrapping). */
export function renderIn(locale: Locale, node: Child): string {
  return String(<I18nContext.Provider value={translator(locale)}>{node}</I18nContext.Provider>);
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);

/** The text a person sees or hears: text between tags and the labelling attributes. */
export function visibleTexts(html: string): string[] {
  const body = html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/g, ' ');
  const texts = body
    .split(/<[^>]*>/)
    .map((s) => decode(s).trim())
    .filter(Boolean);
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) =>
    decode(m[1]!),
  );
  return [...texts, ...attributes];
}

/**
 * The texts of `html` (rendered with `renderPseudo`) that are not from the catalogue: what is left
 * of each text once the ⟦messages⟧ and the given data are taken out still has a letter in it.
 * Code samples (<code>, <pre>) are not words to translate and are skipped.
 */
export function textsOutsideCatalogue(html: string, data: Iterable<string | number> = []): string[] {
  const known = [...new Set([...data].map(String).filter(Boolean))].sort((a, b) => b.length - a.length);
  return visibleTexts(html).filter((text) => {
    let rest = text;
    // Messages may hold messages (a value filled in): take out the innermost until none is left.
    for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
    for (const d of known) rest = rest.split(d).join(' ');
    return /\p{L}/u.test(rest);
  });
}
