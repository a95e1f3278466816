import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { consumeAccountToken } from '../queries/accountTokens.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions, Visitor } from './options.ts';
import { accountMessage } from '../messages.ts';

export const confirmEmailInput = z.object({ token: z.string().min(1).max(200) });

/** Confirms the address a link was sent to; returns the account and address. */
export async function confirmEmail(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<Visitor>,
): Promise<{ userId: number; email: string }> {
  const { token } = parseInput(confirmEmailInput, input);
  const { ip } = actor;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { user_id: userId, email_id: emailId } = await consumeAccountToken(tx, token, 'confirm_email', now);
    const address = await tx
      .selectFrom('user_emails')
      .selectAll()
      .where('id', '=', emailId ?? -1)
      .executeTakeFirst();
    if (!address) throw conflict(accountMessage('addressRemoved'));
    if (!address.confirmed_at) {
      const taken = await tx
        .selectFrom('user_emails')
        .select('id')
        .where('email', '=', address.email)
        .where('confirmed_at', 'is not', null)
        .executeTakeFirst();
      if (taken) throw conflict(accountMessage('confirmedElsewhere', { email: address.email }));
      await tx.updateTable('user_emails').set({ confirmed_at: now }).where('id', '=', address.id).execute();
      await recordAudit(
        tx,
        {
          organisationId: null,
          actorUserId: userId,
          action: 'user.email_confirmed',
          subjectType: 'email',
          subjectId: address.email,
          ip,
        },
        now,
      );
    }
    return { userId, email: address.email };
  });
}
