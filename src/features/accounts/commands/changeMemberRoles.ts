import { z } from 'zod';
import { assertCanGrant } from '../../../domain/roles.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { rolesSchema } from '../rules.ts';
import { requireMember } from '../organisationAccess.ts';
import { assertOwnerRemains, memberOf } from '../queries/members.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';

export const changeMemberRolesInput = z.object({
  slug: z.string().min(1),
  userPublicId: z.string().min(1),
  roles: rolesSchema,
});

/** Replaces a member's roles (administrators; only owners touch the owner role). */
export async function changeMemberRoles(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<void> {
  const { slug, userPublicId, roles } = parseInput(changeMemberRolesInput, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, membership } = await requireMember(tx, slug, actor.userId, 'members.manage');
    const member = await memberOf(tx, organisation.id, userPublicId);
    assertCanGrant(membership.roles, member.roles, roles);
    if (member.roles.includes('owner') && !roles.includes('owner'))
      await assertOwnerRemains(tx, organisation.id, member.id);
    await tx.updateTable('memberships').set({ roles }).where('id', '=', member.id).execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'member.roles_changed',
        subjectType: 'user',
        subjectId: userPublicId,
        data: { from: member.roles, to: roles },
        ip: actor.ip,
      },
      now,
    );
  });
}
