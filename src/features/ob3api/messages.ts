import { commandMessage } from '../../web/i18n/commandMessages.ts';
import type { MessageValues } from '../../web/i18n/i18n.ts';
import type { ob3api } from '../../web/i18n/locales/en/errors/ob3api.ts';

/** A refusal of the OB 3.0 API or a backpack connection: one of `errors.ob3api.*`. */
export type Ob3Message = keyof typeof ob3api;

/** The message in English, from the catalogue (a page re-says it in the reader's language). */
export function ob3Message(key: Ob3Message, values?: MessageValues): string {
  return commandMessage(`errors.ob3api.${key}`, values);
}
