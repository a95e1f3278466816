import assert from 'node:assert/strict';
import { AppError } from '../domain/errors.ts';
import { en } from '../web/i18n/locales/en.ts';
import type { MessageKey } from '../web/i18n/i18n.ts';
import { translator } from '../web/i18n/i18n.ts';
import { commandMessage, recogniseMessage, translateMessage } from '../web/i18n/commandMessages.ts';

type Group = keyof typeof en.errors;

/** The AppError a synchronous check throws (a zod parse, a command's own rule); fails when none is thrown. */
export function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** Every message of one `errors.<group>` of the catalogue, with sample values for its placeholders. */
export function messagesOf(group: Group): Array<{ key: MessageKey; values: Record<string, string> }> {
  const found: Array<{ key: MessageKey; values: Record<string, string> }> = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === 'string') {
      const names = [...node.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      const values = Object.fromEntries(names.map((n, i) => [n, `«${n}-${i + 7}»`]));
      found.push({ key: path.join('.') as MessageKey, values });
    } else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(en.errors[group], ['errors', group]);
  return found;
}

/**
 * Each message a command of the group answers in English is recognised as that message (not
 * mistaken for another) and comes back in Spanish with its values, never in English.
 */
export function assertGroupSaidInSpanish(group: Group): void {
  const es = translator('es');
  for (const { key, values } of messagesOf(group)) {
    const english = commandMessage(key, values);
    const known = recogniseMessage(english);
    assert.ok(known, `${key} is not recognised: "${english}"`);
    assert.equal(commandMessage(known.key, known.values), english, `${key} is mistaken for ${known.key}`);
    const spanish = translateMessage(es, english);
    assert.equal(spanish, es.t(key, values), key);
    assert.notEqual(spanish, english, `${key} stays in English`);
  }
}
