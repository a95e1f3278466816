import { createContext, useContext } from 'hono/jsx';
import { DEFAULT_LOCALE, translator, type Translator } from './i18n.ts';

/**
 * The render context's translator: the layout provides the reader's, and any component below it
 * calls useT() for t(), date() and number(). Outside a layout (a test, a mail) it is English.
 */
export const I18nContext = createContext<Translator>(translator(DEFAULT_LOCALE));

export function useT(): Translator {
  return useContext(I18nContext);
}
