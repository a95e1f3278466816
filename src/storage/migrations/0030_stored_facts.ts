import { sql, type Kysely } from 'kysely';

/**
 * Cairn's own words are no longer stored as if someone wrote them (issue 14): a thread entry
 * Cairn writes on a recognition submission (an approval without a note, a withdrawal, a
 * resubmission, an endorsement) keeps its facts in `submission_messages.facts` and an empty body,
 * worded when shown in the reader's language; entries written before keep their English body.
 * An imported badge without a name keeps no name (`imported_credentials.name` null) and is called
 * "untitled" in the reader's language when listed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table submission_messages add column facts jsonb`.execute(db);
  await sql`alter table imported_credentials alter column name drop not null`.execute(db);
}
