import { sql, type Kysely } from 'kysely';

/**
 * Language editions of a design (issue 14). Badge content stays in the language its issuer wrote
 * it in, now recorded per version (`in_language`, a BCP 47 code as OB 3.0's Achievement.inLanguage
 * takes it; 'en' for everything written before). An issuer may add a Spanish edition of the name
 * and description (and, if they like, the criteria): OB 3.0 publishes it as a related Achievement
 * (`related` with `inLanguage`), and Cairn shows it to readers who read Spanish.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table micro_credential_versions
    add column in_language text not null default 'en'
      constraint micro_credential_versions_in_language_bcp47
      check (in_language ~ '^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    add column es_name text,
    add column es_description text,
    add column es_criteria text,
    add constraint micro_credential_versions_es_edition_whole
      check ((es_name is null) = (es_description is null) and (es_criteria is null or es_name is not null))`.execute(
    db,
  );
}
