import { isRole } from '../../domain/roles.ts';
import { DEFAULT_LOCALE, translator, type MessageValues, type Translator } from '../../web/i18n/i18n.ts';
import { accounts } from '../../web/i18n/locales/en/accounts.ts';
import type { FormState } from '../../web/forms.tsx';

/**
 * The accounts commands' messages. A command speaks English (its errors also answer the JSON API),
 * taking the words from the catalogue (`accounts.errors`); a page shows the same message in the
 * reader's language by finding which catalogue message an English text is, placeholders included.
 */
export type AccountMessage = keyof typeof accounts.errors;

/** A command's message, in English, from the catalogue. */
export function accountMessage(key: AccountMessage, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(`accounts.errors.${key}`, values);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message as a pattern: its `{name}` placeholders capture what the command filled in. */
const patterns = (Object.entries(accounts.errors) as Array<[AccountMessage, string]>).map(
  ([key, template]) => {
    const names: string[] = [];
    const source = template
      .split(/\{(\w+)\}/)
      .map((part, i) => {
        if (i % 2 === 0) return escape(part);
        names.push(part);
        return '(.+?)';
      })
      .join('');
    return { key, names, re: new RegExp(`^${source}$`) };
  },
);

/** Which catalogue message an English text is, with the values in it; null when it is none of them. */
export function recogniseMessage(
  text: string,
): { key: AccountMessage; values: Record<string, string> } | null {
  for (const { key, names, re } of patterns) {
    const found = re.exec(text);
    if (found) return { key, values: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ''])) };
  }
  return null;
}

/** An accounts message in the reader's language (a text from elsewhere is left as it is). */
export function translateMessage(t: Translator, text: string): string {
  const known = recogniseMessage(text);
  return known ? t.t(`accounts.errors.${known.key}`, known.values) : text;
}

/** A failed form's summary and per-field errors in the reader's language. */
export function translateForm(t: Translator, form: FormState): FormState {
  const errors = Object.fromEntries(
    Object.entries(form.errors).map(([field, text]) => [field, translateMessage(t, text)]),
  );
  const message = form.message ? translateMessage(t, form.message) : t.t('accounts.errors.someFields');
  return { ...form, errors, message };
}

/** A role's name in the reader's language (an unknown one as it is stored). */
export function roleName(t: Translator, role: string): string {
  return isRole(role) ? t.t(`accounts.roles.${role}`) : role;
}
