import { z } from 'zod';
import { conflict, notFound } from '../../../domain/errors.ts';
import { assertCanGrant } from '../../../domain/roles.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { rolesSchema } from './inviteMember.ts';
import { requireMember } from '../organisationAccess.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

async function memberOf(tx: Tx, organisationId: number, userPublicId: string) {
  const row = await tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.roles', 'm.user_id'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.public_id', '=', userPublicId)
    .executeTakeFirst();
  if (!row) throw notFound('That member');
  return row;
}

async function assertOwnerRemains(tx: Tx, organisationId: number, exceptMembershipId: number): Promise<void> {
  const owners = await tx
    .selectFrom('memberships')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '!=', exceptMembershipId)
    .where(({ eb, val }) => eb(val('owner'), '=', eb.fn.any('roles')))
    .execute();
  if (owners.length === 0)
    throw conflict('An organisation needs at least one owner; make someone else owner first.');
}

/** Replaces a member's roles (administrators; only owners touch the owner role). */
export async function changeMemberRoles(
  deps: CommandDeps,
  actor: Actor,
  slug: string,
  userPublicId: string,
  input: unknown,
): Promise<void> {
  const { roles } = parseInput(z.object({ roles: rolesSchema }), input);
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

/** Removes a member (administrators), or lets a member leave; the last owner cannot go. */
export async function removeMember(
  deps: CommandDeps,
  actor: Actor,
  slug: string,
  userPublicId: string,
): Promise<void> {
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
