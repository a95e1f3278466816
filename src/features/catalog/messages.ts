import type { MessageValues } from '../../web/i18n/i18n.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';
import type { catalog } from '../../web/i18n/locales/en/catalog.ts';

/**
 * The catalog commands' messages. A command speaks English (its errors also answer the JSON API),
 * taking the words from the catalogue (`catalog.errors`); a page shows the same message in the
 * reader's language (src/web/i18n/commandMessages.ts recognises any catalogue error message).
 */
export type CatalogMessage = keyof typeof catalog.errors;

/** A command's message, in English, from the catalogue. */
export function catalogMessage(key: CatalogMessage, values?: MessageValues): string {
  return commandMessage(`catalog.errors.${key}`, values);
}
