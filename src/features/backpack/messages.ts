import { DEFAULT_LOCALE, translator, type MessageValues, type Translator } from '../../web/i18n/i18n.ts';
import {
  translateMessage as translateCommandMessage,
  translateProblems,
} from '../../web/i18n/commandMessages.ts';
import { backpack } from '../../web/i18n/locales/en/backpack.ts';
import type { FormState } from '../../web/forms.tsx';

/**
 * The backpack's refusals. A command speaks English (its errors also answer the API and the CLI),
 * taking the words from the catalogue (`backpack.errors`); a page shows the same message in the
 * reader's language (src/web/i18n/commandMessages.ts recognises any catalogue error message, the
 * credential reader's `errors.verification.*` included).
 */
export type BackpackMessage = keyof typeof backpack.errors;

/** A command's message, in English, from the catalogue. */
export function backpackMessage(key: BackpackMessage, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(`backpack.errors.${key}`, values);
}

/** A backpack message in the reader's language (a text from elsewhere is left as it is). */
export function translateMessage(t: Translator, text: string): string {
  return translateCommandMessage(t, text);
}

/** A failed form's summary and per-field errors in the reader's language. */
export function translateForm(t: Translator, form: FormState): FormState {
  const translated = translateProblems(t, form);
  return { ...translated, message: translated.message || t.t('backpack.errors.someFields') };
}
