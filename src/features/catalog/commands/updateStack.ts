import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findStack, renameStack, replaceStackMembers } from '../queries/stacks.ts';
import { requireDesigner, type CommandCall } from './designerAccess.ts';
import { stackInput, stackMemberIds } from './stackInput.ts';

export const updateStackInput = stackInput.extend({ stackId: z.string() });

/** Replaces a stack's name, description and micro-credentials (its address stays). */
export async function updateStack(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; stackId: string }>,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, input.orgSlug, actor);
    const v = parseInput(updateStackInput, input);
    const memberIds = await stackMemberIds(tx, organisation.id, v.microCredentials);
    const stack = await findStack(tx, organisation.id, v.stackId);
    if (!stack) throw notFound('stack');
    await renameStack(tx, stack.id, v.name, v.description);
    await replaceStackMembers(tx, stack.id, memberIds);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'stack.saved',
        subjectType: 'stack',
        subjectId: stack.public_id,
        data: { name: v.name, members: v.microCredentials.length },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: stack.public_id, slug: stack.slug };
  });
}
