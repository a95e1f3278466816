import { conflict } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { slugify } from '../../accounts/index.ts';
import { insertStack, replaceStackMembers, stackSlugTaken } from '../queries/stacks.ts';
import { requireDesigner, type CommandCall } from './designerAccess.ts';
import { stackInput, stackMemberIds } from './stackInput.ts';
import { catalogMessage } from '../messages.ts';

/** Creates a stack: a named topic collection of this organisation's micro-credentials, in order. */
export async function createStack(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string }>,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireDesigner(tx, input.orgSlug, actor);
    const v = parseInput(stackInput, input);
    const memberIds = await stackMemberIds(tx, organisation.id, v.microCredentials);
    const slug = v.slug ?? slugify(v.name).slice(0, 80);
    if (await stackSlugTaken(tx, organisation.id, slug))
      throw conflict(catalogMessage('stackAddressTaken'), { slug: catalogMessage('slugTaken', { slug }) });
    const stack = await insertStack(
      tx,
      { organisationId: organisation.id, slug, name: v.name, description: v.description },
      now,
    );
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
