import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema } from '../rules.ts';
import { conflict } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword } from '../passwords.ts';
import { inTransaction } from '../../../storage/database.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { sendConfirmation } from './sendConfirmation.ts';
import type { CommandOptions, Visitor } from './options.ts';
import { accountMessage } from '../messages.ts';

export const signUpInput = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

/** Creates an account with an unconfirmed address and emails a confirmation link. */
export async function signUp(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<Visitor>,
): Promise<{ userId: number; publicId: string }> {
  const { ip } = actor;
  const { name, email, password } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    if (await findUserByConfirmedEmail(tx, email)) {
      throw conflict(accountMessage('accountExists'), {
        email: accountMessage('accountExistsField'),
      });
    }
    const user = await tx
      .insertInto('users')
      .values({
        public_id: publicId('usr'),
        name,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    const address = await tx
      .insertInto('user_emails')
      .values({ user_id: user.id, email, is_primary: true, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sendConfirmation(
      tx,
      deps.config,
      { userId: user.id, emailId: address.id, email, name, newAddress: false },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.signed_up',
        subjectType: 'user',
        subjectId: user.public_id,
        ip,
      },
      now,
    );
    return { userId: user.id, publicId: user.public_id };
  });
}
