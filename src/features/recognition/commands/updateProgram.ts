import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { CommandDeps, OrganisationActor } from '../../../domain/commands.ts';
import { programOf } from '../queries/programs.ts';
import { requireRecognizer } from './requireRecognizer.ts';
import { assertProgramNameFree, programAuditData, programColumns, programInput } from './programTerms.ts';

/** Changes a program's terms; approvals already granted keep the hours they were granted with. */
export async function updateProgram(
  deps: CommandDeps,
  {
    actor,
    orgSlug,
    program: programPublicId,
    ...input
  }: { actor: OrganisationActor; orgSlug: string; program: string } & Record<string, unknown>,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor, 'recognition.manage');
    const program = await programOf(tx, organisation.id, programPublicId);
    if (!program) throw notFound('program');
    const v = parseInput(programInput, input);
    await assertProgramNameFree(tx, organisation, v.name, program.id);
    await tx
      .updateTable('recognition_programs')
      .set({ ...programColumns(v), updated_at: now })
      .where('id', '=', program.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_updated',
        subjectType: 'recognition_program',
        subjectId: programPublicId,
        data: programAuditData(v),
        ip: actor.ip,
      },
      now,
    );
  });
}
