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
  // What operators read: the `cairn` command, start-up problems, badge-image errors.
  ...OPERATOR_WORDS_IN(),
];

/**
 * Where operators read Cairn's words: the `cairn` command and what it prints (src/main), the
 * settings (src/config.ts) and the badge-image errors (src/credentials/baking). Besides the message
 * kinds above, a sentence is caught wherever it is handed to a person there: to an error of any
 * kind (`new XError('…')`, `throw '…'`), to the command's output (`say`, `fail`, `write`), or to
 * its help (`description`, `option`, `requiredOption`, `addHelpText`, `helpOption`, `helpCommand`).
 * Log lines for operators' log files stay English: the structured logger's calls
 * (`logger.info('event name', { fields })`) are none of these, so the guard does not read them.
 * The demo's seed content (demo*.ts) is content its made-up issuers wrote, not Cairn's words.
 */
function OPERATOR_WORDS_IN(): string[] {
  return ['src/main', 'src/config.ts', 'src/credentials/baking'];
}
const isOperatorWords = (path: string) =>
  OPERATOR_WORDS_IN().some((dir) => path === dir || path.startsWith(`${dir}/`));

/** Not commands' words: API descriptions (for developers), tests, the demo's seed content. */
const skipped = (path: string) =>
  /\.test\.tsx?$|\.openapi\.ts$/.test(path) || /(^|\/)src\/main\/demo[^/]*\.ts$/.test(path);

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

/**
 * Calls that print to an operator or word the command's help, and where their words start
 * (an option's flags come before its description).
 */
const OPERATOR_SINKS = new Map([
  ['say', 0],
  ['fail', 0],
  ['write', 0],
  ['description', 0],
  ['addHelpText', 1],
  ['option', 1],
  ['requiredOption', 1],
  ['helpOption', 1],
  ['helpCommand', 1],
]);

/** An argument, or the elements of an array literal (`new ConfigError(['…'])`). */
const spread = (args: readonly ts.Expression[]): ts.Expression[] =>
  args.flatMap((a) => (ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]));

/** Sentences handed to an error of any kind, to the command's output or to its help. */
function operatorArguments(node: ts.Node): ts.Expression[] {
  if (ts.isNewExpression(node) && calleeName(node).endsWith('Error')) return spread(node.arguments ?? []);
  const from = ts.isCallExpression(node) ? OPERATOR_SINKS.get(calleeName(node)) : undefined;
  if (ts.isCallExpression(node) && from !== undefined) return spread(node.arguments.slice(from));
  if (ts.isThrowStatement(node) && node.expression) return [node.expression];
  return [];
}

/**
 * Two words or more, apart by a space: `cairn: ${reason}` (the program's name before its message)
 * and codes such as `not_png` are none.
 */
const isPhrase = (text: string) => /[A-Za-z]{2,}[^A-Za-z$]*\s[^A-Za-z$]*[A-Za-z]{2,}/.test(text);

/**
 * Every message literal of one source text; with `operator`, also every sentence handed to an
 * error, the command's output or its help (see OPERATOR_WORDS_IN).
 */
export function messageLiterals(file: string, source: string, operator = false): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const helpers = errorHelpers(sf);
  const found: Finding[] = [];
  const add = (arg: ts.Expression, keep: (text: string) => boolean) => {
    for (const literal of literalTexts(arg).filter(keep))
      found.push({ file, line: sf.getLineAndCharacterOfPosition(arg.getStart(sf)).line + 1, literal });
  };
  const visit = (node: ts.Node): void => {
    if (operator) for (const arg of operatorArguments(node)) add(arg, isPhrase);
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
  if (!statSync(dir).isDirectory()) return skipped(dir) ? [] : [dir];
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

  test('where operators read, the guard also sees sentences handed to errors, output and help', () => {
    const source = `
      throw new ConfigError(['PORT: must be a number']);
      throw new BakingError('corrupt_png', 'The PNG is cut short.');
      fail(\`No organisation called \${slug}.\`);
      say('Nothing was issued.');
      process.stderr.write('cairn: the file is gone\\n');
      program.command('x').description('Do the thing.').option('--all', 'every one of them');
      throw 'a bare sentence';
      logger.info('applied migrations', { migrations });
      logger.error('error while stopping', { error: err.message });
      fail(t('cli.worker.needsDatabase'));
      throw new BakingError('not_png', 'notPng');
    `;
    const literals = messageLiterals('x.ts', source, true).map((f) => f.literal);
    assert.deepEqual(
      literals.sort(),
      [
        'PORT: must be a number',
        'The PNG is cut short.',
        'No organisation called ${…}.',
        'Nothing was issued.',
        'cairn: the file is gone\n',
        'Do the thing.',
        'every one of them',
        'a bare sentence',
      ].sort(),
    );
    assert.deepEqual(messageLiterals('x.ts', source), [], 'elsewhere only the message kinds count');
  });

  test('the enforced folders hold no English message literal', () => {
    const findings = ENFORCED.flatMap((dir) =>
      sourceFiles(join(root, dir)).flatMap((path) =>
        messageLiterals(
          relative(root, path),
          readFileSync(path, 'utf8'),
          isOperatorWords(relative(root, path)),
        ),
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
