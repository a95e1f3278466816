import { z } from 'zod';
import { emailSchema, passwordSchema, RESET_PASSWORD_TTL_HOURS } from '../rules.ts';
import { HOUR } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword } from '../passwords.ts';
import { inTransaction } from '../../../storage/database.ts';
import { findUserByConfirmedEmail, primaryEmail, findUser } from '../../../storage/users.ts';
import { consumeAccountToken, issueAccountToken } from '../queries/accountTokens.ts';
import { deleteUserSessions } from '../../../storage/sessions.ts';
import { clearLoginFailures } from '../queries/loginFailures.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { passwordChangedMail, resetPasswordMail } from '../../../mail/templates.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';

/** Emails a reset link to a confirmed address; answers the same whether or not it has an account. */
export async function requestPasswordReset(
  deps: CommandDeps,
  input: unknown,
  ip: string | null = null,
): Promise<void> {
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const user = await findUserByConfirmedEmail(tx, email);
    if (!user) return;
    const token = await issueAccountToken(tx, {
      purpose: 'reset_password',
      userId: user.id,
      emailId: null,
      ttlMs: RESET_PASSWORD_TTL_HOURS * HOUR,
      now,
    });
    const mail = await resetPasswordMail({
      name: user.name,
      link: appLink(deps.config, `/reset-password/${token}`),
    });
    await queueMail(tx, email, mail, now);
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.password_reset_requested',
        subjectType: 'user',
        subjectId: user.public_id,
        ip,
      },
      now,
    );
  });
}

export const resetPasswordInput = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords differ.', path: ['confirm'] });

/** Sets a new password from a reset link, ends every session and tells the owner by email. */
export async function resetPassword(
  deps: CommandDeps,
  token: string,
  input: unknown,
  ip: string | null = null,
): Promise<{ userId: number }> {
  const { password } = parseInput(resetPasswordInput, input);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { user_id: userId } = await consumeAccountToken(tx, token, 'reset_password', now);
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', userId)
      .execute();
    await deleteUserSessions(tx, userId);
    const user = await findUser(tx, userId);
    const address = await primaryEmail(tx, userId);
    if (user && address) {
      await clearLoginFailures(tx, `email:${address.email}`);
      const mail = await passwordChangedMail({
        name: user.name,
        resetLink: appLink(deps.config, '/forgot-password'),
      });
      await queueMail(tx, address.email, mail, now);
    }
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: userId,
        action: 'user.password_reset',
        subjectType: 'user',
        subjectId: user?.public_id ?? null,
        ip,
      },
      now,
    );
    return { userId };
  });
}
