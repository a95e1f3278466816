import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { deleteStackRow } from '../queries/stacks.ts';
import { inOrganisation, requireDesigner, type CommandCall } from './designerAccess.ts';

export const deleteStackInput = inOrganisation.extend({ stackId: z.string() });

/** Removes a stack (its micro-credentials stay, and so do their badges). */
export async function deleteStack(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; stackId: string }>,
): Promise<void> {
  const now = deps.clock.now();
  const { orgSlug, stackId } = parseInput(deleteStackInput, input);
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, orgSlug, actor);
    if (!(await deleteStackRow(tx, organisation.id, stackId))) throw notFound('stack');
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'stack.deleted',
        subjectType: 'stack',
        subjectId: stackId,
        ip: actor.ip,
      },
      now,
    );
  });
}
