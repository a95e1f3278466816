import { hashToken, newSecretToken } from '../domain/ids.ts';
import { MINUTE } from '../domain/clock.ts';
import type { Queryable } from './database.ts';

export interface SessionUser {
  session_id: number;
  user_id: number;
  user_public_id: string;
  name: string;
  is_platform_admin: boolean;
  /** The language the person chose (users.locale), null when none; optional so hand-made viewers need not name it. */
  locale?: string | null;
  active_organisation_id: number | null;
  last_seen_at: Date;
}

/** Starts a server-side session; returns the cookie secret. */
export async function createSession(
  db: Queryable,
  s: {
    userId: number;
    ip: string | null;
    userAgent: string | null;
    now: Date;
    ttlMs: number;
    activeOrganisationId?: number | null;
  },
): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: s.userId,
      active_organisation_id: s.activeOrganisationId ?? null,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: new Date(s.now.getTime() + s.ttlMs),
    })
    .execute();
  return token;
}

/** The live session for a cookie secret, sliding its expiry at most once a minute. */
export async function findSession(
  db: Queryable,
  token: string,
  now: Date,
  ttlMs: number,
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.user_id',
      'u.public_id as user_public_id',
      'u.name',
      'u.is_platform_admin',
      'u.locale',
      's.active_organisation_id',
      's.last_seen_at',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (row && now.getTime() - row.last_seen_at.getTime() > MINUTE) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + ttlMs) })
      .where('id', '=', row.session_id)
      .execute();
  }
  return row;
}

/** Ends one session. */
export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user, optionally but one (after a password change). */
export async function deleteUserSessions(
  db: Queryable,
  userId: number,
  exceptSessionId?: number,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId !== undefined) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** Removes expired sessions (a scheduled job). */
export async function purgeExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
