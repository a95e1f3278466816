import type { Queryable } from '../../../storage/database.ts';

// The few reads and writes of a restore that know what a table means (restoreDatabase.ts); the
// row copying itself is generic and lives in storage/tableCatalog.ts.

/** The sealed private keys of every issuer key restored, to prove they open with this secret. */
export async function sealedIssuerKeys(db: Queryable) {
  return db.selectFrom('issuer_keys').select(['public_id', 'private_key_encrypted']).execute();
}

/** The target's own instance settings (its public URL) give way to the backup's. */
export async function clearInstanceSettings(db: Queryable): Promise<void> {
  await db.deleteFrom('instance_settings').execute();
}

/** This database keeps evidence files in their rows: puts a restored file's bytes where the rows expect them. */
export async function putEvidenceBytes(db: Queryable, sha256: string, bytes: Buffer): Promise<void> {
  await db
    .updateTable('evidence_files')
    .set({ bytes })
    .where('sha256', '=', sha256)
    .where((eb) => eb(eb.fn('length', ['bytes']), '=', 0))
    .execute();
}
