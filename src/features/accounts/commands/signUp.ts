import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema, CONFIRM_EMAIL_TTL_HOURS } from '../rules.ts';
import { conflict } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { HOUR } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword } from '../passwords.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';
import { issueAccountToken } from '../queries/accountTokens.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { confirmEmailMail } from '../../../mail/templates.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import type { Config } from '../../../config.ts';

export const signUpInput = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});

/** Creates an account with an unconfirmed address and emails a confirmation link. */
export async function signUp(
  deps: CommandDeps,
  input: unknown,
  ip: string | null = null,
): Promise<{ userId: number; publicId: string }> {
  const { name, email, password } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    if (await findUserByConfirmedEmail(tx, email)) {
      throw conflict('An account with this email already exists.', {
        email: 'An account with this email already exists. Log in, or reset your password if you forgot it.',
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

/** Issues a confirmation token for an address and queues the email carrying its link. */
export async function sendConfirmation(
  db: Queryable,
  config: Config,
  to: { userId: number; emailId: number; email: string; name: string; newAddress: boolean },
  now: Date,
): Promise<void> {
  const token = await issueAccountToken(db, {
    purpose: 'confirm_email',
    userId: to.userId,
    emailId: to.emailId,
    ttlMs: CONFIRM_EMAIL_TTL_HOURS * HOUR,
    now,
  });
  const mail = await confirmEmailMail({
    name: to.name,
    link: appLink(config, `/confirm-email/${token}`),
    newAddress: to.newAddress,
  });
  await queueMail(db, to.email, mail, now);
}
