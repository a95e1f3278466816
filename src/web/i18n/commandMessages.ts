import { en } from './locales/en.ts';
import { DEFAULT_LOCALE, translator, type MessageKey, type MessageValues, type Translator } from './i18n.ts';

/**
 * The words commands answer with. A command speaks English, because its errors also answer the
 * JSON API and the CLI; it takes that English from the catalogue (`<area>.errors.*`, and
 * `validation.*` for checks without a message of their own). A page then shows the same message in
 * the reader's language by recognising which catalogue message an English text is, with the values
 * filled in, and asking for it again in the reader's language.
 */

/** A command's message: English, from the catalogue. */
export function commandMessage(key: MessageKey, values?: MessageValues): string {
  return translator(DEFAULT_LOCALE).t(key, values);
}

interface Pattern {
  key: MessageKey;
  names: string[];
  re: RegExp;
  /** How many fixed characters it has: the most specific pattern is tried first. */
  fixed: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Messages commands send: any key under an `errors` group, and the `validation` group. */
const isCommandMessage = (path: string[]) => path[0] === 'validation' || path.includes('errors');

function patternOf(key: string, template: string): Pattern | null {
  if (/\{\w+,\s*(plural|select|selectordinal)/.test(template)) return null;
  const names: string[] = [];
  const parts = template.split(/\{(\w+)\}/);
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return escape(part);
      names.push(part);
      return '(.+?)';
    })
    .join('');
  const fixed = parts.filter((_, i) => i % 2 === 0).join('').length;
  return { key: key as MessageKey, names, re: new RegExp(`^${source}$`, 's'), fixed };
}

function collect(node: unknown, path: string[], into: Pattern[]): void {
  if (typeof node === 'string') {
    const pattern = isCommandMessage(path) ? patternOf(path.join('.'), node) : null;
    if (pattern) into.push(pattern);
  } else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) collect(v, [...path, k], into);
}

let patterns: Pattern[] | null = null;
function allPatterns(): Pattern[] {
  if (!patterns) {
    const found: Pattern[] = [];
    collect(en, [], found);
    patterns = found.sort((a, b) => b.fixed - a.fixed);
  }
  return patterns;
}

/** Which catalogue message an English text is, with the values in it; null when it is none. */
export function recogniseMessage(text: string): { key: MessageKey; values: Record<string, string> } | null {
  for (const { key, names, re } of allPatterns()) {
    const found = re.exec(text);
    if (found) return { key, values: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ''])) };
  }
  return null;
}

/**
 * A command's message in the reader's language; a text that is no catalogue message stays as it is.
 * A value that is itself a catalogue message (a CSV file's line error inside "The file could not
 * be read as CSV. {reason}") is said in the reader's language too.
 */
export function translateMessage(i18n: Translator, text: string): string {
  if (i18n.locale === DEFAULT_LOCALE && !i18n.pseudo) return text;
  const known = recogniseMessage(text);
  if (!known) return text;
  const values = Object.fromEntries(
    Object.entries(known.values).map(([name, value]) => [
      name,
      // Only a shorter text: a message that is all value would recognise itself for ever.
      value.length < text.length ? translateMessage(i18n, value) : value,
    ]),
  );
  return i18n.t(known.key, values);
}

/** A failed form's summary and per-field messages in the reader's language. */
export function translateProblems<F extends { errors: Record<string, string>; message?: string | null }>(
  i18n: Translator,
  form: F,
): F {
  const errors = Object.fromEntries(
    Object.entries(form.errors).map(([field, text]) => [field, translateMessage(i18n, text)]),
  );
  return { ...form, errors, message: form.message ? translateMessage(i18n, form.message) : form.message };
}
