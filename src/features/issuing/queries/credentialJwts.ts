import type { Queryable } from '../../../storage/database.ts';

// The VC-JWT beside each stored credential (credentials.jwt), and what making a missing one needs.

/** A credential's stored VC-JWT and the state of the key that signed it (for the download). */
export function credentialJwtOf(db: Queryable, credentialId: number) {
  return db
    .selectFrom('credentials as cr')
    .leftJoin('issuer_keys as k', 'k.id', 'cr.issuer_key_id')
    .select(['cr.jwt', 'k.algorithm', 'k.status'])
    .where('cr.id', '=', credentialId)
    .executeTakeFirst();
}

/**
 * Credentials without a VC-JWT whose signing key can still make one (Ed25519, not revoked), after
 * row id `after`, oldest first: what the backfill fills, a batch at a time.
 */
export function credentialsWithoutJwt(db: Queryable, after: number, limit: number) {
  return db
    .selectFrom('credentials as cr')
    .innerJoin('issuer_keys as k', 'k.id', 'cr.issuer_key_id')
    .select(['cr.id', 'cr.document', 'k.private_key_encrypted'])
    .where('cr.jwt', 'is', null)
    .where('cr.id', '>', after)
    .where('k.algorithm', '=', 'Ed25519')
    .where('k.status', '!=', 'revoked')
    .orderBy('cr.id')
    .limit(limit)
    .execute();
}

/** Stores a credential's VC-JWT; only fills an empty column (the first one made stays). */
export async function storeCredentialJwt(db: Queryable, credentialId: number, jwt: string): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ jwt })
    .where('id', '=', credentialId)
    .where('jwt', 'is', null)
    .execute();
}
