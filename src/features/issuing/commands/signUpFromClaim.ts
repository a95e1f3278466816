import { z } from 'zod';
import { conflict } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { hashPassword, nameSchema, passwordSchema } from '../../accounts/index.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';
import { createSession } from '../../../storage/sessions.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { openClaimForUpdate } from './claimCredential.ts';

export const claimSignUpInput = z.object({ name: nameSchema, password: passwordSchema });

/**
 * Creates an account for the address a claim link was sent to. Opening the link proves the
 * address, so it is confirmed at once and the person is logged in (a session is returned);
 * they then accept or decline on the claim page. Refused when the address has an account.
 */
export async function signUpFromClaim(
  deps: CommandDeps,
  token: string,
  input: unknown,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ userId: number; sessionToken: string; email: string }> {
  const { name, password } = parseInput(claimSignUpInput, input);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await openClaimForUpdate(tx, token, now);
    const email = claim.recipientEmail;
    if (await findUserByConfirmedEmail(tx, email)) {
      throw conflict('An account with this email already exists. Log in to accept the badge.');
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
    await tx
      .insertInto('user_emails')
      .values({ user_id: user.id, email, is_primary: true, confirmed_at: now, created_at: now })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.signed_up',
        subjectType: 'user',
        subjectId: user.public_id,
        data: { via: 'claim' },
        ip: meta.ip,
      },
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.email_confirmed',
        subjectType: 'email',
        subjectId: email,
        data: { via: 'claim' },
        ip: meta.ip,
      },
      now,
    );
    const sessionToken = await createSession(tx, {
      userId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      now,
      ttlMs: deps.config.sessionDays * DAY,
    });
    return { userId: user.id, sessionToken, email };
  });
}
