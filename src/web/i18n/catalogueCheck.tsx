import type { Child } from 'hono/jsx';
import { I18nContext } from './context.ts';
import { translator, type Locale, type Translator } from './i18n.ts';

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

/** The pseudo translator for a locale (every message, date and number wrapped in ⟦ ⟧). */
export const pseudo = (locale: Locale): Translator => translator(locale, { pseudo: true });

/** Renders a view as the layout would, with this translator in the render context. */
export function renderWith(i18n: Translator, node: Child): string {
  return String(<I18nContext.Provider value={i18n}>{node}</I18nContext.Provider>);
}

/** Renders a view as the layout would, in a language (no pseudo wrapping). */
export function renderIn(locale: Locale, node: Child): string {
  return renderWith(translator(locale), node);
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
    decode(m[1] ?? ''),
  );
  return [...texts, ...attributes];
}

/** Takes out every ⟦message⟧, innermost first (a message may hold messages as its values). */
export function withoutMessages(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
  return rest;
}

/**
 * The texts that are not from the catalogue: what is left of each once the ⟦messages⟧ and the
 * given data (longest first) are taken out still has a letter in it.
 */
export function lettersOutside(texts: Iterable<string>, data: Iterable<string | number> = []): string[] {
  const known = [...new Set([...data].map(String).filter(Boolean))].sort((a, b) => b.length - a.length);
  return [...texts].filter((text) => {
    let rest = withoutMessages(text);
    for (const d of known) if (rest.includes(d)) rest = rest.split(d).join(' ');
    return /\p{L}/u.test(rest);
  });
}

/**
 * The texts of `html` (rendered with `renderPseudo`) that are not from the catalogue. Code samples
 * (<code>, <pre>) are not words to translate and are skipped.
 */
export function textsOutsideCatalogue(html: string, data: Iterable<string | number> = []): string[] {
  return lettersOutside(visibleTexts(html), data);
}
