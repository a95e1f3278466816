import { z } from 'zod';
import { AppError, conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { isDay } from '../renewal.ts';
import { licenseRecordFor, programForLinking, saveLicenseLink } from '../queries/licenseRecords.ts';

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
    const program = await programForLinking(tx, v.program);
    if (!program)
      throw new AppError('validation_failed', 'That program does not exist or no longer accepts licenses.', {
        program: 'Choose a program from the list.',
      });
    const existing = await licenseRecordFor(tx, program.id, actor.userId);
    if (existing && existing.state !== 'rejected')
      throw conflict(`Your license is already linked to ${program.name}.`, {
        program:
          existing.state === 'pending'
            ? 'The link waits for the recognizer to confirm it.'
            : 'This license is confirmed.',
      });
    const id = await saveLicenseLink(
      tx,
      existing,
      { ...v, programId: program.id, userId: actor.userId },
      now,
    );
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
