import { can, type OrganisationKind } from '../../../domain/roles.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { OrganisationAccess } from '../organisationAccess.ts';
import { invitationsOf, membersOf } from '../queries/organisationPages.ts';

/** The organisation's overview: what it is, the member's roles and where they may go from here. */
export interface OverviewModel {
  name: string;
  slug: string;
  kind: OrganisationKind;
  description: string;
  website: string | null;
  roles: string[];
  memberCount: number;
  canReadAudit: boolean;
  canExport: boolean;
}

export async function loadOverview(db: Queryable, access: OrganisationAccess): Promise<OverviewModel> {
  const { organisation, membership } = access;
  const members = await membersOf(db, organisation.id);
  return {
    name: organisation.name,
    slug: organisation.slug,
    kind: organisation.kind,
    description: organisation.description,
    website: organisation.website,
    roles: membership.roles,
    memberCount: members.length,
    canReadAudit: can(membership.roles, 'audit.read'),
    canExport: can(membership.roles, 'organisation.update'),
  };
}

export type InvitationState = 'accepted' | 'withdrawn' | 'expired' | 'pending';

/** The members page: everyone with their roles, and (for those who invite) the invitations. */
export interface MembersModel {
  name: string;
  slug: string;
  canManage: boolean;
  canInvite: boolean;
  members: Array<{
    publicId: string;
    name: string;
    email: string | null;
    roles: string[];
    isViewer: boolean;
  }>;
  invitations: Array<{ publicId: string; email: string; roles: string[]; state: InvitationState }>;
}

export async function loadMembers(
  db: Queryable,
  access: OrganisationAccess,
  viewer: { user_public_id: string },
  now: Date,
): Promise<MembersModel> {
  const { organisation, membership } = access;
  const canInvite = can(membership.roles, 'invitations.manage');
  const [members, invitations] = await Promise.all([
    membersOf(db, organisation.id),
    canInvite ? invitationsOf(db, organisation.id) : [],
  ]);
  return {
    name: organisation.name,
    slug: organisation.slug,
    canManage: can(membership.roles, 'members.manage'),
    canInvite,
    members: members.map((m) => ({
      publicId: m.user_public_id,
      name: m.name,
      email: m.email,
      roles: m.roles,
      isViewer: m.user_public_id === viewer.user_public_id,
    })),
    invitations: invitations.map((i) => ({
      publicId: i.public_id,
      email: i.email,
      roles: i.roles,
      state: i.accepted_at
        ? 'accepted'
        : i.revoked_at
          ? 'withdrawn'
          : i.expires_at <= now
            ? 'expired'
            : 'pending',
    })),
  };
}
