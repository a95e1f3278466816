import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { ownAddress } from '../queries/emails.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

/** An address of the account by its row id (from the path: a number). */
const emailIdInput = z.object({ emailId: z.coerce.number().int().positive() });

/** Removes an address; the primary address and the last confirmed one stay. */
export async function removeEmail(deps: CommandDeps, { actor, ...input }: CommandOptions): Promise<void> {
  const { emailId } = parseInput(emailIdInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const row = await ownAddress(tx, actor.userId, emailId);
    if (row.is_primary) throw conflict(accountMessage('primaryLast'));
    await tx.deleteFrom('user_emails').where('id', '=', row.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.email_removed',
        subjectType: 'email',
        subjectId: row.email,
        ip: actor.ip,
      },
      now,
    );
  });
}
