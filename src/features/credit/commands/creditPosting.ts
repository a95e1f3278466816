import { sql } from 'kysely';
import { conflict, forbidden } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { applyCap, creditFor, cycleContaining, dayOf, dayString } from '../renewal.ts';
import { isRevoked, userForEmail } from '../queries/earners.ts';

/** Who acts on the ledger: an officer (userId) or Cairn itself by rule (null). */
export interface LedgerActor {
  userId: number | null;
  ip: string | null;
}

export interface PostOptions {
  /** By rule: skip silently when the notice cannot be posted (instead of telling an officer why). */
  quiet?: boolean;
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
  const notice = await tx
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .select([
      'n.id',
      'n.public_id',
      'n.state',
      'n.license_record_id',
      'n.hours_granted',
      'n.credential_id',
      'n.program_id',
      'p.unit_rule',
      'p.fixed_hours',
      'p.cap_hours_per_cycle',
      'p.cycle_years',
      'p.organisation_id',
      'p.public_id as program_public_id',
      'c.public_id as credential_public_id',
      'c.document',
      'c.issued_at',
      'c.recipient_email',
    ])
    .where('n.id', '=', noticeId)
    .forUpdate('n')
    .executeTakeFirst();
  const refuse = (message: string) => {
    if (options.quiet) return null;
    throw conflict(message);
  };
  if (!notice) return refuse('That notice does not exist.');
  if (notice.state !== 'new')
    return refuse(
      notice.state === 'posted' ? 'Credit for this notice is already posted.' : 'This notice was dismissed.',
    );
  // Shares the credential's row lock with a revocation (changeCredentialStatus locks it for
  // update): either the revocation sees this credit and reverses it, or this sees the revocation.
  await tx.selectFrom('credentials').select('id').where('id', '=', notice.credential_id).forShare().execute();
  if (await isRevoked(tx, notice.credential_id))
    return refuse('The issuer revoked this credential: it earns no credit.');
  let licenseId = notice.license_record_id;
  if (licenseId === null) {
    const userId = await userForEmail(tx, notice.recipient_email);
    const found =
      userId === null
        ? undefined
        : await tx
            .selectFrom('license_records')
            .select('id')
            .where('program_id', '=', notice.program_id)
            .where('user_id', '=', userId)
            .executeTakeFirst();
    licenseId = found?.id ?? null;
  }
  // The license row is locked (NO KEY UPDATE: the notice and entry rows' foreign keys only take KEY
  // SHARE on it) so two notices posting at once add up under the cap.
  const license =
    licenseId === null
      ? undefined
      : await tx
          .selectFrom('license_records')
          .select(['id', 'public_id', 'state', 'cycle_start', 'license_number', 'user_id'])
          .where('id', '=', licenseId)
          .forNoKeyUpdate()
          .executeTakeFirst();
  if (!license || license.state !== 'confirmed')
    return refuse('The earner has no confirmed license yet: credit posts once the license is confirmed.');
  if (actor.userId !== null && license.user_id === actor.userId)
    throw forbidden('Officers do not post credit to their own license; another officer does.');
  const document = JSON.parse(notice.document) as {
    credentialSubject?: { creditsEarned?: number; achievement?: { creditsAvailable?: number } };
  };
  const earned = creditFor(
    { unitRule: notice.unit_rule, fixedHours: notice.fixed_hours },
    {
      hoursGranted: notice.hours_granted,
      creditsEarned: document.credentialSubject?.creditsEarned ?? null,
      creditsAvailable: document.credentialSubject?.achievement?.creditsAvailable ?? null,
    },
  );
  const cycle = cycleContaining(dayString(license.cycle_start), notice.cycle_years, dayOf(notice.issued_at));
  const sum = await tx
    .selectFrom('credit_entries')
    .select(sql<number>`coalesce(sum(hours), 0)`.as('total'))
    .where('license_record_id', '=', license.id)
    .where('cycle_start', '=', cycle.start)
    .executeTakeFirstOrThrow();
  const capped = applyCap(earned, notice.cap_hours_per_cycle, Number(sum.total));
  const entry = await tx
    .insertInto('credit_entries')
    .values({
      public_id: publicId('cre'),
      license_record_id: license.id,
      program_id: notice.program_id,
      credential_id: notice.credential_id,
      notice_id: notice.id,
      hours: capped.hours,
      cycle_start: cycle.start,
      kind: 'credit',
      posted_by_user_id: actor.userId,
      reason: capped.reason || (actor.userId === null ? 'Posted by rule.' : 'Posted after review.'),
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['license_record_id', 'credential_id']).where('kind', '=', 'credit').doNothing(),
    )
    .returning('public_id')
    .executeTakeFirst();
  await tx
    .updateTable('completion_notices')
    .set({ state: 'posted', license_record_id: license.id, decided_at: now, decided_by: actor.userId })
    .where('id', '=', notice.id)
    .execute();
  if (!entry) return null;
  await recordAudit(
    tx,
    {
      organisationId: notice.organisation_id,
      actorUserId: actor.userId,
      action: 'credit.posted',
      subjectType: 'credit_entry',
      subjectId: entry.public_id,
      data: {
        notice: notice.public_id,
        credential: notice.credential_public_id,
        license: license.public_id,
        licenseNumber: license.license_number,
        hours: capped.hours,
        earned,
        cycleStart: cycle.start,
        reason: capped.reason,
        byRule: actor.userId === null,
      },
      ip: actor.ip,
    },
    now,
  );
  await recordAudit(
    tx,
    {
      organisationId: notice.organisation_id,
      actorUserId: actor.userId,
      action: 'notice.posted',
      subjectType: 'completion_notice',
      subjectId: notice.public_id,
      data: { entry: entry.public_id, hours: capped.hours },
      ip: actor.ip,
    },
    now,
  );
  return { entryPublicId: entry.public_id, hours: capped.hours };
}
