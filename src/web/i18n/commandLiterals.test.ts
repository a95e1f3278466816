import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { recogniseMessage } from './commandMessages.ts';
import { CATALOGUES, translator, type MessageKey } from './i18n.ts';

/**
 * Issue 14: a command's words come from the catalogue (`commandMessage('errors.<area>.<key>')`, a
 * feature's own wrapper, or `validation.*` for zod checks without a message), never from an English
 * literal in the code. This guard reads the source of the folders it enforces and lists every
 * message literal that remains: errors (`new AppError(code, '…')`, `conflict('…')`, `forbidden('…')`,
 * `invalid({ field: '…' }, '…')`, per-field messages) and zod messages (`.min(n, '…')`,
 * `.refine(…, '…')`, `{ message: '…' }`, `{ error: '…' }`, `addIssue({ message })`).
 */

const root = resolve(import.meta.dirname, '../../..');

/** The folders held to the rule. A feature joins the list once its messages are in the catalogue. */
const ENFORCED = [
  'src/domain',
  'src/http',
  ...[
    'accounts',
    'admin',
    'audit',
    'backpack',
    'catalog',
    'credit',
    'dataRights',
    'earning',
    'home',
    'issuing',
    'notifications',
    'ob2export',
    'ob3api',
    'payments',
    'recognition',
    'verification',
    'webhooks',
  ].map((feature) => `src/features/${feature}`),
];

/** Not commands' words: API descriptions (for developers), tests. */
const skipped = (path: string) => /\.test\.tsx?$|\.openapi\.ts$/.test(path);

/** Calls whose first argument is a message. */
const MESSAGE_FIRST = new Set([
  'forbidden',
  'email',
  'url',
  'uuid',
  'nonempty',
  'int',
  'positive',
  'nonnegative',
]);
/** zod checks whose second argument is a message. */
const MESSAGE_SECOND = new Set(['min', 'max', 'length', 'gt', 'gte', 'lt', 'lte', 'multipleOf', 'regex']);
/** Calls that take a message as their second argument after a predicate. */
const REFINES = new Set(['refine', 'superRefine', 'check']);
/** Calls whose object-literal arguments may carry `message:` or `error:` (zod schemas and issues). */
const ZOD_OPTIONS = new Set([
  'string',
  'number',
  'boolean',
  'date',
  'enum',
  'union',
  'literal',
  'array',
  'object',
  'bigint',
  'email',
  'url',
  'int',
  'addIssue',
  ...MESSAGE_SECOND,
  ...REFINES,
]);

export interface Finding {
  file: string;
  line: number;
  literal: string;
}

/** English written in an expression: string and template literals, through `+`, `?:`, `??`, `||`. */
function literalTexts(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [[node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${…}')];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node)) return [...literalTexts(node.left), ...literalTexts(node.right)];
  return [];
}

/** Words (two letters or more): an empty string, `'_'` or `'{'` is no message. */
const isWords = (text: string) => /[A-Za-z]{2,}/.test(text);

/** The texts of an object literal's values (per-field messages), or of `message:`/`error:` only. */
function objectTexts(node: ts.Expression, only?: ReadonlySet<string>): ts.Expression[] {
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((p) => {
    if (!ts.isPropertyAssignment(p)) return [];
    const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : '';
    return !only || only.has(name) ? [p.initializer] : [];
  });
}

const MESSAGE_PROPS = new Set(['message', 'error']);

const calleeName = (call: ts.CallExpression | ts.NewExpression): string => {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
};

/** The expressions of a call that hold a person's message, by the kind of call. */
function messageArguments(call: ts.CallExpression | ts.NewExpression): ts.Expression[] {
  const name = calleeName(call);
  const args = [...(call.arguments ?? [])];
  const [first, second, third] = args;
  const options = ZOD_OPTIONS.has(name) ? args.flatMap((a) => objectTexts(a, MESSAGE_PROPS)) : [];
  if (ts.isNewExpression(call))
    return name === 'AppError' ? [second, ...(third ? objectTexts(third) : [])].filter((x) => !!x) : [];
  if (name === 'conflict') return [first, ...(second ? objectTexts(second) : [])].filter((x) => !!x);
  if (name === 'invalid') return [...(first ? objectTexts(first) : []), ...(second ? [second] : [])];
  if (MESSAGE_FIRST.has(name) && first) return [first, ...options];
  if ((MESSAGE_SECOND.has(name) || REFINES.has(name)) && second) return [second, ...options];
  return options;
}

const ERROR_MAKERS = new Set(['AppError', 'conflict', 'forbidden', 'invalid']);
const makesAppError = (node: ts.Node): boolean =>
  ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ERROR_MAKERS.has(calleeName(node))) ||
  !!ts.forEachChild(node, makesAppError);

/** The file's own helpers that build an AppError (`const refuse = (message) => new AppError(…)`). */
function errorHelpers(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body && makesAppError(node.body))
      names.add(node.name.text);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) &&
      makesAppError(node.initializer.body)
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** A sentence handed to such a helper (words with a space: not a code or a key). */
const isSentence = (text: string) => isWords(text) && /\s/.test(text.trim());

