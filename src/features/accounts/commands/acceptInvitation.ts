import { z } from 'zod';
import { forbidden } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { findOpenInvitation } from '../queries/invitations.ts';
import type { CommandOptions } from './options.ts';
import { ROLES } from '../../../domain/roles.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { emailsOf } from '../../../storage/users.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { accountMessage } from '../messages.ts';

export const acceptInvitationInput = z.object({ token: z.string().min(1).max(200) });

/** Joins the organisation with the invited roles; the invited address must be a confirmed one of the actor's. */
export async function acceptInvitation(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<{ slug: string }> {
  const { token } = parseInput(acceptInvitationInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const invitation = await findOpenInvitation(tx, token, now);
    const mine = await emailsOf(tx, actor.userId);
    if (!mine.some((e) => e.email === invitation.email && e.confirmed_at)) {
      throw forbidden(accountMessage('invitationForOther', { email: invitation.email }));
    }
    const existing = await tx
      .selectFrom('memberships')
      .selectAll()
      .where('organisation_id', '=', invitation.organisation_id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing) {
      const roles = ROLES.filter((r) => existing.roles.includes(r) || invitation.roles.includes(r));
      await tx.updateTable('memberships').set({ roles }).where('id', '=', existing.id).execute();
    } else {
      await tx
        .insertInto('memberships')
        .values({
          organisation_id: invitation.organisation_id,
          user_id: actor.userId,
          roles: invitation.roles,
          created_at: now,
        })
        .execute();
    }
    await tx
      .updateTable('invitations')
      .set({ accepted_at: now, accepted_by: actor.userId })
      .where('id', '=', invitation.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: invitation.organisation_id,
        actorUserId: actor.userId,
        action: 'invitation.accepted',
        subjectType: 'invitation',
        subjectId: invitation.public_id,
        data: { roles: invitation.roles },
        ip: actor.ip,
      },
      now,
    );
    return { slug: invitation.slug };
  });
}
