import { CONFIRM_EMAIL_TTL_HOURS } from '../rules.ts';
import { HOUR } from '../../../domain/clock.ts';
import type { Queryable } from '../../../storage/database.ts';
import { issueAccountToken } from '../queries/accountTokens.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { confirmEmailMail } from '../../../mail/templates.tsx';
import { appLink } from '../../../domain/commands.ts';
import { recipientLocale } from '../queries/profile.ts';
import type { Config } from '../../../config.ts';

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
    locale: await recipientLocale(db, to.userId),
    name: to.name,
    link: appLink(config, `/confirm-email/${token}`),
    newAddress: to.newAddress,
  });
  await queueMail(db, to.email, mail, now);
}
