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
import { addConfirmedAddress, insertClaimant } from '../queries/claims.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

export const claimSignUpInput = z.object({ name: nameSchema, password: passwordSchema });
const tokenInput = z.object({ token: z.string().min(1, commandMessage('errors.issuing.claim.useLink')) });

/** The visitor signing up: where from, for the session and the audit log. */
export interface ClaimVisitor {
  userId: null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Creates an account for the address a claim link was sent to. Opening the link proves the
 * address, so it is confirmed at once and the person is logged in (a session is returned);
 * they then accept or decline on the claim page. Refused when the address has an account.
 */
export async function signUpFromClaim(
  deps: CommandDeps,
  { actor: meta, ...input }: { actor: ClaimVisitor } & Record<string, unknown>,
): Promise<{ userId: number; sessionToken: string; email: string }> {
  const { token } = parseInput(tokenInput, input);
  const { name, password } = parseInput(claimSignUpInput, input);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await openClaimForUpdate(tx, token, now);
    const email = claim.recipientEmail;
    if (await findUserByConfirmedEmail(tx, email)) {
      throw conflict(commandMessage('errors.issuing.claim.accountExists'));
    }
    const user = await insertClaimant(tx, { publicId: publicId('usr'), name, passwordHash, now });
    await addConfirmedAddress(tx, user.id, email, now, { primary: true });
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
