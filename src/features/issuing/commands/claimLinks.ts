import { conflict } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { claimOfferMail, claimReminderMail } from '../mail.tsx';
import type { CommandDeps } from '../../../domain/commands.ts';
import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import {
  CLAIM_LINK_DAYS,
  CLAIM_REMINDER_DAYS,
  claimMailData,
  findClaimByToken,
  unknownLink,
  alreadyDecided,
  type ClaimActor,
} from './claimCredential.ts';
import { claimOf, claimsDueForReminder, markReminded, renewClaimToken } from '../queries/claims.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

// A claim's emailed links after the offer: a fresh link for an expired one, and the one reminder.

/**
 * Sends a fresh link for a pending claim whose link expired, to the same address (only there).
 * The old links stop working. Returns the address, or null when the link still works.
 */
const renewInput = z.object({ token: z.string().min(1, commandMessage('errors.issuing.claim.useLink')) });

export async function renewClaimLink(
  deps: CommandDeps,
  { actor, ...input }: { actor: ClaimActor } & Record<string, unknown>,
): Promise<{ email: string } | null> {
  const { token } = parseInput(renewInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await findClaimByToken(tx, token, now);
    if (!claim) throw unknownLink();
    if (claim.state !== 'pending') throw conflict(alreadyDecided(claim.state));
    if (!claim.expired) return null;
    const fresh = newSecretToken();
    const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * DAY);
    const renewed = await renewClaimToken(tx, claim.credentialId, hashToken(token), {
      tokenHash: hashToken(fresh),
      expiresAt,
    });
    if (!renewed) throw unknownLink();
    const mail = claimOfferMail(
      await claimMailData(
        tx,
        deps.config,
        {
          organisation_id: claim.organisationId,
          recipient_email: claim.recipientEmail,
          achievement_name: claim.badgeName,
        },
        fresh,
        expiresAt,
        now,
      ),
    );
    await queueMail(tx, claim.recipientEmail, mail, now, { organisationId: claim.organisationId });
    await recordAudit(
      tx,
      {
        organisationId: claim.organisationId,
        actorUserId: actor.userId,
        action: 'claim.link_renewed',
        subjectType: 'credential',
        subjectId: claim.credentialPublicId,
        data: { recipient: claim.recipientEmail },
        ip: actor.ip,
      },
      now,
    );
    return { email: claim.recipientEmail };
  });
}

/**
 * The reminder sweep: each claim still pending CLAIM_REMINDER_DAYS after it was offered, whose
 * link has not expired, gets one reminder email with its own link. Idempotent: reminded_at is set
 * in the same transaction as the email is queued, and only where it was still null.
 */
export async function remindUnclaimed(deps: CommandDeps): Promise<number> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const due = await claimsDueForReminder(db, new Date(now.getTime() - CLAIM_REMINDER_DAYS * DAY), now, 1000);
  let reminded = 0;
  for (const credential_id of due) {
    const token = newSecretToken();
    const sent = await inTransaction(db, async (tx) => {
      const expiresAt = await markReminded(tx, credential_id, hashToken(token), now);
      if (!expiresAt) return false;
      const claim = await claimOf(tx, credential_id, now);
      const mail = claimReminderMail(
        await claimMailData(
          tx,
          config,
          {
            organisation_id: claim.organisationId,
            recipient_email: claim.recipientEmail,
            achievement_name: claim.badgeName,
          },
          token,
          expiresAt,
          now,
        ),
      );
      await queueMail(tx, claim.recipientEmail, mail, now, { organisationId: claim.organisationId });
      await recordAudit(
        tx,
        {
          organisationId: claim.organisationId,
          actorUserId: null,
          action: 'claim.reminded',
          subjectType: 'credential',
          subjectId: claim.credentialPublicId,
          data: { recipient: claim.recipientEmail },
        },
        now,
      );
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
