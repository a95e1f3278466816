import { z } from 'zod';
import { emailSchema, INVITATION_TTL_DAYS, rolesSchema } from '../rules.ts';
import { conflict } from '../../../domain/errors.ts';
import { publicId, newSecretToken, hashToken } from '../../../domain/ids.ts';
import { ROLE_LABELS, assertCanGrant } from '../../../domain/roles.ts';
import { DAY } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findUser } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { invitationMail } from '../../../mail/templates.tsx';
import { requireMember } from '../organisationAccess.ts';
import type { CommandOptions } from './options.ts';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import { accountMessage } from '../messages.ts';

export const inviteMemberInput = z.object({ email: emailSchema, roles: rolesSchema });
const organisationInput = z.object({ slug: z.string().min(1) });

/** Invites someone by email with roles; a new invitation to the same address replaces the pending one. */
export async function inviteMember(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions,
): Promise<{ publicId: string; token: string }> {
  const { slug } = parseInput(organisationInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Access first: a stranger or a member without the right gets not_found/forbidden, whatever the body.
    const { organisation, membership } = await requireMember(tx, slug, actor.userId, 'invitations.manage');
    const { email, roles } = parseInput(inviteMemberInput, input);
    assertCanGrant(membership.roles, [], roles);
    const existing = await tx
      .selectFrom('memberships as m')
      .innerJoin('user_emails as e', 'e.user_id', 'm.user_id')
      .select('m.id')
      .where('m.organisation_id', '=', organisation.id)
      .where('e.email', '=', email)
      .where('e.confirmed_at', 'is not', null)
      .executeTakeFirst();
    if (existing)
      throw conflict(accountMessage('isMember', { email }), {
        email: accountMessage('alreadyMember'),
      });
    await tx
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('organisation_id', '=', organisation.id)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const token = newSecretToken();
    const invitation = await tx
      .insertInto('invitations')
      .values({
        public_id: publicId('inv'),
        organisation_id: organisation.id,
        email,
        roles,
        token_hash: hashToken(token),
        invited_by: actor.userId,
        created_at: now,
        expires_at: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY),
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    const inviter = await findUser(tx, actor.userId);
    const mail = await invitationMail({
      organisationName: organisation.name,
      inviterName: inviter?.name ?? 'A colleague',
      roles: roles.map((r) => ROLE_LABELS[r]),
      link: appLink(deps.config, `/invitations/${token}`),
      expiresInDays: INVITATION_TTL_DAYS,
    });
    await queueMail(tx, email, mail, now, { organisationId: organisation.id });
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'invitation.created',
        subjectType: 'invitation',
        subjectId: invitation.public_id,
        data: { email, roles },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: invitation.public_id, token };
  });
}
