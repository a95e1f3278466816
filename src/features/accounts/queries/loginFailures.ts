import { sql } from 'kysely';
import { inTransaction, type Queryable } from '../../../storage/database.ts';

/** Failed logins for a key (an email or an address) since a time. */
export async function countLoginFailures(
  db: Queryable,
  key: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select([(eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('failed_at').as('oldest')])
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as Date | null) ?? null };
}

/** The first half of the two-number advisory lock key: keeps login locks apart from any other advisory lock. */
const LOGIN_LOCK_SPACE = 0x4c4f47; // "LOG"

export type LoginReservation = { ok: true; ids: number[] } | { ok: false; key: string; oldest: Date | null };

/**
 * Reserves one login attempt for each key (an email, an address) BEFORE the password is checked:
 * under a transaction-scoped advisory lock per key (taken in a fixed order, so two attempts never
 * wait on each other crosswise), counts the attempts in the window and, when every key is under
 * `max`, records one for each. Concurrent attempts from any number of processes therefore never
 * check more than `max` passwords per key and window. The rows recorded are failures until the
 * login succeeds and releases them (`releaseLoginAttempt`).
 */
export async function reserveLoginAttempt(
  db: Queryable,
  keys: string[],
  now: Date,
  since: Date,
  max: number,
): Promise<LoginReservation> {
  const ordered = [...new Set(keys)].sort();
  return inTransaction(db, async (tx) => {
    for (const key of ordered)
      await sql`select pg_advisory_xact_lock(${LOGIN_LOCK_SPACE}::int4, hashtext(${key}))`.execute(tx);
    for (const key of ordered) {
      const { count, oldest } = await countLoginFailures(tx, key, since);
      if (count >= max) return { ok: false, key, oldest };
    }
    const rows = await tx
      .insertInto('login_failures')
      .values(ordered.map((key) => ({ key, failed_at: now })))
      .returning('id')
      .execute();
    return { ok: true, ids: rows.map((r) => r.id) };
  });
}

/** Gives back reserved attempts that turned out not to be failures (a correct password). */
export async function releaseLoginAttempt(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('login_failures').where('id', 'in', ids).execute();
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
