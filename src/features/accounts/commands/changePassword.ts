import { z } from 'zod';
import { passwordSchema } from '../rules.ts';
import { invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { inTransaction } from '../../../storage/database.ts';
import { findUser } from '../../../storage/users.ts';
import { deleteUserSessions } from '../../../storage/sessions.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const changePasswordInput = z
  .object({
    current: z.string().min(1, accountMessage('enterCurrent')),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: accountMessage('passwordsDiffer'), path: ['confirm'] });

/** Changes the password after checking the current one; other sessions are logged out. */
export async function changePassword(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<Actor & { sessionId: number }>,
): Promise<void> {
  const { current, password } = parseInput(changePasswordInput, input);
  const user = await findUser(deps.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, current)))
    throw invalid({ current: accountMessage('notCurrent') });
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now })
      .where('id', '=', actor.userId)
      .execute();
    await deleteUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}
