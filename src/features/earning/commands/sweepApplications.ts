import { DAY } from '../../../domain/clock.ts';
import type { Db } from '../../../storage/database.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { primaryEmail, findUser } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { deadlineReminderMail } from '../mail.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import { teammatesOf } from '../teams/teams.ts';
import { isLocale } from '../../../web/i18n/i18n.ts';
import { earningPaths } from '../paths.ts';

export const REMINDER_DAYS = [30, 7, 1] as const;
const OPEN = ['in_progress', 'needs_revision'] as const;

/**
 * The hourly housekeeping of the earning loop: deadline reminders 30, 7 and 1 days ahead (each
 * once), expiry of applications past their deadline (evidence kept; the earner may apply again),
 * and reassignment of submissions no one reviewed within REVIEW_TURNAROUND_DAYS.
 */
export async function sweepApplications(
  deps: CommandDeps & { db: Db },
): Promise<{ reminded: number; expired: number; reassigned: number }> {
  const now = deps.clock.now();
  const reminded = await remindDeadlines(deps, now);
  const expired = await expireLate(deps, now);
  const reassigned = await reassignStale(deps, now);
  return { reminded, expired, reassigned };
}

/** Queues the deadline reminders now due (30, 7 and 1 days ahead, each once); returns how many. */
async function remindDeadlines({ db, config }: CommandDeps & { db: Db }, now: Date): Promise<number> {
  let reminded = 0;
  const due = await db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      'p.id',
      'p.public_id',
      'p.organisation_id',
      'p.earner_user_id',
      'p.deadline_at',
      'p.reminded_days',
      'v.title',
    ])
    .where('p.status', 'in', OPEN)
    .where('p.deadline_at', '>', now)
    .where('p.deadline_at', '<=', new Date(now.getTime() + REMINDER_DAYS[0] * DAY))
    .execute();
  for (const app of due) {
    const daysLeft = (app.deadline_at.getTime() - now.getTime()) / DAY;
    const threshold = [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d);
    if (!threshold || app.reminded_days.some((d) => d <= threshold)) continue;
    await inTransaction(db, async (tx) => {
      const user = await findUser(tx, app.earner_user_id);
      const address = await primaryEmail(tx, app.earner_user_id);
      if (user && address) {
        const mail = deadlineReminderMail({
          name: user.name,
          title: app.title,
          days: threshold,
          deadline: app.deadline_at,
          // In the language the earner chose (users.locale), else English.
          ...(isLocale(user.locale) ? { locale: user.locale } : {}),
          link: appLink(config, earningPaths.application(app.public_id)),
        });
        await queueMail(tx, address.email, mail, now, { organisationId: app.organisation_id });
      }
      await tx
        .updateTable('applications')
        .set({ reminded_days: [...app.reminded_days, threshold] })
        .where('id', '=', app.id)
        .execute();
    });
    reminded++;
  }
  return reminded;
}

/** Expires the open applications past their deadline (evidence kept); returns how many. */
async function expireLate({ db }: CommandDeps & { db: Db }, now: Date): Promise<number> {
  let expired = 0;
  const late = await db
    .selectFrom('applications')
    .select(['id', 'public_id', 'organisation_id'])
    .where('status', 'in', OPEN)
    .where('deadline_at', '<=', now)
    .execute();
  for (const app of late) {
    await inTransaction(db, async (tx) => {
      await tx
        .updateTable('applications')
        .set({ status: 'expired', updated_at: now })
        .where('id', '=', app.id)
        .where('status', 'in', OPEN)
        .execute();
      await recordAudit(
        tx,
        {
          organisationId: app.organisation_id,
          actorUserId: null,
          action: 'application.expired',
          subjectType: 'application',
          subjectId: app.public_id,
        },
        now,
      );
    });
    expired++;
  }
  return expired;
}

/**
 * Hands each submission no one reviewed within REVIEW_TURNAROUND_DAYS to the least-loaded other
 * reviewer (from the micro-credential's pool when it has one; never the earner or a teammate).
 */
async function reassignStale({ db, config }: CommandDeps & { db: Db }, now: Date): Promise<number> {
  let reassigned = 0;
  const stale = await db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .select([
      'a.id',
      'a.reviewer_user_id',
      'p.organisation_id',
      'p.earner_user_id',
      'p.public_id',
      'p.micro_credential_id',
    ])
    .where('a.decision', 'is', null)
    .where('a.assigned_at', '<=', new Date(now.getTime() - config.reviewTurnaroundDays * DAY))
    .execute();
  for (const attempt of stale) {
    const pool = (
      await db
        .selectFrom('micro_credential_reviewers')
        .select('user_id')
        .where('micro_credential_id', '=', attempt.micro_credential_id)
        .execute()
    ).map((p) => p.user_id);
    let candidates = db
      .selectFrom('memberships as m')
      .leftJoin('attempts as open', (j) =>
        j.onRef('open.reviewer_user_id', '=', 'm.user_id').on('open.decision', 'is', null),
      )
      .select(['m.user_id', (eb) => eb.fn.count<number>('open.id').as('load')])
      .where('m.organisation_id', '=', attempt.organisation_id)
      .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
      .where('m.user_id', 'not in', [
        attempt.earner_user_id,
        attempt.reviewer_user_id ?? -1,
        ...(await teammatesOf(db, attempt.earner_user_id)),
      ]);
    if (pool.length) candidates = candidates.where('m.user_id', 'in', pool);
    const next = await candidates
      .groupBy('m.user_id')
      .orderBy('load')
      .orderBy('m.user_id')
      .limit(1)
      .executeTakeFirst();
    if (!next) continue;
    await db
      .updateTable('attempts')
      .set({ reviewer_user_id: next.user_id, assigned_at: now })
      .where('id', '=', attempt.id)
      .where('decision', 'is', null)
      .execute();
    await recordAudit(
      db,
      {
        organisationId: attempt.organisation_id,
        actorUserId: null,
        action: 'review.reassigned',
        subjectType: 'application',
        subjectId: attempt.public_id,
        data: { from: attempt.reviewer_user_id, to: next.user_id },
      },
      now,
    );
    reassigned++;
  }
  return reassigned;
}
