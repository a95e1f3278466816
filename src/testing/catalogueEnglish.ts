import { sql } from 'kysely';
import type { Db } from '../storage/database.ts';
import { en } from '../web/i18n/locales/en.ts';

/**
 * Cairn's own English stored as if someone wrote it: a stored text that is an English message of
 * the catalogue (with any values filled in). Such a text reaches every reader in English, and a
 * wording test that takes the database's texts out as data cannot notice. Cairn stores facts
 * instead and words them when they are shown (see payments/instructions.ts).
 */
export interface CatalogueEnglish {
  /** The stored text. */
  text: string;
  /** Where it is stored (`table.column`), when read from a database. */
  column?: string;
  /** The catalogue message it is. */
  key: string;
}

interface Pattern {
  key: string;
  re: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number as ICU writes `#` in a plural's arm, in any language's digits and separators. */
const NUMBER = '[\\d.,\\u00a0\\u202f ]+';

/** The index of the `}` that closes the `{` at `open`. */
function closing(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === '{') depth++;
    else if (template[i] === '}' && --depth === 0) return i;
  }
  return template.length;
}

/**
 * An ICU template as a regular expression's source, and its fixed words: a simple argument
 * (`{name}`) matches any text; a plural or a select matches any of its arms (`#` a number).
 */
function compile(template: string, inPlural = false): { source: string; words: string } {
  let source = '';
  let words = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = closing(template, i);
      const inner = template.slice(i + 1, end);
      const head = /^\s*\w+\s*,\s*(plural|selectordinal|select)\s*,/.exec(inner);
      if (!head) source += '(?:.+?)';
      else {
        const arms: string[] = [];
        let armWords: string | null = null;
        const body = inner.slice(head[0].length);
        for (let j = 0; j < body.length; j++) {
          if (body[j] !== '{') continue;
          const armEnd = closing(body, j);
          const arm = compile(body.slice(j + 1, armEnd), inPlural || head[1] !== 'select');
          arms.push(arm.source);
          armWords ??= arm.words;
          j = armEnd;
        }
        source += `(?:${arms.join('|')})`;
        words += ` ${armWords ?? ''} `;
      }
      i = end + 1;
    } else {
      source += inPlural && ch === '#' ? NUMBER : escape(ch);
      words += ch;
      i++;
    }
  }
  return { source, words };
}

/**
 * An ICU template as a pattern that any text it can produce matches, whatever the values. Null for
 * a template too plain to tell a stored text from it: a single word, or few letters around its
 * arguments (a label such as "Approved" or a line such as "Issued on {date}." is also what people
 * write themselves).
 */
export function templatePattern(key: string, template: string): Pattern | null {
  const plain = template.replace(/''/g, "'");
  const { source, words } = compile(plain);
  // A message without arguments is matched exactly: two words are enough to tell it; around
  // arguments, a dozen letters of its own.
  const enough = plain.includes('{')
    ? (words.match(/\p{L}/gu) ?? []).length >= 12
    : (words.match(/\p{L}{2,}/gu) ?? []).length >= 2;
  if (!enough) return null;
  return { key, re: new RegExp(`^${source}$`, 's') };
}

function collect(node: unknown, path: string[], into: Pattern[]): void {
  if (typeof node === 'string') {
    const pattern = templatePattern(path.join('.'), node);
    if (pattern) into.push(pattern);
  } else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) collect(v, [...path, k], into);
}

let patterns: Pattern[] | null = null;

/** The English catalogue as patterns, compiled once. */
function englishPatterns(): Pattern[] {
  if (!patterns) {
    const found: Pattern[] = [];
    collect(en, [], found);
    patterns = found;
  }
  return patterns;
}

/** The texts that are English catalogue messages, each with the message it is. */
export function catalogueEnglishIn(texts: Iterable<string>): CatalogueEnglish[] {
  const found: CatalogueEnglish[] = [];
  for (const text of texts) {
    const match = englishPatterns().find((p) => p.re.test(text));
    if (match) found.push({ text, key: match.key });
  }
  return found;
}

/**
 * Mail already sent or waiting to be sent is worded for its recipient, in their language, when it
 * is queued: the outbox keeps what went out, not something to show again.
 */
const RENDERED = new Set(['mail_outbox']);

/** The strings a stored value holds (JSON documents walked to their strings). */
function stringsOf(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        stringsOf(JSON.parse(text) as unknown, into);
        return;
      } catch {
        // not JSON: an ordinary text
      }
    }
    into.push(text);
  } else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value && typeof value === 'object' && !(value instanceof Date))
    for (const item of Object.values(value)) stringsOf(item, into);
}

/**
 * Every stored text of the database (but the mail outbox) that is an English catalogue message;
 * `tables` limits the reading to those tables.
 */
export async function storedCatalogueEnglish(db: Db, tables?: string[]): Promise<CatalogueEnglish[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb')
    order by table_name, column_name
  `.execute(db);
  const found: CatalogueEnglish[] = [];
  for (const { table_name, column_name } of columns.rows) {
    if (RENDERED.has(table_name) || (tables && !tables.includes(table_name))) continue;
    const rows = await sql<{ value: unknown }>`
      select distinct ${sql.ref(column_name)} as value from ${sql.table(table_name)}
      where ${sql.ref(column_name)} is not null
    `.execute(db);
    const texts: string[] = [];
    for (const row of rows.rows) stringsOf(row.value, texts);
    for (const match of catalogueEnglishIn(new Set(texts)))
      found.push({ ...match, column: `${table_name}.${column_name}` });
  }
  return found;
}
