import { z } from 'zod';
import { sql } from 'kysely';
import { conflict, forbidden, notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { requireRecognizer } from '../../recognition/index.ts';
import { isDay } from '../renewal.ts';
import { postCreditInTx } from './creditPosting.ts';

export const decideLicenseInput = z
  .object({
    decision: z.enum(['confirm', 'reject'], { message: 'Choose confirm or reject.' }),
    reason: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
    cycleStart: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isDay(v), 'Give the cycle start as YYYY-MM-DD.'),
  })
  .refine((v) => v.decision !== 'reject' || v.reason, {
    message: 'Say what does not match, so the earner can correct it.',
    path: ['reason'],
  });

/**
 * A recognition officer confirms a license link (optionally correcting the cycle start) or rejects
 * a mismatch with a reason. Confirming attaches the earner's waiting notices and, for automatic
 * programs, posts their credit.
 */
export async function decideLicense(
  deps: CommandDeps,
  {
    actor,
    orgSlug,
    license: licensePublicId,
    ...input
  }: { actor: Actor; orgSlug: string; license: string } & Record<string, unknown>,
): Promise<{ posted: number }> {
  const v = parseInput(decideLicenseInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const license = await tx
      .selectFrom('license_records as l')
      .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
      .select([
        'l.id',
        'l.public_id',
        'l.state',
        'l.user_id',
        'l.program_id',
        'l.license_number',
        'p.posting',
        'p.name as program_name',
      ])
      .where('l.public_id', '=', licensePublicId)
      .where('p.organisation_id', '=', organisation.id)
      .forUpdate('l')
      .executeTakeFirst();
    if (!license) throw notFound('That license record');
    if (license.state !== 'pending') throw conflict(`This license link is already ${license.state}.`);
    if (license.user_id === actor.userId)
      throw forbidden('Officers do not decide their own license link; another officer does.');
    // The earner hears of the decision through a notification (features/notifications), made from the audit event below.
    if (v.decision === 'reject') {
      await tx
        .updateTable('license_records')
        .set({
          state: 'rejected',
          confirmed_by: actor.userId,
          decided_at: now,
          note: v.reason,
          updated_at: now,
        })
        .where('id', '=', license.id)
        .execute();
      await recordAudit(
        tx,
        {
          organisationId: organisation.id,
          actorUserId: actor.userId,
          action: 'license.rejected',
          subjectType: 'license_record',
          subjectId: license.public_id,
          data: { reason: v.reason, licenseNumber: license.license_number },
          ip: actor.ip,
        },
        now,
      );
      return { posted: 0 };
    }
    await tx
      .updateTable('license_records')
      .set({
        state: 'confirmed',
        confirmed_by: actor.userId,
        decided_at: now,
        note: v.reason || null,
        updated_at: now,
        ...(v.cycleStart ? { cycle_start: v.cycleStart } : {}),
      })
      .where('id', '=', license.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'license.confirmed',
        subjectType: 'license_record',
        subjectId: license.public_id,
        data: { licenseNumber: license.license_number, cycleStart: v.cycleStart ?? null },
        ip: actor.ip,
      },
      now,
    );
    // Notices that waited for this license: the earner's confirmed emails match the credential's recipient.
    const waiting = await tx
      .selectFrom('completion_notices as n')
      .innerJoin('credentials as c', 'c.id', 'n.credential_id')
      .select(['n.id'])
      .where('n.program_id', '=', license.program_id)
      .where('n.state', '=', 'new')
      .where((eb) =>
        eb.or([
          eb('n.license_record_id', '=', license.id),
          eb(
            sql<string>`lower(c.recipient_email)`,
            'in',
            eb
              .selectFrom('user_emails')
              .select('email')
              .where('user_id', '=', license.user_id)
              .where('confirmed_at', 'is not', null),
          ),
        ]),
      )
      .orderBy('n.id')
      .execute();
    let posted = 0;
    for (const n of waiting) {
      await tx
        .updateTable('completion_notices')
        .set({ license_record_id: license.id })
        .where('id', '=', n.id)
        .execute();
      if (
        license.posting === 'automatic' &&
        (await postCreditInTx(tx, n.id, { userId: null, ip: null }, now, { quiet: true }))
      )
        posted++;
    }
    return { posted };
  });
}
