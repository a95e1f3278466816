import type { Queryable } from '../../../storage/database.ts';
import { hashToken } from '../../../domain/ids.ts';

/** Every read the team pages make (writes go through src/features/earning/teams/teams.ts). */

/** The teams the person is in, by name, with their sizes. */
export async function teamsOf(db: Queryable, userId: number) {
  const rows = await db
    .selectFrom('team_members as mine')
    .innerJoin('teams as t', 't.id', 'mine.team_id')
    .innerJoin('team_members as all', 'all.team_id', 't.id')
    .select(['t.public_id', 't.name'])
    .select((eb) => eb.fn.countAll<string>().as('members'))
    .where('mine.user_id', '=', userId)
    .groupBy(['t.id', 't.public_id', 't.name'])
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ publicId: r.public_id, name: r.name, members: Number(r.members) }));
}

/** How many micro-credentials the team form offers at most. */
export const TEAM_CHOICES_MAX = 200;

/** The catalog a team may work on (published, live micro-credentials), by organisation then title. */
export function teamChoices(db: Queryable) {
  return db
    .selectFrom('catalog_entries')
    .select(['public_id', 'title', 'organisation_name'])
    .orderBy('organisation_name')
    .orderBy('title')
    .orderBy('public_id')
    .limit(TEAM_CHOICES_MAX)
    .execute();
}

/** A team invitation by the token in its link: the team's name, who invited, where it was sent and whether it can still be used. */
export async function invitationByToken(db: Queryable, token: string, now: Date) {
  const row = await db
    .selectFrom('team_invitations as i')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['t.name as team_name', 'u.name as inviter_name', 'i.email', 'i.expires_at', 'i.accepted_at'])
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    teamName: row.team_name,
    inviterName: row.inviter_name,
    email: row.email,
    usable: row.accepted_at === null && row.expires_at > now,
  };
}

/** Invitations of a team not yet accepted and not expired (the members see whom they invited). */
export async function pendingInvitations(db: Queryable, teamPublicId: string, now: Date) {
  return db
    .selectFrom('team_invitations as i')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select(['i.email', 'i.expires_at'])
    .where('t.public_id', '=', teamPublicId)
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', now)
    .orderBy('i.id')
    .execute();
}

/** The teams working on an organisation's micro-credentials, with their sizes. */
export function organisationTeams(db: Queryable, organisationId: number) {
  return db
    .selectFrom('teams as t')
    .innerJoin('team_micro_credentials as tm', 'tm.team_id', 't.id')
    .innerJoin('micro_credentials as m', 'm.id', 'tm.micro_credential_id')
    .select([
      't.public_id',
      't.name',
      (eb) =>
        eb
          .selectFrom('team_members')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('team_members.team_id', '=', 't.id')
          .as('members'),
    ])
    .where('m.organisation_id', '=', organisationId)
    .distinct()
    .execute();
}
