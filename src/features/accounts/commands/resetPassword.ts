import { z } from 'zod';
import { passwordSchema } from '../rules.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword } from '../passwords.ts';
import { inTransaction } from '../../../storage/database.ts';
import { primaryEmail, findUser } from '../../../storage/users.ts';
import { consumeAccountToken } from '../queries/accountTokens.ts';
import { deleteUserSessions } from '../../../storage/sessions.ts';
import { clearLoginFailures } from '../queries/loginFailures.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { passwordChangedMail } from '../../../mail/templates.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions, Visitor } from './options.ts';
import { accountMessage } from '../messages.ts';
import { recipientLocale } from '../queries/profile.ts';

export const resetPasswordInput = z
  .object({ token: z.string().min(1).max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: accountMessage('passwordsDiffer'), path: ['confirm'] });

/** Sets a new password from a reset link, ends every session and tells the owner by email. */
export async function resetPassword(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<Visitor>,
): Promise<{ userId: number }> {
  const { token, password } = parseInput(resetPasswordInput, input);
  const { ip } = actor;
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
        locale: await recipientLocale(tx, user.id),
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
