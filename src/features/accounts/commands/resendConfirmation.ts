import { z } from 'zod';
import { emailSchema } from '../rules.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { sendConfirmation } from './sendConfirmation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions, Visitor } from './options.ts';

/** Sends a fresh confirmation link to an unconfirmed address; says nothing about whether it exists. */
export async function resendConfirmation(
  deps: CommandDeps,
  { actor: _visitor, ...input }: CommandOptions<Visitor>,
): Promise<void> {
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const pending = await tx
      .selectFrom('user_emails as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.id', 'e.user_id', 'e.email', 'e.is_primary', 'u.name'])
      .where('e.email', '=', email)
      .where('e.confirmed_at', 'is', null)
      .execute();
    for (const p of pending) {
      await sendConfirmation(
        tx,
        deps.config,
        { userId: p.user_id, emailId: p.id, email: p.email, name: p.name, newAddress: !p.is_primary },
        now,
      );
    }
  });
}
