import type { Child } from 'hono/jsx';
import { I18nContext } from '../web/i18n/context.ts';
import { translator, type Locale, type Translator } from '../web/i18n/i18n.ts';

/**
 * Checks that a page's words come from the message catalogue. Render a view with the pseudo
 * translator (`translator(locale, { pseudo: true })` wraps every message in ⟦ ⟧); any visible
 * text not made of wrapped messages, and not data the test named (people, addresses, dates), is a
 * string that bypassed t().
 */

/** The pseudo translator for a locale. */
export const pseudo = (locale: Locale): Translator => translator(locale, { pseudo: true });

/** Renders a view as the layout would, with this translator in the render context. */
export function renderWith(i18n: Translator, node: Child): string {
  return String(<I18nContext.Provider value={i18n}>{node}</I18nContext.Provider>);
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text a person sees or hears: text between tags and the labelling attributes (not <head>, scripts or styles). */
export function visibleTexts(html: string): string[] {
  const body = html.replace(/<head>[\s\S]*<\/head>/, '').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '');
  const texts = body
    .split(/<[^>]*>/)
    .map((s) => decode(s).trim())
    .filter(Boolean);
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt|data-kind)="([^"]*)"/g)].map(
    (m) => decode(m[1] ?? ''),
  );
  return [...texts, ...attributes];
}

/** Whether a text is made only of pseudo-wrapped messages (messages may hold other messages). */
export function isFromCatalogue(text: string): boolean {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
  }
  return rest.trim() === '' && text.includes('⟦');
}

/** The visible texts of pseudo-rendered HTML that are neither catalogue messages nor the data named. */
export function textsOutsideCatalogue(html: string, data: Iterable<string> = []): string[] {
  const known = new Set(data);
  return visibleTexts(html).filter((text) => !known.has(text) && !isFromCatalogue(text));
}
