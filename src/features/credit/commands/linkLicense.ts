import { z } from 'zod';
import { AppError, conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { isDay } from '../renewal.ts';
import { licenseRecordFor, programForLinking, saveLicenseLink } from '../queries/licenseRecords.ts';
import { creditMessage as credit } from '../messages.ts';

export const linkLicenseInput = z.object({
  program: z
    .string({ message: credit('chooseProgram') })
    .trim()
    .min(1, credit('chooseProgram')),
  licenseNumber: z
    .string({ message: credit('enterLicenseNumber') })
    .trim()
    .min(1, credit('enterLicenseNumber'))
    .max(100, credit('licenseNumberLong')),
  cycleStart: z
    .string({ message: credit('giveCycleStart') })
    .trim()
    .refine(isDay, credit('cycleStartFormat')),
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
      throw new AppError('validation_failed', credit('programClosed'), {
        program: credit('programFromList'),
      });
    const existing = await licenseRecordFor(tx, program.id, actor.userId);
    if (existing && existing.state !== 'rejected')
      throw conflict(credit('alreadyLinked', { program: program.name }), {
        program: credit(existing.state === 'pending' ? 'linkPending' : 'linkConfirmed'),
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
