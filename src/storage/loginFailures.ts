import type { Queryable } from './database.ts';

/** Failed logins for a key (an email or an address) since a time. */
export async function countLoginFailures(db: Queryable, key: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select([(eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('failed_at').as('oldest')])
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as Date | null) ?? null };
}

/** Remembers a failed login for each key. */
export async function recordLoginFailure(db: Queryable, keys: string[], now: Date): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(keys.map((key) => ({ key, failed_at: now })))
    .execute();
}

/** Forgets failures for a key after a successful login. */
export async function clearLoginFailures(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Drops failures older than the window (a scheduled job). */
export async function purgeLoginFailures(db: Queryable, before: Date): Promise<number> {
  const r = await db.deleteFrom('login_failures').where('failed_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
