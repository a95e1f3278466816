import { conflict } from '../../../domain/errors.ts';
import { DAY } from '../../../domain/clock.ts';
import { hashToken, newSecretToken } from '../../../domain/ids.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { claimOfferMail, claimReminderMail } from '../mail.tsx';
import type { CommandDeps } from '../../../domain/commands.ts';
import {
  CLAIM_LINK_DAYS,
  CLAIM_REMINDER_DAYS,
  claimMailData,
  claimQuery,
  findClaimByToken,
  toView,
  unknownLink,
} from './claimCredential.ts';

// A claim's emailed links after the offer: a fresh link for an expired one, and the one reminder.

/**
 * Sends a fresh link for a pending claim whose link expired, to the same address (only there).
 * The old links stop working. Returns the address, or null when the link still works.
 */
export async function renewClaimLink(
  deps: CommandDeps,
  token: string,
  ip: string | null = null,
): Promise<{ email: string } | null> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claim = await findClaimByToken(tx, token, now);
    if (!claim) throw unknownLink();
    if (claim.state !== 'pending')
      throw conflict(`This badge was already ${claim.state === 'accepted' ? 'accepted' : 'declined'}.`);
    if (!claim.expired) return null;
    const fresh = newSecretToken();
    const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * DAY);
    const hash = hashToken(token);
    const updated = await tx
      .updateTable('credential_claims')
      .set({ token_hash: hashToken(fresh), reminder_token_hash: null, expires_at: expiresAt })
      .where('credential_id', '=', claim.credentialId)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('token_hash', '=', hash), eb('reminder_token_hash', '=', hash)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw unknownLink();
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
        actorUserId: null,
        action: 'claim.link_renewed',
        subjectType: 'credential',
        subjectId: claim.credentialPublicId,
        data: { recipient: claim.recipientEmail },
        ip,
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
  const due = await db
    .selectFrom('credential_claims')
    .select('credential_id')
    .where('state', '=', 'pending')
    .where('created_at', '<=', new Date(now.getTime() - CLAIM_REMINDER_DAYS * DAY))
    .where('reminded_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .limit(1000)
    .execute();
  let reminded = 0;
  for (const { credential_id } of due) {
    const token = newSecretToken();
    const sent = await inTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable('credential_claims')
        .set({ reminded_at: now, reminder_token_hash: hashToken(token) })
        .where('credential_id', '=', credential_id)
        .where('state', '=', 'pending')
        .where('reminded_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('expires_at')
        .executeTakeFirst();
      if (!claimed) return false;
      const claim = toView(
        await claimQuery(tx).where('cl.credential_id', '=', credential_id).executeTakeFirstOrThrow(),
        now,
      );
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
          claimed.expires_at,
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
