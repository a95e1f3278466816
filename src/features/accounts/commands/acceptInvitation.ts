import { AppError, forbidden } from '../../../domain/errors.ts';
import { hashToken } from '../../../domain/ids.ts';
import { ROLES } from '../../../domain/roles.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { emailsOf } from '../../../storage/users.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

/** The invitation behind a link, with its organisation, if it can still be accepted. */
export async function findOpenInvitation(db: Queryable, token: string, now: Date) {
  const row = await db
    .selectFrom('invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .select([
      'i.id',
      'i.public_id',
      'i.email',
      'i.roles',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.slug',
    ])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.accepted_at || row.expires_at <= now) {
    throw new AppError(
      'token_invalid',
      'This invitation has expired, was withdrawn or has already been used. Ask the organisation to invite you again.',
    );
  }
  return row;
}

/** Joins the organisation with the invited roles; the invited address must be a confirmed one of the actor's. */
export async function acceptInvitation(
  deps: CommandDeps,
  actor: Actor,
  token: string,
): Promise<{ slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const invitation = await findOpenInvitation(tx, token, now);
    const mine = await emailsOf(tx, actor.userId);
    if (!mine.some((e) => e.email === invitation.email && e.confirmed_at)) {
      throw forbidden(
        `This invitation was sent to ${invitation.email}. Add and confirm that address on your profile, then open the link again.`,
      );
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
