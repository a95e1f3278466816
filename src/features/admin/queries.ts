import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';

/** The latest 100 jobs, or only the dead ones (out of attempts). */
export function latestJobs(db: Queryable, status: 'dead' | null) {
  let q = db
    .selectFrom('jobs')
    .select(['id', 'type', 'status', 'attempts', 'max_attempts', 'run_at', 'last_error', 'updated_at'])
    .orderBy('id', 'desc')
    .limit(100);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

/** A queued job this late has not been picked up: the workers are down or behind. */
export const STUCK_AFTER_MS = 15 * 60_000;
/** How far back the security-relevant audit entries on the administrator's home reach. */
export const SECURITY_WINDOW_MS = 7 * 86_400_000;

/**
 * Audit actions a site administrator should see: credentials (passwords, addresses, API tokens),
 * who may do what in an organisation, data leaving (exports) and accounts going.
 */
export const SECURITY_ACTIONS = [
  'user.password_changed',
  'user.password_reset',
  'user.email_added',
  'user.email_removed',
  'user.email_made_primary',
  'user.deleted',
  'api_token.created',
  'api_token.revoked',
  'member.roles_changed',
  'member.removed',
  'invitation.accepted',
  'organisation.exported',
  'webhook.created',
  'webhook.deleted',
] as const;

/** Dead jobs, jobs stuck (a running job whose lease ran out, a queued one long overdue), retrying ones. */
export async function jobTrouble(db: Queryable, now: Date) {
  const overdue = new Date(now.getTime() - STUCK_AFTER_MS);
  const row = await db
    .selectFrom('jobs')
    .select([
      sql<number>`count(*) filter (where status = 'dead')`.as('dead'),
      sql<number>`count(*) filter (where (status = 'running' and locked_until < ${now}) or (status = 'queued' and run_at < ${overdue}))`.as(
        'stuck',
      ),
      sql<number>`count(*) filter (where status = 'queued' and attempts > 0)`.as('retrying'),
    ])
    .executeTakeFirstOrThrow();
  return { dead: Number(row.dead), stuck: Number(row.stuck), retrying: Number(row.retrying) };
}

/** Mail not sent yet (queued or being sent), with the oldest's age; and how much the mailbox keeps. */
export async function mailWaiting(db: Queryable) {
  const row = await db
    .selectFrom('mail_outbox')
    .select([
      sql<number>`count(*) filter (where status in ('queued', 'sending'))`.as('waiting'),
      sql<Date | null>`min(created_at) filter (where status in ('queued', 'sending'))`.as('oldest'),
      sql<number>`count(*) filter (where status = 'kept')`.as('kept'),
    ])
    .executeTakeFirstOrThrow();
  return {
    waiting: Number(row.waiting),
    oldest: row.oldest ? new Date(row.oldest) : null,
    kept: Number(row.kept),
  };
}

/** Organisations with work waiting on the platform: dead jobs or unsent mail of theirs, most first. */
export async function organisationsWaiting(db: Queryable, limit = 10) {
  const [dead, unsent] = await Promise.all([
    db
      .selectFrom('jobs as j')
      .innerJoin('organisations as o', 'o.id', 'j.organisation_id')
      .select(['o.id', 'o.name', 'o.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .where('j.status', '=', 'dead')
      .groupBy(['o.id', 'o.name', 'o.slug'])
      .execute(),
    db
      .selectFrom('mail_outbox as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['o.id', 'o.name', 'o.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .where('m.status', 'in', ['queued', 'sending'])
      .groupBy(['o.id', 'o.name', 'o.slug'])
      .execute(),
  ]);
  const byId = new Map<number, { name: string; slug: string; deadJobs: number; unsentMail: number }>();
  const entry = (r: { id: number; name: string; slug: string }) =>
    byId.get(r.id) ?? byId.set(r.id, { name: r.name, slug: r.slug, deadJobs: 0, unsentMail: 0 }).get(r.id)!;
  for (const r of dead) entry(r).deadJobs = Number(r.n);
  for (const r of unsent) entry(r).unsentMail = Number(r.n);
  const total = (r: { deadJobs: number; unsentMail: number }) => r.deadJobs + r.unsentMail;
  return [...byId.values()]
    .sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The latest security-relevant audit entries (SECURITY_ACTIONS) of the last week, across the platform. */
export function securityEvents(db: Queryable, now: Date, limit = 10) {
  return db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.action',
      'a.created_at',
      'a.ip',
      'u.name as actor_name',
      'o.name as organisation_name',
      'o.slug',
    ])
    .where('a.action', 'in', [...SECURITY_ACTIONS])
    .where('a.created_at', '>', new Date(now.getTime() - SECURITY_WINDOW_MS))
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
