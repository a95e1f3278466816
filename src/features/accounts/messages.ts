import { isRole } from '../../domain/roles.ts';
import { DEFAULT_LOCALE, translator, type MessageValues, type Translator } from '../../web/i18n/i18n.ts';
import {
  translateMessage as translateCommandMessage,
  translateProblems,
} from '../../web/i18n/commandMessages.ts';
import { accounts } from '../../web/i18n/locales/en/accounts.ts';
import type { FormState } from '../../web/forms.tsx';

/**
 * The accounts commands' messages. A command speaks English (its errors also answer the JSON API),
 * taking the words from the catalogue (`accounts.errors`); a page shows the same message in the
 * reader's language (src/web/i18n/commandMessages.ts recognises any catalogue error message).
 */
export type AccountMessage = keyof typeof accounts.errors;

/** A command's message, in English, from the catalogue. */
export function accountMessage(key: AccountMessage, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(`accounts.errors.${key}`, values);
}

/** An accounts message in the reader's language (a text from elsewhere is left as it is). */
export function translateMessage(t: Translator, text: string): string {
  return translateCommandMessage(t, text);
}

/** A failed form's summary and per-field errors in the reader's language. */
export function translateForm(t: Translator, form: FormState): FormState {
  const translated = translateProblems(t, form);
  return { ...translated, message: translated.message ?? t.t('accounts.errors.someFields') };
}

/** A role's name in the reader's language (an unknown one as it is stored). */
export function roleName(t: Translator, role: string): string {
  return isRole(role) ? t.t(`accounts.roles.${role}`) : role;
}
