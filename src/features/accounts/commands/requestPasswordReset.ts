import { z } from 'zod';
import { emailSchema, RESET_PASSWORD_TTL_HOURS } from '../rules.ts';
import { HOUR } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { findUserByConfirmedEmail } from '../../../storage/users.ts';
import { issueAccountToken } from '../queries/accountTokens.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { resetPasswordMail } from '../../../mail/templates.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import { recipientLocale } from '../queries/profile.ts';
import type { CommandOptions, Visitor } from './options.ts';

/** Emails a reset link to a confirmed address; answers the same whether or not it has an account. */
export async function requestPasswordReset(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<Visitor>,
): Promise<void> {
  const { ip } = actor;
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const user = await findUserByConfirmedEmail(tx, email);
    if (!user) return;
    const token = await issueAccountToken(tx, {
      purpose: 'reset_password',
      userId: user.id,
      emailId: null,
      ttlMs: RESET_PASSWORD_TTL_HOURS * HOUR,
      now,
    });
    const mail = await resetPasswordMail({
      locale: await recipientLocale(tx, user.id),
      name: user.name,
      link: appLink(deps.config, `/reset-password/${token}`),
    });
    await queueMail(tx, email, mail, now);
    await recordAudit(
      tx,
      {
        organisationId: null,
        actorUserId: user.id,
        action: 'user.password_reset_requested',
        subjectType: 'user',
        subjectId: user.public_id,
        ip,
      },
      now,
    );
  });
}
