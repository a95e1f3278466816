import { DEFAULT_LOCALE, translator, type MessageValues, type Translator } from '../../web/i18n/i18n.ts';
import { backpack } from '../../web/i18n/locales/en/backpack.ts';
import type { FormState } from '../../web/forms.tsx';

/**
 * The backpack's refusals. A command speaks English (its errors also answer the API and the CLI),
 * taking the words from the catalogue (`backpack.errors`); a page shows the same message in the
 * reader's language by finding which catalogue message an English text is, values included. The
 * credential reader shared with /verify writes the same English, so its refusals are found too.
 */
export type BackpackMessage = keyof typeof backpack.errors;

/** The braces a message writes as {open} and {close} (ICU reads a bare brace as a placeholder). */
const BRACES = { open: '{', close: '}' };

/** A command's message, in English, from the catalogue. */
export function backpackMessage(key: BackpackMessage, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(`backpack.errors.${key}`, { ...BRACES, ...values });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message as a pattern: its `{name}` placeholders capture what the command filled in. */
const patterns = (Object.entries(backpack.errors) as Array<[BackpackMessage, string]>).map(
  ([key, template]) => {
    const names: string[] = [];
    const source = template
      .split(/\{(\w+)\}/)
      .map((part, i) => {
        if (i % 2 === 0) return escape(part);
        names.push(part);
        return '([\\s\\S]+?)';
      })
      .join('');
    return { key, names, re: new RegExp(`^${source}$`) };
  },
);

/** Which catalogue message an English text is, with the values in it; null when it is none of them. */
export function recogniseMessage(
  text: string,
): { key: BackpackMessage; values: Record<string, string> } | null {
  for (const { key, names, re } of patterns) {
    const found = re.exec(text);
    if (found) return { key, values: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ''])) };
  }
  return null;
}

/** A backpack message in the reader's language (a text from elsewhere is left as it is). */
export function translateMessage(t: Translator, text: string): string {
  const known = recogniseMessage(text);
  return known ? t.t(`backpack.errors.${known.key}`, { ...known.values, ...BRACES }) : text;
}

/** A failed form's summary and per-field errors in the reader's language. */
export function translateForm(t: Translator, form: FormState): FormState {
  const errors = Object.fromEntries(
    Object.entries(form.errors).map(([field, text]) => [field, translateMessage(t, text)]),
  );
  const message = form.message ? translateMessage(t, form.message) : t.t('backpack.errors.someFields');
  return { ...form, errors, message };
}
