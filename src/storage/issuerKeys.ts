import { publicId } from '../domain/ids.ts';
import { generateEd25519, ed25519FromSeed, type Ed25519Keys } from '../credentials/ed25519.ts';
import type { KeyVault } from '../credentials/keyVault.ts';
import type { KeyObject } from 'node:crypto';
import { inTransaction, type Queryable } from './database.ts';
import type { IssuerKey } from './schema.ts';

/** Every key an organisation ever had, oldest first. */
export async function listIssuerKeys(db: Queryable, organisationId: number): Promise<IssuerKey[]> {
  return db.selectFrom('issuer_keys').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

/** Creates a fresh active key, retiring the current one (still published, no longer used to sign). */
export async function rotateIssuerKey(db: Queryable, organisationId: number, vault: KeyVault, now: Date): Promise<IssuerKey> {
  return inTransaction(db, async (tx) => {
    await tx.updateTable('issuer_keys').set({ status: 'retired', retired_at: now }).where('organisation_id', '=', organisationId).where('status', '=', 'active').execute();
    const keys = generateEd25519();
    return tx
      .insertInto('issuer_keys')
      .values({
        public_id: publicId('key'),
        organisation_id: organisationId,
        public_key_multibase: keys.publicKeyMultibase,
        private_key_encrypted: vault.seal(keys.seed),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Marks a key compromised: it stops signing and credentials it signed no longer verify. */
export async function revokeIssuerKey(db: Queryable, organisationId: number, keyPublicId: string, reason: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('issuer_keys')
    .set({ status: 'revoked', revoked_at: now, revocation_reason: reason })
    .where('organisation_id', '=', organisationId)
    .where('public_id', '=', keyPublicId)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface SigningKey extends Ed25519Keys {
  row: IssuerKey;
  privateKey: KeyObject;
}

// Decrypting and importing a key costs more than a signature: cache KeyObjects per key.
const cache = new Map<string, SigningKey>(); // by public id: unique across databases too

/** The organisation's active signing key, created on first use. */
export async function activeSigningKey(db: Queryable, organisationId: number, vault: KeyVault, now: Date): Promise<SigningKey> {
  let row = await db.selectFrom('issuer_keys').selectAll().where('organisation_id', '=', organisationId).where('status', '=', 'active').executeTakeFirst();
  if (!row) {
    try {
      row = await rotateIssuerKey(db, organisationId, vault, now);
    } catch {
      // Another process created it at the same moment (unique active key per organisation).
      row = await db.selectFrom('issuer_keys').selectAll().where('organisation_id', '=', organisationId).where('status', '=', 'active').executeTakeFirstOrThrow();
    }
  }
  const cached = cache.get(row.public_id);
  if (cached) return cached;
  const key = { ...ed25519FromSeed(vault.open(row.private_key_encrypted)), row };
  cache.set(row.public_id, key);
  return key;
}
