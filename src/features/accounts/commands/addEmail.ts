import { z } from 'zod';
import { emailSchema } from '../rules.ts';
import { conflict, invalid } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { emailsOf, findUser } from '../../../storage/users.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { sendConfirmation } from './sendConfirmation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

// Earners lose school emails: an account keeps several addresses, each confirmed by a link.

/** Adds an address to the account and emails it a confirmation link. */
export async function addEmail(deps: CommandDeps, { actor, ...input }: CommandOptions): Promise<void> {
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const mine = await emailsOf(tx, actor.userId);
    if (mine.some((e) => e.email === email)) throw invalid({ email: accountMessage('alreadyYours') });
    if (mine.length >= 10) throw invalid({ email: accountMessage('tooManyAddresses') });
    const taken = await tx
      .selectFrom('user_emails')
      .select('id')
      .where('email', '=', email)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    if (taken)
      throw conflict(accountMessage('addressTaken'), {
        email: accountMessage('addressTaken'),
      });
    const user = await findUser(tx, actor.userId);
    const row = await tx
      .insertInto('user_emails')
      .values({ user_id: actor.userId, email, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sendConfirmation(
      tx,
      deps.config,
      { userId: actor.userId, emailId: row.id, email, name: user?.name ?? '', newAddress: true },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: actor.userId,
        action: 'user.email_added',
        subjectType: 'email',
        subjectId: email,
        ip: actor.ip,
      },
      now,
    );
  });
}
