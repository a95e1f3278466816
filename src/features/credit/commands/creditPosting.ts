import { conflict, forbidden } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { applyCap, creditFor, cycleContaining, dayOf, dayString } from '../renewal.ts';
import { isRevoked, userForEmail } from '../queries/earners.ts';
import { licenseRecordFor, lockLicenseForPosting } from '../queries/licenseRecords.ts';
import {
  hoursInCycle,
  insertCreditEntry,
  lockNoticeForPosting,
  markNoticePosted,
  shareCredentialLock,
} from '../queries/posting.ts';
import { creditMessage, type CreditMessage } from '../messages.ts';

/** Who acts on the ledger: an officer (userId) or Cairn itself by rule (null). */
export interface LedgerActor {
  userId: number | null;
  ip: string | null;
}

export interface PostOptions {
  /** By rule: skip silently when the notice cannot be posted (instead of telling an officer why). */
  quiet?: boolean;
}

/** The license a notice credits: the one it names, else the earner's in the program (by recipient email). */
async function licenseIdFor(
  tx: Queryable,
  notice: { license_record_id: number | null; recipient_email: string | null; program_id: number },
): Promise<number | null> {
  if (notice.license_record_id !== null) return notice.license_record_id;
  const userId = await userForEmail(tx, notice.recipient_email);
  const found = userId === null ? undefined : await licenseRecordFor(tx, notice.program_id, userId);
  return found?.id ?? null;
}

/** The hours a notice earns under its program's unit rule (before the cycle cap). */
function hoursEarned(notice: {
  unit_rule: Parameters<typeof creditFor>[0]['unitRule'];
  fixed_hours: number | null;
  hours_granted: number | null;
  document: string;
}): number {
  const document = JSON.parse(notice.document) as {
    credentialSubject?: { creditsEarned?: number; achievement?: { creditsAvailable?: number } };
  };
  return creditFor(
    { unitRule: notice.unit_rule, fixedHours: notice.fixed_hours },
    {
      hoursGranted: notice.hours_granted,
      creditsEarned: document.credentialSubject?.creditsEarned ?? null,
      creditsAvailable: document.credentialSubject?.achievement?.creditsAvailable ?? null,
    },
  );
}

/**
 * Posts credit for a notice to the earner's confirmed license: hours by the program's unit rule,
 * in the cycle containing the credential's issue date, capped per cycle. Marks the notice posted.
 */
export async function postCreditInTx(
  tx: Queryable,
  noticeId: number,
  actor: LedgerActor,
  now: Date,
  options: PostOptions = {},
): Promise<{ entryPublicId: string; hours: number } | null> {
  const notice = await lockNoticeForPosting(tx, noticeId);
  const refuse = (message: CreditMessage) => {
    if (options.quiet) return null;
    throw conflict(creditMessage(message));
  };
  if (!notice) return refuse('noticeGone');
  if (notice.state !== 'new') return refuse(notice.state === 'posted' ? 'noticePosted' : 'noticeDismissed');
  await shareCredentialLock(tx, notice.credential_id);
  if (await isRevoked(tx, notice.credential_id)) return refuse('credentialRevoked');
  const licenseId = await licenseIdFor(tx, notice);
  const license = licenseId === null ? undefined : await lockLicenseForPosting(tx, licenseId);
  if (!license || license.state !== 'confirmed') return refuse('licenseUnconfirmed');
  if (actor.userId !== null && license.user_id === actor.userId) throw forbidden(creditMessage('ownCredit'));
  const earned = hoursEarned(notice);
  const cycle = cycleContaining(dayString(license.cycle_start), notice.cycle_years, dayOf(notice.issued_at));
  const capped = applyCap(
    earned,
    notice.cap_hours_per_cycle,
    await hoursInCycle(tx, license.id, cycle.start),
  );
  const entry = await insertCreditEntry(
    tx,
    {
      licenseId: license.id,
      programId: notice.program_id,
      credentialId: notice.credential_id,
      noticeId: notice.id,
      hours: capped.hours,
      cycleStart: cycle.start,
      postedBy: actor.userId,
      reason: capped.reason || (actor.userId === null ? 'Posted by rule.' : 'Posted after review.'),
    },
    now,
  );
  await markNoticePosted(tx, notice.id, license.id, actor.userId, now);
  if (!entry) return null;
  await auditPosting(tx, actor, now, {
    organisationId: notice.organisation_id,
    notice: notice.public_id,
    entry: entry.public_id,
    data: {
      credential: notice.credential_public_id,
      license: license.public_id,
      licenseNumber: license.license_number,
      hours: capped.hours,
      earned,
      cycleStart: cycle.start,
      reason: capped.reason,
    },
  });
  return { entryPublicId: entry.public_id, hours: capped.hours };
}

/** The audit trail of a posting: the credit entry (with the figures behind it), and the notice posted. */
async function auditPosting(
  tx: Queryable,
  actor: LedgerActor,
  now: Date,
  posted: {
    organisationId: number;
    notice: string;
    entry: string;
    data: Record<string, unknown> & { hours: number };
  },
): Promise<void> {
  await recordAudit(
    tx,
    {
      organisationId: posted.organisationId,
      actorUserId: actor.userId,
      action: 'credit.posted',
      subjectType: 'credit_entry',
      subjectId: posted.entry,
      data: { notice: posted.notice, ...posted.data, byRule: actor.userId === null },
      ip: actor.ip,
    },
    now,
  );
  await recordAudit(
    tx,
    {
      organisationId: posted.organisationId,
      actorUserId: actor.userId,
      action: 'notice.posted',
      subjectType: 'completion_notice',
      subjectId: posted.notice,
      data: { entry: posted.entry, hours: posted.data.hours },
      ip: actor.ip,
    },
    now,
  );
}
