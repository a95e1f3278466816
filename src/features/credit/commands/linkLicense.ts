import { z } from 'zod';
import { AppError, conflict } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { isDay } from '../renewal.ts';

export const linkLicenseInput = z.object({
  program: z
    .string({ message: 'Choose the program that keeps your license.' })
    .trim()
    .min(1, 'Choose the program that keeps your license.'),
  licenseNumber: z
    .string({ message: 'Enter your license or certification number.' })
    .trim()
    .min(1, 'Enter your license or certification number.')
    .max(100, 'A license number has at most 100 characters.'),
  cycleStart: z
    .string({ message: 'Give the day your current renewal cycle began.' })
    .trim()
    .refine(isDay, 'Give the day your current renewal cycle began, as YYYY-MM-DD.'),
});

/** An earner links their license number to a recognizer's program (once; a rejected link may be corrected). */
export async function linkLicense(
  deps: CommandDeps,
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<{ publicId: string }> {
  const v = parseInput(linkLicenseInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const program = await tx
      .selectFrom('recognition_programs as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.id', 'p.public_id', 'p.organisation_id', 'p.name'])
      .where('p.public_id', '=', v.program)
      .where('p.archived_at', 'is', null)
      .where('o.kind', 'in', ['recognizer', 'both'])
      .executeTakeFirst();
    if (!program)
      throw new AppError('validation_failed', 'That program does not exist or no longer accepts licenses.', {
        program: 'Choose a program from the list.',
      });
    const existing = await tx
      .selectFrom('license_records')
      .select(['id', 'public_id', 'state'])
      .where('program_id', '=', program.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing && existing.state !== 'rejected')
      throw conflict(`Your license is already linked to ${program.name}.`, {
        program:
          existing.state === 'pending'
            ? 'The link waits for the recognizer to confirm it.'
            : 'This license is confirmed.',
      });
    let id: string;
    if (existing) {
      await tx
        .updateTable('license_records')
        .set({
          license_number: v.licenseNumber,
          cycle_start: v.cycleStart,
          state: 'pending',
          confirmed_by: null,
          decided_at: null,
          note: null,
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .execute();
      id = existing.public_id;
    } else {
      const row = await tx
        .insertInto('license_records')
        .values({
          public_id: publicId('lic'),
          program_id: program.id,
          user_id: actor.userId,
          license_number: v.licenseNumber,
          state: 'pending',
          cycle_start: v.cycleStart,
          created_at: now,
          updated_at: now,
        })
        .returning('public_id')
        .executeTakeFirstOrThrow();
      id = row.public_id;
    }
    await recordAudit(
      tx,
      {
        organisationId: program.organisation_id,
        actorUserId: actor.userId,
        action: 'license.linked',
        subjectType: 'license_record',
        subjectId: id,
        data: { program: program.public_id, licenseNumber: v.licenseNumber, cycleStart: v.cycleStart },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: id };
  });
}
