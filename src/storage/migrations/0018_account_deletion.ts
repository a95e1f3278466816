import { sql, type Kysely } from 'kysely';

/**
 * A deleted account keeps its row, anonymised (no name, emails or password), so what others
 * hold stays whole: credentials issued to it keep their claim and privacy, the append-only
 * credit ledger keeps its references, and audit rows keep an actor that is no longer a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column deleted_at timestamptz`.execute(db);
}
