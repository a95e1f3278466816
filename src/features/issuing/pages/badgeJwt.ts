import { AppError, notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { credentialJwtOf } from '../queries/credentialJwts.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** How long to wait before asking again for a VC-JWT still being made (the backfill job). */
export const JWT_RETRY_SECONDS = 60;

/**
 * The stored VC-JWT of a badge, for its download. Only reads: every credential gets its VC-JWT at
 * issue time, and those issued before that get theirs from the backfill job
 * (commands/fillCredentialJwts.ts). Until then the answer is 409 "being prepared" with
 * Retry-After; a badge whose signing key was revoked never gets one (404, saying why).
 */
export async function storedBadgeJwt(db: Queryable, credentialId: number): Promise<string> {
  const row = await credentialJwtOf(db, credentialId);
  if (!row) throw notFound('badge');
  if (row.jwt) return row.jwt;
  if (row.status === 'revoked')
    throw new AppError('not_found', commandMessage('errors.issuing.documents.jwtKeyRevoked'));
  if (row.algorithm !== 'Ed25519') throw notFound('badgeJwt');
  throw new AppError(
    'conflict',
    commandMessage('errors.issuing.documents.jwtPreparing'),
    {},
    JWT_RETRY_SECONDS,
  );
}
