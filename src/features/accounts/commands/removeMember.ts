import { z } from 'zod';
import { assertCanGrant } from '../../../domain/roles.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../organisationAccess.ts';
import { assertOwnerRemains, memberOf } from '../queries/members.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';

export const removeMemberInput = z.object({ slug: z.string().min(1), userPublicId: z.string().min(1) });

/** Removes a member (administrators), or lets a member leave; the last owner cannot go. */
export async function removeMember(deps: CommandDeps, { actor, ...input }: CommandOptions): Promise<void> {
  const { slug, userPublicId } = parseInput(removeMemberInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, membership } = await requireMember(tx, slug, actor.userId);
    const member = await memberOf(tx, organisation.id, userPublicId);
    if (member.user_id !== actor.userId) {
      await requireMember(tx, slug, actor.userId, 'members.manage');
      assertCanGrant(membership.roles, member.roles, []);
    }
    if (member.roles.includes('owner')) await assertOwnerRemains(tx, organisation.id, member.id);
    await tx.deleteFrom('memberships').where('id', '=', member.id).execute();
    await tx
      .updateTable('sessions')
      .set({ active_organisation_id: null })
      .where('user_id', '=', member.user_id)
      .where('active_organisation_id', '=', organisation.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: member.user_id === actor.userId ? 'member.left' : 'member.removed',
        subjectType: 'user',
        subjectId: userPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}
