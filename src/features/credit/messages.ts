import { commandMessage } from '../../web/i18n/commandMessages.ts';
import type { MessageValues } from '../../web/i18n/i18n.ts';
import type { credit } from '../../web/i18n/locales/en/errors/credit.ts';

/** A credit command's refusal: one of `errors.credit.*`. */
export type CreditMessage = keyof typeof credit;

/**
 * A credit command's message, in English, from the catalogue (a page re-says it in the reader's language).
 */
export function creditMessage(key: CreditMessage, values?: MessageValues): string {
  return commandMessage(`errors.credit.${key}`, values);
}
