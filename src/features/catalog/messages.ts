import { AppError } from '../../domain/errors.ts';
import type { FormState } from '../../web/forms.tsx';
import { DEFAULT_LOCALE, translator, type MessageValues, type Translator } from '../../web/i18n/i18n.ts';
import { catalog } from '../../web/i18n/locales/en/catalog.ts';

/**
 * The catalog commands' messages. A command speaks English (its errors also answer the JSON API),
 * taking the words from the catalogue (`catalog.errors`); a page shows the same message in the
 * reader's language by finding which catalogue message an English text is, placeholders included.
 */
export type CatalogMessage = keyof typeof catalog.errors;

/** A command's message, in English, from the catalogue. */
export function catalogMessage(key: CatalogMessage, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(`catalog.errors.${key}`, values);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message as a pattern: its `{name}` placeholders capture what the command filled in. */
const patterns = (Object.entries(catalog.errors) as Array<[CatalogMessage, string]>).map(
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
export function recogniseCatalogMessage(
  text: string,
): { key: CatalogMessage; values: Record<string, string> } | null {
  for (const { key, names, re } of patterns) {
    const found = re.exec(text);
    if (found) return { key, values: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ''])) };
  }
  return null;
}

/** A catalog message in the reader's language (a text from elsewhere is left as it is). */
export function translateCatalogMessage(t: Translator, text: string): string {
  const known = recogniseCatalogMessage(text);
  return known ? t.t(`catalog.errors.${known.key}`, known.values) : text;
}

/** A failed form's summary and per-field errors in the reader's language. */
export function translateCatalogForm(t: Translator, form: FormState): FormState {
  const errors = Object.fromEntries(
    Object.entries(form.errors).map(([field, text]) => [field, translateCatalogMessage(t, text)]),
  );
  const message = form.message ? translateCatalogMessage(t, form.message) : t.t('catalog.errors.someFields');
  return { ...form, errors, message };
}

/** Runs work whose AppError messages are catalog messages, re-thrown in the reader's language. */
export async function inReadersLanguage<T>(t: Translator, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, v]) => [k, translateCatalogMessage(t, v)]),
    );
    throw new AppError(
      err.code,
      translateCatalogMessage(t, err.message),
      fields,
      err.retryAfterSeconds,
      err.details,
    );
  }
}