/** Every message literal of one source text. */
export function messageLiterals(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const helpers = errorHelpers(sf);
  const found: Finding[] = [];
  const add = (arg: ts.Expression, keep: (text: string) => boolean) => {
    for (const literal of literalTexts(arg).filter(keep))
      found.push({ file, line: sf.getLineAndCharacterOfPosition(arg.getStart(sf)).line + 1, literal });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      for (const arg of messageArguments(node)) add(arg, isWords);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && helpers.has(node.expression.text))
        for (const arg of node.arguments) add(arg, isSentence);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !skipped(path) ? [path] : [];
  });
}

describe('commands take their words from the catalogue', () => {
  test('the guard sees each kind of message literal', () => {
    const source = `
      throw new AppError('conflict', 'Taken.', { slug: 'Pick another.' });
      throw conflict(\`\${name} is taken.\`);
      throw forbidden('Not yours.');
      throw invalid({ email: 'Not an address.' }, 'Fix it.');
      const s = z.string({ message: 'Give a name.' }).min(1, 'Give a name.').max(9, ok ? 'Too long.' : 'Far too long.');
      const r = z.object({}).refine((v) => v, 'Does not match.').refine((v) => v, { message: 'Nor this.' });
      const e = z.enum(['a'], { error: 'Choose one.' });
      ctx.addIssue({ code: 'custom', message: 'Something else.' });
      const refuse = (why: string) => new AppError('invalid_input', why);
      throw refuse(\`The host \${host} cannot be found.\`);
      const stop = (why: string) => { throw conflict(why); };
      stop('Already posted.');
      fine(commandMessage('errors.general.someFields'), Math.max(1, 2), notFound('badge'), invalid({ _: '' }));
    `;
    const literals = messageLiterals('x.ts', source).map((f) => f.literal);
    assert.deepEqual(
      literals.sort(),
      [
        'Taken.',
        'Pick another.',
        '${…} is taken.',
        'Not yours.',
        'Not an address.',
        'Fix it.',
        'Give a name.',
        'Give a name.',
        'Too long.',
        'Far too long.',
        'Does not match.',
        'Nor this.',
        'Choose one.',
        'Something else.',
        'The host ${…} cannot be found.',
        'Already posted.',
      ].sort(),
    );
  });

  test('the enforced folders hold no English message literal', () => {
    const findings = ENFORCED.flatMap((dir) =>
      sourceFiles(join(root, dir)).flatMap((path) =>
        messageLiterals(relative(root, path), readFileSync(path, 'utf8')),
      ),
    );
    const listed = findings.map((f) => `${f.file}:${f.line}: ${f.literal}`);
    assert.deepEqual(listed, [], `Put these in the catalogue (commandMessage):\n${listed.join('\n')}`);
  });
});

type Tree = { [key: string]: string | Tree };

/** Every command message of a catalogue (any key under an `errors` group, and `validation.*`). */
function commandEntries(tree: Tree, path: string[] = []): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]): Array<[string, string]> => {
    const at = [...path, k];
    if (typeof v !== 'string') return commandEntries(v, at);
    return at[0] === 'validation' || at.includes('errors') ? [[at.join('.'), v]] : [];
  });
}

/** Page wording kept under `errors` that is the same in both languages by nature. */
const SAME_IN_SPANISH = new Set<string>([]);

describe('command messages in Spanish', () => {
  const english = commandEntries(CATALOGUES.en as unknown as Tree);
  const spanish = new Map(commandEntries(CATALOGUES.es as unknown as Tree));

  test('every command message has its own Spanish text', () => {
    const untranslated = english
      .filter(([key, text]) => !SAME_IN_SPANISH.has(key) && spanish.get(key) === text)
      .map(([key]) => key);
    assert.deepEqual(untranslated, [], 'Spanish still English');
  });

  test('each message, values filled in, is recognised as itself and said in Spanish', () => {
    const en = translator('en');
    const es = translator('es');
    const values = (template: string) =>
      Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m, i) => [m[1]!, `«value ${i}»`]));
    for (const [key, template] of english) {
      if (/\{\w+,\s*(plural|select)/.test(template)) continue;
      const filled = values(template);
      const text = en.t(key as MessageKey, filled);
      const known = recogniseMessage(text);
      assert.ok(known, `${key} is not recognised: ${text}`);
      // Two keys may share an English text; they must then share the Spanish too.
      assert.equal(es.t(known.key, known.values), es.t(key as MessageKey, filled), key);
    }
  });
});
