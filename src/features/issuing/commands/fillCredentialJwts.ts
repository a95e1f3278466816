import type { KeyVault } from '../../../credentials/keyVault.ts';
import { ed25519FromSeed } from '../../../credentials/ed25519.ts';
import { signVcJwt } from '../../../credentials/vcJwt.ts';
import type { Queryable } from '../../../storage/database.ts';
import { credentialsWithoutJwt, storeCredentialJwt } from '../queries/credentialJwts.ts';

/** Credentials read and signed per batch. */
const BATCH = 200;

/**
 * The backfill of VC-JWTs: every credential issued now gets its VC-JWT at issue time (single
 * awards and bulk awards alike), but credentials issued before that have none. This makes each
 * missing one from the stored document with the very key that signed its Data Integrity proof
 * (kid: that proof's verification method) and stores it, so the download only ever reads.
 * Credentials whose key was revoked get none (a revoked key signs nothing new). Run by the
 * `credentials.fill_jwts` job (its schedule runs it when a process first starts after the
 * upgrade, then daily); safe to run again and concurrently: it only fills empty columns, and
 * EdDSA signatures are deterministic, so two runs make the same text.
 */
export async function fillCredentialJwts(deps: { db: Queryable; vault: KeyVault }): Promise<number> {
  let after = 0;
  let filled = 0;
  for (;;) {
    const rows = await credentialsWithoutJwt(deps.db, after, BATCH);
    if (!rows.length) return filled;
    for (const row of rows) {
      after = row.id;
      const { proof, ...unsigned } = JSON.parse(row.document) as Record<string, unknown>;
      const first = [proof].flat()[0] as { verificationMethod?: unknown } | undefined;
      if (typeof first?.verificationMethod !== 'string') continue;
      const jwt = signVcJwt(unsigned, {
        privateKey: ed25519FromSeed(deps.vault.open(row.private_key_encrypted)).privateKey,
        kid: first.verificationMethod,
      });
      await storeCredentialJwt(deps.db, row.id, jwt);
      filled++;
    }
  }
}
