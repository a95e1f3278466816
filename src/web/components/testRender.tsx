import type { Child } from 'hono/jsx';
import { I18nContext } from '../i18n/context.ts';
import { translator, type Locale } from '../i18n/i18n.ts';

/** Renders a component as the layout would, in a language (for the components' tests). */
export function renderIn(locale: Locale, node: Child): string {
  return String(<I18nContext.Provider value={translator(locale)}>{node}</I18nContext.Provider>);
}
