import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseInput } from '../../domain/validation.ts';
import { AppError } from '../../domain/errors.ts';
import { commandMessage, recogniseMessage, translateMessage, translateProblems } from './commandMessages.ts';
import { CATALOGUES, translator } from './i18n.ts';

const problems = (schema: z.ZodType, input: unknown): Record<string, string> => {
  try {
    parseInput(schema, input);
  } catch (err) {
    if (err instanceof AppError) return err.fields;
    throw err;
  }
  throw new Error('expected the input to be refused');
};

describe('command messages in the reader’s language', () => {
  const es = translator('es');

  test('checks without a message of their own are worded from the catalogue, not by zod', () => {
    const schema = z.object({
      title: z.string().min(1),
      summary: z.string().max(5),
      code: z.string().min(3),
      hours: z.number().int().min(1).max(40),
      tags: z.array(z.string()).min(1),
      email: z.email(),
      kind: z.enum(['issuer', 'recognizer']),
    });
    const fields = problems(schema, {
      summary: 'far too long',
      code: 'ab',
      hours: 99,
      tags: [],
      email: 'nope',
      kind: 'other',
    });
    assert.deepEqual(fields, {
      title: 'Fill this in.',
      summary: 'Use at most 5 characters.',
      code: 'Use at least 3 characters.',
      hours: 'Enter 40 or less.',
      tags: 'Choose at least 1.',
      email: 'Enter an email address like name@example.org.',
      kind: 'Choose one of the options offered.',
    });
    assert.equal(problems(z.object({ n: z.number() }), { n: 'x' }).n, 'Enter a number.');
  });

  test('a schema’s own message still wins', () => {
    assert.equal(
      problems(z.object({ t: z.string().min(1, 'Name the badge.') }), { t: '' }).t,
      'Name the badge.',
    );
  });

  test('an English message is recognised with its values and said in Spanish', () => {
    const english = commandMessage('validation.textMax', { maximum: 120 });
    const known = recogniseMessage(english);
    assert.ok(known);
    assert.equal(commandMessage(known.key, known.values), english);
    assert.equal(translateMessage(es, english), 'Usa como máximo 120 caracteres.');
    assert.equal(translateMessage(es, commandMessage('errors.conflict')), es.t('errors.conflict'));
  });

  test('a text that is no catalogue message is left as it is; English readers get the text unchanged', () => {
    assert.equal(
      translateMessage(es, 'Something only the issuer wrote.'),
      'Something only the issuer wrote.',
    );
    const english = commandMessage('validation.required');
    assert.equal(translateMessage(translator('en'), english), english);
  });

  test('a failed form’s summary and fields are translated together', () => {
    const form = translateProblems(es, {
      values: { title: '' },
      errors: { title: commandMessage('validation.required') },
      message: commandMessage('errors.unreadableInput'),
    });
    assert.deepEqual(form.errors, { title: 'Completa este campo.' });
    assert.equal(form.message, es.t('errors.unreadableInput'));
    assert.deepEqual(form.values, { title: '' });
  });
});

describe('command messages are unambiguous', () => {
  test('messages with the same English words say the same thing in Spanish', () => {
    const leaves = (node: unknown, path: string[] = []): Array<[string, string]> =>
      typeof node === 'string'
        ? [[path.join('.'), node]]
        : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, k]));
    const spanish = new Map(leaves(CATALOGUES.es));
    const byEnglish = new Map<string, string[]>();
    for (const [key, text] of leaves(CATALOGUES.en))
      if (key.startsWith('validation.') || key.split('.').includes('errors'))
        byEnglish.set(text, [...(byEnglish.get(text) ?? []), key]);
    const differing = [...byEnglish.entries()]
      .filter(([, keys]) => new Set(keys.map((k) => spanish.get(k))).size > 1)
      .map(([text, keys]) => `"${text}": ${keys.map((k) => `${k} = "${spanish.get(k)}"`).join(', ')}`);
    assert.deepEqual(differing, [], 'a page cannot tell these apart, so their Spanish must agree');
  });
});
