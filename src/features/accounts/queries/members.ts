import { conflict, notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { accountMessage } from '../messages.ts';

/** A member of an organisation by their account's public id. */
export async function memberOf(db: Queryable, organisationId: number, userPublicId: string) {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.roles', 'm.user_id'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.public_id', '=', userPublicId)
    .executeTakeFirst();
  if (!row) throw notFound('member');
  return row;
}

/** Refuses a change that would leave the organisation without an owner. */
export async function assertOwnerRemains(
  db: Queryable,
  organisationId: number,
  exceptMembershipId: number,
): Promise<void> {
  const owners = await db
    .selectFrom('memberships')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '!=', exceptMembershipId)
    .where(({ eb, val }) => eb(val('owner'), '=', eb.fn.any('roles')))
    .execute();
  if (owners.length === 0) throw conflict(accountMessage('lastOwner'));
}
