import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { publicId } from '../domain/ids.ts';
import { generateEd25519, ed25519FromSeed, type Ed25519Keys } from '../credentials/ed25519.ts';
import type { KeyVault } from '../credentials/keyVault.ts';
import { inTransaction, type Queryable } from '../storage/database.ts';
import type { IssuerKey } from '../storage/schema.ts';

export type KeyAlgorithm = 'Ed25519' | 'RSA';

/** Every key an organisation ever had, oldest first. */
export async function listIssuerKeys(db: Queryable, organisationId: number): Promise<IssuerKey[]> {
  return db
    .selectFrom('issuer_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
}

function newKeyMaterial(algorithm: KeyAlgorithm, vault: KeyVault) {
  if (algorithm === 'Ed25519') {
    const keys = generateEd25519();
    return {
      public_key_multibase: keys.publicKeyMultibase,
      public_key_jwk: null,
      private_key_encrypted: vault.seal(keys.seed),
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    public_key_multibase: null,
    public_key_jwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
    private_key_encrypted: vault.seal(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }))),
  };
}

/** Creates a fresh active key, retiring the current one of that algorithm (still published, no longer used to sign). */
export async function rotateIssuerKey(
  db: Queryable,
  organisationId: number,
  vault: KeyVault,
  now: Date,
  algorithm: KeyAlgorithm = 'Ed25519',
): Promise<IssuerKey> {
  return inTransaction(db, async (tx) => {
    await tx
      .updateTable('issuer_keys')
      .set({ status: 'retired', retired_at: now })
      .where('organisation_id', '=', organisationId)
      .where('algorithm', '=', algorithm)
      .where('status', '=', 'active')
      .execute();
    return tx
      .insertInto('issuer_keys')
      .values({
        public_id: publicId('key'),
        organisation_id: organisationId,
        algorithm,
        ...newKeyMaterial(algorithm, vault),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Marks a key compromised: it stops signing and credentials it signed no longer verify. */
export async function revokeIssuerKey(
  db: Queryable,
  organisationId: number,
  keyPublicId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
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

export interface RsaSigningKey {
  row: IssuerKey;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

// Decrypting and importing a key costs more than a signature: cache KeyObjects per key
// (by public id: unique across databases too).
const cache = new Map<string, SigningKey | RsaSigningKey>();

async function activeRow(
  db: Queryable,
  organisationId: number,
  vault: KeyVault,
  now: Date,
  algorithm: KeyAlgorithm,
): Promise<IssuerKey> {
  const find = () =>
    db
      .selectFrom('issuer_keys')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('algorithm', '=', algorithm)
      .where('status', '=', 'active')
      .executeTakeFirst();
  const row = await find();
  if (row) return row;
  try {
    return await rotateIssuerKey(db, organisationId, vault, now, algorithm);
  } catch {
    // Another process created it at the same moment (unique active key per organisation and algorithm).
    const raced = await find();
    if (!raced) throw new Error(`Cannot create a signing key for organisation ${organisationId}`);
    return raced;
  }
}

/** The organisation's active Ed25519 key, created on first use. Call it outside a transaction. */
export async function activeSigningKey(
  db: Queryable,
  organisationId: number,
  vault: KeyVault,
  now: Date,
): Promise<SigningKey> {
  const row = await activeRow(db, organisationId, vault, now, 'Ed25519');
  const cached = cache.get(row.public_id);
  if (cached) return cached as SigningKey;
  const key = { ...ed25519FromSeed(vault.open(row.private_key_encrypted)), row };
  cache.set(row.public_id, key);
  return key;
}

/** The organisation's active RSA key (RS256 VC-JWTs), created on first use. Call it outside a transaction. */
export async function activeRsaKey(
  db: Queryable,
  organisationId: number,
  vault: KeyVault,
  now: Date,
): Promise<RsaSigningKey> {
  const row = await activeRow(db, organisationId, vault, now, 'RSA');
  const cached = cache.get(row.public_id);
  if (cached) return cached as RsaSigningKey;
  const privateKey = createPrivateKey({
    key: Buffer.from(vault.open(row.private_key_encrypted)),
    format: 'der',
    type: 'pkcs8',
  });
  const key = { row, privateKey, publicKey: createPublicKey(privateKey) };
  cache.set(row.public_id, key);
  return key;
}
