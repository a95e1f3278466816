import { z } from 'zod';
import { AppError, conflict, forbidden, notFound } from '../../../domain/errors.ts';
import { emailSchema } from '../../accounts/index.ts';
import { hashToken, newSecretToken, publicId } from '../../../domain/ids.ts';
import { DAY } from '../../../domain/clock.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable } from '../../../storage/database.ts';
import { emailsOf, findUser } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { teamInvitationMail } from '../mail.tsx';
import { appLink, type CommandDeps } from '../../../domain/commands.ts';
import type { CommandCall } from '../commands/commandCall.ts';
import { earningPaths } from '../paths.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** How long an emailed team invitation works. */
export const TEAM_INVITATION_DAYS = 14;

export const teamInput = z.object({
  name: z.string().trim().min(2, commandMessage('errors.earning.teams.name')).max(120),
  microCredentials: z
    .array(z.string())
    .min(1, commandMessage('errors.earning.teams.chooseMicroCredentials'))
    .max(50),
});

/** Starts a team (a learning community) around published micro-credentials; the creator is its first member. */
export async function createTeam(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<object>,
): Promise<{ publicId: string }> {
  const v = parseInput(teamInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const mcs = await tx
      .selectFrom('catalog_entries')
      .select('micro_credential_id')
      .where('public_id', 'in', v.microCredentials)
      .execute();
    if (mcs.length !== new Set(v.microCredentials).size)
      throw new AppError('validation_failed', commandMessage('errors.earning.teams.notInCatalog'), {
        microCredentials: commandMessage('errors.earning.teams.choosePublished'),
      });
    const team = await tx
      .insertInto('teams')
      .values({ public_id: publicId('team'), name: v.name, created_by: actor.userId, created_at: now })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('team_members')
      .values({ team_id: team.id, user_id: actor.userId, joined_at: now })
      .execute();
    await tx
      .insertInto('team_micro_credentials')
      .values(mcs.map((m) => ({ team_id: team.id, micro_credential_id: m.micro_credential_id })))
      .execute();
    return { publicId: team.public_id };
  });
}

async function memberTeam(db: Queryable, userId: number, teamPublicId: string) {
  const team = await db
    .selectFrom('teams as t')
    .innerJoin('team_members as m', 'm.team_id', 't.id')
    .select(['t.id', 't.public_id', 't.name'])
    .where('t.public_id', '=', teamPublicId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!team) throw notFound('team');
  return team;
}

/** Whom to invite to a team. */
export const teamInvitationInput = z.object({ email: emailSchema });
const onTeam = z.object({ team: z.string() });

/** Invites a colleague by email; they join by opening the link while logged in with that address. */
export async function inviteToTeam(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ team: string }>,
): Promise<{ token: string }> {
  const { team: teamPublicId } = parseInput(onTeam, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const team = await memberTeam(tx, actor.userId, teamPublicId);
    const { email } = parseInput(teamInvitationInput, input);
    const token = newSecretToken();
    await tx
      .insertInto('team_invitations')
      .values({
        team_id: team.id,
        email,
        token_hash: hashToken(token),
        invited_by: actor.userId,
        created_at: now,
        expires_at: new Date(now.getTime() + TEAM_INVITATION_DAYS * DAY),
      })
      .execute();
    const inviter = await findUser(tx, actor.userId);
    await queueMail(
      tx,
      email,
      // The address may have no account yet: the inviter's language would be a guess, so English
      // (pass `locale` once accounts keep one and the address is known).
      teamInvitationMail({
        teamName: team.name,
        inviterName: inviter?.name ?? null,
        link: appLink(deps.config, earningPaths.teamJoin(token)),
        expiresInDays: TEAM_INVITATION_DAYS,
      }),
      now,
    );
    return { token };
  });
}

/** Joins a team from an invitation sent to one of the actor's confirmed addresses. */
export const joinTeamInput = z.object({ token: z.string() });

export async function joinTeam(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ token: string }>,
): Promise<{ publicId: string }> {
  const { token } = parseInput(joinTeamInput, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const inv = await tx
      .selectFrom('team_invitations as i')
      .innerJoin('teams as t', 't.id', 'i.team_id')
      .select(['i.id', 'i.email', 'i.expires_at', 'i.accepted_at', 't.id as team_id', 't.public_id'])
      .where('i.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!inv || inv.accepted_at || inv.expires_at <= now)
      throw new AppError('token_invalid', commandMessage('errors.earning.teams.invitationUsed'));
    const mine = await emailsOf(tx, actor.userId);
    if (!mine.some((e) => e.email === inv.email && e.confirmed_at))
      throw forbidden(commandMessage('errors.earning.teams.confirmAddress', { email: inv.email }));
    const already = await tx
      .selectFrom('team_members')
      .select('user_id')
      .where('team_id', '=', inv.team_id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (already) throw conflict(commandMessage('errors.earning.teams.alreadyMember'));
    await tx
      .insertInto('team_members')
      .values({ team_id: inv.team_id, user_id: actor.userId, joined_at: now })
      .execute();
    await tx.updateTable('team_invitations').set({ accepted_at: now }).where('id', '=', inv.id).execute();
    return { publicId: inv.public_id };
  });
}

/** Members' progress on the team's micro-credentials (statuses and attempts, never evidence). */
export async function teamProgress(db: Queryable, userId: number, teamPublicId: string) {
  const team = await memberTeam(db, userId, teamPublicId);
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name'])
    .where('m.team_id', '=', team.id)
    .orderBy('u.name')
    .execute();
  const mcs = await db
    .selectFrom('team_micro_credentials as t')
    .innerJoin('catalog_entries as e', 'e.micro_credential_id', 't.micro_credential_id')
    .select(['e.micro_credential_id', 'e.title'])
    .where('t.team_id', '=', team.id)
    .execute();
  const apps =
    members.length && mcs.length
      ? await db
          .selectFrom('applications')
          .select(['earner_user_id', 'micro_credential_id', 'status', 'attempts'])
          .where(
            'earner_user_id',
            'in',
            members.map((m) => m.id),
          )
          .where(
            'micro_credential_id',
            'in',
            mcs.map((m) => m.micro_credential_id),
          )
          .orderBy('id', 'desc')
          .execute()
      : [];
  return {
    name: team.name,
    microCredentials: mcs.map((m) => m.title),
    members: members.map((m) => ({
      name: m.name,
      progress: mcs.map((mc) => {
        const a = apps.find(
          (x) => x.earner_user_id === m.id && x.micro_credential_id === mc.micro_credential_id,
        );
        return { microCredential: mc.title, status: a?.status ?? 'not started', attempts: a?.attempts ?? 0 };
      }),
    })),
  };
}

/** Users who share a team with the earner (never assigned to review them). */
export async function teammatesOf(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('team_members as mine')
    .innerJoin('team_members as other', 'other.team_id', 'mine.team_id')
    .select('other.user_id')
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('other.user_id', '!=', userId)
    .execute();
  return rows.map((r) => r.user_id);
}
