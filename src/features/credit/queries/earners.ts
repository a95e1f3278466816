import type { Queryable } from '../../../storage/database.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';

/** The account whose confirmed email a credential was issued to. */
export async function userForEmail(db: Queryable, email: string | null): Promise<number | null> {
  if (!email) return null;
  return (await findUserByConfirmedEmail(db, email.trim().toLowerCase()))?.id ?? null;
}

/** Whether the issuer revoked the credential. */
export async function isRevoked(db: Queryable, credentialId: number): Promise<boolean> {
  const row = await db
    .selectFrom('credential_status_events')
    .select('id')
    .where('credential_id', '=', credentialId)
    .where('action', '=', 'revoked')
    .executeTakeFirst();
  return Boolean(row);
}
