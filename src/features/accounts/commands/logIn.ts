import { z } from 'zod';
import { emailSchema } from '../rules.ts';
import { AppError } from '../../../domain/errors.ts';
import { DAY, MINUTE } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { verifyAgainstDummy, verifyPassword } from '../passwords.ts';
import { findUserByConfirmedEmail, findUsersByUnconfirmedEmail } from '../../../storage/users.ts';
import { clearLoginFailures, releaseLoginAttempt, reserveLoginAttempt } from '../queries/loginFailures.ts';
import { createSession } from '../../../storage/sessions.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { organisationsOf } from '../../../storage/organisations.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const logInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, accountMessage('enterPassword')).max(200),
});

/** Who is logging in: where from and with what browser (for the session list). */
export interface LogInVisitor {
  ip: string | null;
  userAgent: string | null;
}

export interface LogInResult {
  sessionToken: string;
  userId: number;
}

/**
 * Checks a password and starts a session. Attempts are counted per email and per address, and
 * reserved atomically before the password is checked: past LOGIN_MAX_FAILURES within the window,
 * further tries are refused until it passes, however many arrive at once. A successful login
 * gives its attempt back and clears the email's failures.
 */
export async function logIn(
  deps: CommandDeps,
  { actor: meta, ...input }: CommandOptions<LogInVisitor>,
): Promise<LogInResult> {
  const { email, password } = parseInput(logInInput, input);
  const { db, clock, config } = deps;
  const now = clock.now();
  const windowMs = config.loginWindowMinutes * MINUTE;
  const keys = [`email:${email}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  // The attempt is reserved before the (slow) password check, so parallel tries cannot all get in.
  const reservation = await reserveLoginAttempt(
    db,
    keys,
    now,
    new Date(now.getTime() - windowMs),
    config.loginMaxFailures,
  );
  if (!reservation.ok) {
    const retryMs = reservation.oldest ? reservation.oldest.getTime() + windowMs - now.getTime() : windowMs;
    const minutes = Math.max(1, Math.ceil(retryMs / MINUTE));
    throw new AppError(
      'rate_limited',
      minutes === 1 ? accountMessage('tooManyAttemptsOne') : accountMessage('tooManyAttempts', { minutes }),
      {},
      Math.max(1, Math.ceil(retryMs / 1000)),
    );
  }
  const user = await findUserByConfirmedEmail(db, email);
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (!user || !ok) {
    if (!user) {
      // A correct password for an unconfirmed account gets told what to do next (not a failure).
      for (const pending of await findUsersByUnconfirmedEmail(db, email)) {
        if (await verifyPassword(pending.password_hash, password)) {
          await releaseLoginAttempt(db, reservation.ids);
          throw new AppError('email_not_confirmed', accountMessage('confirmFirst'));
        }
      }
    }
    // The reserved attempt stays recorded: it was a failure.
    throw new AppError('invalid_credentials', accountMessage('noMatch'), {
      password: accountMessage('checkBoth'),
    });
  }
  await releaseLoginAttempt(db, reservation.ids);
  await clearLoginFailures(db, `email:${email}`);
  const orgs = await organisationsOf(db, user.id);
  const sessionToken = await createSession(db, {
    userId: user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    now,
    ttlMs: config.sessionDays * DAY,
    activeOrganisationId: orgs[0]?.organisation_id ?? null,
  });
  await recordAudit(
    db,
    {
      organisationId: null,
      actorUserId: user.id,
      action: 'user.logged_in',
      subjectType: 'user',
      subjectId: user.public_id,
      ip: meta.ip,
    },
    now,
  );
  return { sessionToken, userId: user.id };
}
