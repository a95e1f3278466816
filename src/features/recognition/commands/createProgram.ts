import { publicId } from '../../../domain/ids.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps, OrganisationActor } from '../../../domain/commands.ts';
import { requireRecognizer } from './requireRecognizer.ts';
import { assertProgramNameFree, programAuditData, programColumns, programInput } from './programTerms.ts';

/** Creates a recognition program (recognizer officers and administrators). */
export async function createProgram(
  deps: CommandDeps,
  { actor, orgSlug, ...input }: { actor: OrganisationActor; orgSlug: string } & Record<string, unknown>,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor, 'recognition.manage');
    const v = parseInput(programInput, input);
    await assertProgramNameFree(tx, organisation, v.name);
    const row = await tx
      .insertInto('recognition_programs')
      .values({
        public_id: publicId('rprg'),
        organisation_id: organisation.id,
        ...programColumns(v),
        created_at: now,
        updated_at: now,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_created',
        subjectType: 'recognition_program',
        subjectId: row.public_id,
        data: programAuditData(v),
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id };
  });
}
