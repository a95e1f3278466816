import { z } from 'zod';
import { conflict, forbidden, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { isDay } from '../renewal.ts';
import {
  attachNoticeToLicense,
  decideLicenseRecord,
  lockLicenseForDecision,
  noticesWaitingForLicense,
} from '../queries/licenseRecords.ts';
import { postCreditInTx } from './creditPosting.ts';
import { licenseTarget } from './targets.ts';
import { creditMessage as credit } from '../messages.ts';

export const decideLicenseInput = z
  .object({
    decision: z.enum(['confirm', 'reject'], { message: credit('chooseDecision') }),
    reason: z.string().trim().max(500).default(''),
    cycleStart: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isDay(v), credit('decisionCycleFormat')),
  })
  .refine((v) => v.decision !== 'reject' || v.reason, {
    message: credit('sayMismatch'),
    path: ['reason'],
  });

/**
 * A recognition officer confirms a license link (optionally correcting the cycle start) or rejects
 * a mismatch with a reason. Confirming attaches the earner's waiting notices and, for automatic
 * programs, posts their credit.
 */
export async function decideLicense(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<{ posted: number }> {
  const { orgSlug, license: licensePublicId } = parseInput(licenseTarget, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Access first: a caller who may not act learns nothing from the body's mistakes.
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const v = parseInput(decideLicenseInput, input);
    const license = await lockLicenseForDecision(tx, organisation.id, licensePublicId);
    if (!license) throw notFound('licenseRecord');
    if (license.state !== 'pending')
      throw conflict(credit(license.state === 'confirmed' ? 'linkAlreadyConfirmed' : 'linkAlreadyRejected'));
    if (license.user_id === actor.userId) throw forbidden(credit('ownLicenseLink'));
    const confirmed = v.decision === 'confirm';
    await decideLicenseRecord(
      tx,
      license.id,
      confirmed
        ? { state: 'confirmed', by: actor.userId, note: v.reason || null, cycleStart: v.cycleStart }
        : { state: 'rejected', by: actor.userId, note: v.reason },
      now,
    );
    // The earner hears of the decision through a notification (features/notifications), made from the audit event below.
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: confirmed ? 'license.confirmed' : 'license.rejected',
        subjectType: 'license_record',
        subjectId: license.public_id,
        data: confirmed
          ? { licenseNumber: license.license_number, cycleStart: v.cycleStart ?? null }
          : { reason: v.reason, licenseNumber: license.license_number },
        ip: actor.ip,
      },
      now,
    );
    if (!confirmed) return { posted: 0 };
    return { posted: await attachWaitingNotices(tx, license, now) };
  });
}

/**
 * Attaches the notices that waited for a newly confirmed license (the earner's confirmed emails
 * match the credential's recipient) and, for an automatic program, posts their credit; returns how many posted.
 */
async function attachWaitingNotices(
  tx: Queryable,
  license: { id: number; program_id: number; user_id: number; posting: string },
  now: Date,
): Promise<number> {
  let posted = 0;
  for (const n of await noticesWaitingForLicense(tx, license)) {
    await attachNoticeToLicense(tx, n.id, license.id);
    if (
      license.posting === 'automatic' &&
      (await postCreditInTx(tx, n.id, { userId: null, ip: null }, now, { quiet: true }))
    )
      posted++;
  }
  return posted;
}
