import { AppError } from '../../../domain/errors.ts';
import { hashToken } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';
import { accountMessage } from '../messages.ts';

/** The invitation behind a link, with its organisation, if it can still be accepted. */
export async function findOpenInvitation(db: Queryable, token: string, now: Date) {
  const row = await db
    .selectFrom('invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id',
      'i.public_id',
      'i.email',
      'i.roles',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.slug',
    ])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.accepted_at || row.expires_at <= now) {
    throw new AppError('token_invalid', accountMessage('invitationUsed'));
  }
  return row;
}
