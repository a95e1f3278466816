import type { Queryable } from './database.ts';
import type { User, UserEmail } from './schema.ts';

/** The account that owns a confirmed address, if any. */
export async function findUserByConfirmedEmail(db: Queryable, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll('users')
    .innerJoin('user_emails as e', 'e.user_id', 'users.id')
    .where('e.email', '=', email)
    .where('e.confirmed_at', 'is not', null)
    .executeTakeFirst();
}

/** Accounts that claimed this address without confirming it yet. */
export async function findUsersByUnconfirmedEmail(db: Queryable, email: string): Promise<User[]> {
  return db
    .selectFrom('users')
    .selectAll('users')
    .innerJoin('user_emails as e', 'e.user_id', 'users.id')
    .where('e.email', '=', email)
    .where('e.confirmed_at', 'is', null)
    .execute();
}

/** A user by primary key. */
export async function findUser(db: Queryable, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user by public id. */
export async function findUserByPublicId(db: Queryable, publicId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('public_id', '=', publicId).executeTakeFirst();
}

/** Every address of a user, primary first. */
export async function emailsOf(db: Queryable, userId: number): Promise<UserEmail[]> {
  return db
    .selectFrom('user_emails')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
}

/** The user's primary address (always present for a real account). */
export async function primaryEmail(db: Queryable, userId: number): Promise<UserEmail | undefined> {
  return db
    .selectFrom('user_emails')
    .selectAll()
    .where('user_id', '=', userId)
    .where('is_primary', '=', true)
    .executeTakeFirst();
}
