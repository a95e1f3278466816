import { sql, type Kysely } from 'kysely';

/**
 * How to pay an invoice, as facts (issue 14): `payments.instruction_facts` holds what the provider
 * asks for (the amount, the currency, the payee and the reference to quote) so the words are
 * chosen when the instructions are shown, in the reader's language. Payments made before keep
 * their stored English `instructions`, which are shown as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments add column instruction_facts jsonb`.execute(db);
}
