import { sql, type Kysely } from 'kysely';

/**
 * A credential's document id (`credential_id`, which the VC API lets the caller choose) is unique
 * per organisation, not across Cairn: another organisation's id then behaves exactly like an
 * unknown one (no error, so nothing tells a caller that it exists), while repeating one of your
 * own is refused. Lookups by document id also match the stored text's hash (see
 * commands/verifyCredential.ts); public pages use Cairn's own `public_id`, unique everywhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table credentials drop constraint credentials_credential_id_key`,
    sql`create unique index credentials_org_credential_id on credentials (organisation_id, credential_id)`,
    sql`create index credentials_credential_id on credentials (credential_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
