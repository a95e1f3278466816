import type { Queryable } from './database.ts';
import type { Membership, Organisation } from './schema.ts';

/** An organisation by slug. */
export async function findOrganisationBySlug(db: Queryable, slug: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A user's membership of one organisation, if any. */
export async function findMembership(
  db: Queryable,
  organisationId: number,
  userId: number,
): Promise<Membership | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export interface MembershipSummary {
  slug: string;
  name: string;
  kind: Organisation['kind'];
  roles: string[];
  organisation_id: number;
}

/** Every organisation a user belongs to, by name. */
export async function organisationsOf(db: Queryable, userId: number): Promise<MembershipSummary[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.slug', 'o.name', 'o.kind', 'm.roles', 'o.id as organisation_id'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

export interface MemberRow {
  user_public_id: string;
  name: string;
  email: string | null;
  roles: string[];
  joined_at: Date;
}

/** Members of one organisation (scoped by organisation id), by name. */
export async function listMembers(db: Queryable, organisationId: number): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('user_emails as e', (j) => j.onRef('e.user_id', '=', 'u.id').on('e.is_primary', '=', true))
    .select(['u.public_id as user_public_id', 'u.name', 'e.email', 'm.roles', 'm.created_at as joined_at'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('u.name')
    .execute();
}

export interface InvitationRow {
  public_id: string;
  email: string;
  roles: string[];
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  invited_by_name: string | null;
}

/** Invitations of one organisation (scoped by organisation id), newest first. */
export async function listInvitations(db: Queryable, organisationId: number): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select([
      'i.public_id',
      'i.email',
      'i.roles',
      'i.created_at',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
      'u.name as invited_by_name',
    ])
    .where('i.organisation_id', '=', organisationId)
    .orderBy('i.id', 'desc')
    .limit(200)
    .execute();
}
