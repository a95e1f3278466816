import { sql } from 'kysely';
import type { Db } from '../storage/database.ts';

/**
 * Every text the database holds that a page may show as data: names, titles, descriptions,
 * addresses, the strings inside stored JSON documents. A test that checks a page's words came
 * from the message catalogue takes these out first. Identifier-like values (`pending`,
 * `applications:read`) are left out on purpose: a page showing a raw status or code to a person
 * is a string that bypassed the catalogue.
 */
export async function storedTexts(db: Db): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb')
  `.execute(db);
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns.rows)
    byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const found = new Set<string>();
  for (const [table, names] of byTable) {
    const rows = await sql<Record<string, unknown>>`
      select ${sql.join(names.map((n) => sql.ref(n)))} from ${sql.table(table)}
    `.execute(db);
    for (const row of rows.rows) for (const value of Object.values(row)) collect(value, found);
  }
  return [...found];
}

const IDENTIFIER = /^[a-z0-9_:.\-/]+$/;

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        collect(JSON.parse(text) as unknown, into);
        return;
      } catch {
        // not JSON: an ordinary text
      }
    }
    if (text.length < 2 || IDENTIFIER.test(text)) return;
    into.add(text);
    // Markdown as rendered: the same words without the marks; and each line on its own.
    const plain = text.replace(/[*_`#>]+/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    for (const line of plain.split(/\n+/)) {
      const trimmed = line.replace(/^\s*(?:[-+]|\d+\.)\s+/, '').trim();
      if (trimmed.length >= 2) into.add(trimmed);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const item of Object.values(value)) collect(item, into);
  }
}
