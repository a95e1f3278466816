import type { Queryable } from '../../../storage/database.ts';

/** The acting person's account, when it exists and is not deleted. */
export async function liveAccount(db: Queryable, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'public_id', 'password_hash'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
