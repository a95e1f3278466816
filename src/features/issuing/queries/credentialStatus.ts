import type { Queryable } from '../../../storage/database.ts';
import { statusBitSql } from './statusLists.ts';

/** The state of a credential Cairn issued, as its holder and issuer see it. */
export type CredentialStatus = 'valid' | 'revoked' | 'suspended' | 'expired';

/**
 * Revoked, suspended, expired or valid for each credential, from Cairn's own status lists (the
 * bits of status_entries) and the stored valid_until; a revocation wins over a suspension, and
 * both over expiry. A credential given without valid_until is never reported expired.
 */
export async function statusesOf(
  db: Queryable,
  credentials: ReadonlyArray<{ id: number; valid_until?: Date | null }>,
  now: Date,
): Promise<Map<number, CredentialStatus>> {
  const out = new Map<number, CredentialStatus>();
  if (!credentials.length) return out;
  const entries = await db
    .selectFrom('status_entries as e')
    .innerJoin('status_lists as l', 'l.id', 'e.status_list_id')
    .select(['e.credential_id', 'l.purpose', statusBitSql.as('bit')])
    .where(
      'e.credential_id',
      'in',
      credentials.map((c) => c.id),
    )
    .execute();
  const setBits = new Map<number, Set<string>>();
  for (const e of entries) {
    if (Number(e.bit) !== 1) continue;
    const purposes = setBits.get(e.credential_id) ?? new Set<string>();
    purposes.add(e.purpose);
    setBits.set(e.credential_id, purposes);
  }
  for (const c of credentials) {
    const purposes = setBits.get(c.id);
    const expired = !!c.valid_until && c.valid_until.getTime() <= now.getTime();
    out.set(
      c.id,
      purposes?.has('revocation')
        ? 'revoked'
        : purposes?.has('suspension')
          ? 'suspended'
          : expired
            ? 'expired'
            : 'valid',
    );
  }
  return out;
}
