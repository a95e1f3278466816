import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';
import { statusBitSql } from '../issuing/index.ts';

// Every SQL statement of features/verification: the verifier reads this site's own keys, status
// lists and credentials from the database instead of fetching them from itself.

/** A public key of one of this site's organisations, by organisation slug and key id. */
export async function organisationKey(db: Queryable, slug: string, keyPublicId: string) {
  return db
    .selectFrom('issuer_keys as k')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .select(['k.public_key_multibase', 'k.public_key_jwk', 'k.status'])
    .where('o.slug', '=', slug)
    .where('k.public_id', '=', keyPublicId)
    .executeTakeFirst();
}

/** The status this site keeps for a credential it issued byte for byte (by id and document hash), or null. */
export async function ownCredentialStatusBits(db: Queryable, credentialId: string, documentSha256: string) {
  const row = await db
    .selectFrom('credentials')
    .select('id')
    .where('credential_id', '=', credentialId)
    .where('document_sha256', '=', documentSha256)
    .executeTakeFirst();
  if (!row) return null;
  return db
    .selectFrom('status_entries as e')
    .innerJoin('status_lists as l', 'l.id', 'e.status_list_id')
    .select(['l.purpose', statusBitSql.as('bit')])
    .where('e.credential_id', '=', row.id)
    .execute();
}

/** A status list's current and signed versions. */
export async function statusListVersions(db: Queryable, listPublicId: string) {
  return db
    .selectFrom('status_lists')
    .select(['version', 'signed_version'])
    .where('public_id', '=', listPublicId)
    .executeTakeFirst();
}

/** A status list's signed document (JSON text), if it was signed. */
export async function signedStatusList(db: Queryable, listPublicId: string) {
  const row = await db
    .selectFrom('status_lists')
    .select('signed_document')
    .where('public_id', '=', listPublicId)
    .executeTakeFirst();
  return row?.signed_document ?? null;
}

/** The versions of the status lists a credential is on, as one string (SQL; `credentialId` is a column reference). */
export const statusListsStamp = (credentialId: string) =>
  sql<
    string | null
  >`(select string_agg(l.public_id || ':' || l.version::text, ',' order by l.id) from status_entries e join status_lists l on l.id = e.status_list_id where e.credential_id = ${sql.ref(credentialId)})`;

/** What a verification of a credential issued here depends on: its key's status and its lists' stamp. */
export async function ownCredentialDependencies(db: Queryable, credentialId: string, documentSha256: string) {
  return db
    .selectFrom('credentials as c')
    .leftJoin('issuer_keys as k', 'k.id', 'c.issuer_key_id')
    .select(['k.status as key_status', statusListsStamp('c.id').as('lists')])
    .where('c.credential_id', '=', credentialId)
    .where('c.document_sha256', '=', documentSha256)
    .executeTakeFirst();
}

/** The signed document of a badge of this site by its public id, with its earner's privacy choice. */
export async function badgeDocument(db: Queryable, credentialPublicId: string) {
  return db
    .selectFrom('credentials as cr')
    .leftJoin('credential_privacy as p', 'p.credential_id', 'cr.id')
    .select(['cr.document', 'p.private'])
    .where('cr.public_id', '=', credentialPublicId)
    .executeTakeFirst();
}
