import { notFound } from '../../../domain/errors.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { requireRecognizer } from './requireRecognizer.ts';

/** Archives a program: no new submissions; approvals already granted stay in force. */
export async function archiveProgram(
  deps: CommandDeps,
  { actor, orgSlug, program: programPublicId }: { actor: Actor; orgSlug: string; program: string },
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const organisation = await requireRecognizer(tx, orgSlug, actor.userId, 'recognition.manage');
    const res = await tx
      .updateTable('recognition_programs')
      .set({ archived_at: now, updated_at: now })
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', programPublicId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound('program');
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'recognition.program_archived',
        subjectType: 'recognition_program',
        subjectId: programPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}
