import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';

/** One of the account's own addresses, or not_found. */
export async function ownAddress(db: Queryable, userId: number, emailId: number) {
  const row = await db
    .selectFrom('user_emails')
    .selectAll()
    .where('id', '=', emailId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('address');
  return row;
}
