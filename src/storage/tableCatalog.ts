import { sql } from 'kysely';
import type { Queryable } from './database.ts';

/**
 * Tables a backup leaves out, and why:
 * - `sessions`: live logins are bearer secrets tied to the running site; after a restore
 *   everyone logs in again.
 * - `login_failures`: rate-limiting state that is worthless a quarter of an hour later.
 * - `job_schedules`: when each recurring job runs next; every process re-creates the rows on
 *   start (ensureSchedules), so restoring them would only fight that.
 * - `schema_migrations*`: written by migrating the target first; the archive lists them instead.
 * Every other table, including the job queue (pending mail and issuing work must not be lost)
 * and the mail outbox, is in the backup.
 */
export const TABLES_LEFT_OUT = [
  'sessions',
  'login_failures',
  'job_schedules',
  'schema_migrations',
  'schema_migrations_lock',
] as const;

export interface TableInfo {
  name: string;
  /** Columns a row is written with (generated columns left out), in table order. */
  columns: string[];
  /** Primary key columns, to read rows in a stable order. */
  primaryKey: string[];
  /** Holds bytea columns: read in smaller batches. */
  hasBytes: boolean;
  /** The sequence behind `id`, if any. */
  sequence: string | null;
}

/** Every table of the public schema a backup covers, parents before children (foreign keys). */
export async function backupTables(db: Queryable): Promise<TableInfo[]> {
  const tables = await sql<{
    name: string;
    columns: string[];
    types: string[];
    pk: string[] | null;
    sequence: string | null;
  }>`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum) as columns,
      array(select a.atttypid::regtype::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as types,
      (select array(select a.attname::text from unnest(i.indkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n order by k.o)
         from pg_index i where i.indrelid = c.oid and i.indisprimary) as pk,
      case when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'id') then pg_get_serial_sequence(quote_ident(c.relname), 'id') end as sequence
    from pg_class c
    where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
    order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select distinct c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace and c.conrelid <> c.confrelid`.execute(
    db,
  );
  const left = new Set<string>(TABLES_LEFT_OUT);
  const byName = new Map(tables.rows.filter((t) => !left.has(t.name)).map((t) => [t.name, t]));
  const parents = new Map<string, Set<string>>([...byName.keys()].map((n) => [n, new Set<string>()]));
  for (const e of edges.rows)
    if (byName.has(e.child) && byName.has(e.parent)) parents.get(e.child)!.add(e.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < byName.size) {
    const ready = [...byName.keys()].filter(
      (n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p)),
    );
    if (!ready.length)
      throw new Error(
        `Foreign keys form a cycle among: ${[...byName.keys()].filter((n) => !done.has(n)).join(', ')}`,
      );
    for (const name of ready) {
      const t = byName.get(name)!;
      done.add(name);
      ordered.push({
        name,
        columns: t.columns,
        primaryKey: t.pk ?? t.columns,
        hasBytes: t.types.includes('bytea'),
        sequence: t.sequence,
      });
    }
  }
  return ordered;
}

/** Names of the migrations applied to this database, in order. */
export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Tables among these that hold at least one row. */
export async function tablesWithRows(db: Queryable, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const { rows } = await sql<{
      any: boolean;
    }>`select exists (select 1 from ${sql.table(name)}) as any`.execute(db);
    if (rows[0]?.any) out.push(name);
  }
  return out;
}

export async function countRows(db: Queryable, name: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Reads a table's rows as PostgreSQL's own JSON text (row_to_json: bytea as \x hex, exact
 * numerics, timestamps with offsets), in primary-key order, a batch at a time through a cursor
 * inside the caller's transaction, so a large table never sits in memory whole.
 */
export async function* streamRows(tx: Queryable, table: TableInfo, batch: number): AsyncGenerator<string> {
  const cursor = `cairn_backup_${table.name}`;
  const columns = sql.join(table.columns.map((c) => sql.ref(`t.${c}`)));
  const order = sql.join(table.primaryKey.map((c) => sql.ref(`r.${c}`)));
  await sql`declare ${sql.raw(cursor)} no scroll cursor for
    select row_to_json(r)::text as row from (select ${columns} from ${sql.table(table.name)} t) r order by ${order}`.execute(
    tx,
  );
  try {
    for (;;) {
      const { rows } = await sql<{
        row: string;
      }>`fetch forward ${sql.raw(String(batch))} from ${sql.raw(cursor)}`.execute(tx);
      for (const r of rows) yield r.row;
      if (rows.length < batch) return;
    }
  } finally {
    await sql`close ${sql.raw(cursor)}`.execute(tx);
  }
}

/** Inserts rows given as row_to_json text; columns missing from the JSON get their defaults' place as null. */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: string[],
  rowsJson: string,
): Promise<void> {
  const list = sql.join(columns.map((c) => sql.id(c)));
  await sql`insert into ${sql.table(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.table(table)}, ${rowsJson}::json)`.execute(
    tx,
  );
}

/** Moves a table's id sequence past the highest id, so new rows get fresh ids after a restore. */
export async function resetSequence(tx: Queryable, table: TableInfo): Promise<void> {
  if (!table.sequence) return;
  await sql`select setval(${table.sequence}::regclass, coalesce((select max(id) from ${sql.table(table.name)}), 0) + 1, false)`.execute(
    tx,
  );
}
