import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { sql } from 'kysely';
import { testBackends } from '../testing/databases.ts';

/**
 * schema.ts is written by hand (kysely's types); this test holds it to the migrated database so
 * the two cannot drift: the same tables, the same columns, and a column is nullable in the
 * database exactly when its TypeScript type admits null.
 */
interface DeclaredColumn {
  nullable: boolean;
}

type DeclaredSchema = Map<string, Map<string, DeclaredColumn>>;

/** Tables and columns as schema.ts declares them, read with the TypeScript compiler. */
function declaredSchema(): DeclaredSchema {
  const file = new URL('./schema.ts', import.meta.url);
  const source = ts.createSourceFile('schema.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeNode>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type);
  });
  const database = interfaces.get('Database');
  assert.ok(database, 'schema.ts declares interface Database');
  const schema: DeclaredSchema = new Map();
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
    const table = member.name.getText(source);
    const declaration = interfaces.get(member.type.typeName.getText(source));
    assert.ok(declaration, `interface for table ${table}`);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of declaration.members) {
      if (!ts.isPropertySignature(column) || !column.type) continue;
      columns.set(column.name.getText(source), {
        nullable: selectAdmitsNull(column.type, aliases, source),
      });
    }
    schema.set(table, columns);
  }
  return schema;
}

/** Whether the type a column is read as (the first argument of ColumnType) admits null. */
function selectAdmitsNull(
  type: ts.TypeNode,
  aliases: Map<string, ts.TypeNode>,
  source: ts.SourceFile,
): boolean {
  if (type.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isLiteralTypeNode(type)) return type.literal.kind === ts.SyntaxKind.NullKeyword;
  if (ts.isUnionTypeNode(type)) return type.types.some((t) => selectAdmitsNull(t, aliases, source));
  if (ts.isParenthesizedTypeNode(type)) return selectAdmitsNull(type.type, aliases, source);
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(source);
    if (name === 'ColumnType' || name === 'Generated') {
      const first = type.typeArguments?.[0];
      return first ? selectAdmitsNull(first, aliases, source) : false;
    }
    const alias = aliases.get(name);
    return alias ? selectAdmitsNull(alias, aliases, source) : false;
  }
  return false;
}

/** Tables the runtime keeps for itself, outside schema.ts on purpose. */
const RUNTIME_TABLES = new Set(['schema_migrations', 'schema_migrations_lock']);

for (const backend of testBackends()) {
  describe(`schema.ts and the migrated database (${backend.name})`, () => {
    test('the same tables and columns, and the same nullability', async () => {
      const { db } = await backend.storage();
      const rows = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
        select c.table_name, c.column_name, c.is_nullable
        from information_schema.columns c
        join information_schema.tables t
          on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db);
      const actual: DeclaredSchema = new Map();
      for (const row of rows.rows) {
        if (RUNTIME_TABLES.has(row.table_name) || row.table_name.startsWith('schema_migrations')) continue;
        const columns = actual.get(row.table_name) ?? new Map<string, DeclaredColumn>();
        columns.set(row.column_name, { nullable: row.is_nullable === 'YES' });
        actual.set(row.table_name, columns);
      }
      const declared = declaredSchema();
      const problems: string[] = [];
      for (const table of actual.keys())
        if (!declared.has(table)) problems.push(`table ${table} is in the database but not in schema.ts`);
      for (const [table, columns] of declared) {
        const real = actual.get(table);
        if (!real) {
          problems.push(`table ${table} is in schema.ts but not in the database`);
          continue;
        }
        for (const [name, column] of columns) {
          const found = real.get(name);
          if (!found) problems.push(`${table}.${name} is in schema.ts but not in the database`);
          else if (found.nullable !== column.nullable)
            problems.push(
              `${table}.${name}: the database says ${found.nullable ? 'nullable' : 'not null'}, schema.ts says ${column.nullable ? 'nullable' : 'not null'}`,
            );
        }
        for (const name of real.keys())
          if (!columns.has(name)) problems.push(`${table}.${name} is in the database but not in schema.ts`);
      }
      assert.deepEqual(
        problems,
        [],
        `schema.ts has drifted from the migrations:\n  ${problems.join('\n  ')}`,
      );
      assert.ok(declared.size > 50, 'schema.ts was read');
    });
  });
}
