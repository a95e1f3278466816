import { AppError, notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { KeyVault } from '../../../credentials/keyVault.ts';
import { ed25519FromSeed } from '../../../credentials/ed25519.ts';
import { signVcJwt } from '../../../credentials/vcJwt.ts';

/**
 * The VC-JWT of a credential issued here. Every credential `issue()` signs gets one at issue time;
 * those issued without one (bulk awards, and badges issued before every badge had one) get it the
 * first time it is asked for, made from the stored document with the very key that signed its
 * Data Integrity proof (kid: that proof's verification method), and stored, so it is the same
 * text every time after. EdDSA signatures are deterministic, so two requests racing to make it
 * produce the same bytes anyway; the update only fills an empty column.
 *
 * Refused (404) when the signing key has been revoked: a revoked key signs nothing new.
 */
export async function credentialJwt(db: Queryable, vault: KeyVault, credentialId: number): Promise<string> {
  const row = await db
    .selectFrom('credentials as cr')
    .leftJoin('issuer_keys as k', 'k.id', 'cr.issuer_key_id')
    .select(['cr.jwt', 'cr.document', 'k.algorithm', 'k.status', 'k.private_key_encrypted'])
    .where('cr.id', '=', credentialId)
    .executeTakeFirst();
  if (!row) throw notFound('That badge');
  if (row.jwt) return row.jwt;
  if (row.algorithm !== 'Ed25519' || !row.private_key_encrypted) throw notFound('A VC-JWT of this badge');
  if (row.status === 'revoked')
    throw new AppError(
      'not_found',
      'The key that signed this badge has since been revoked by its issuer, so no VC-JWT can be made for it. The credential (JSON) is still available.',
    );
  const { proof, ...unsigned } = JSON.parse(row.document) as Record<string, unknown>;
  const first = [proof].flat()[0] as { verificationMethod?: unknown } | undefined;
  if (typeof first?.verificationMethod !== 'string') throw notFound('A VC-JWT of this badge');
  const jwt = signVcJwt(unsigned, {
    privateKey: ed25519FromSeed(vault.open(row.private_key_encrypted)).privateKey,
    kid: first.verificationMethod,
  });
  await db
    .updateTable('credentials')
    .set({ jwt })
    .where('id', '=', credentialId)
    .where('jwt', 'is', null)
    .execute();
  const stored = await db
    .selectFrom('credentials')
    .select('jwt')
    .where('id', '=', credentialId)
    .executeTakeFirstOrThrow();
  return stored.jwt ?? jwt;
}
