import type { Queryable } from '../../../storage/database.ts';
import { listInvitations, listMembers } from '../../../storage/organisations.ts';

/** The reads of the organisation pages (overview, members, invitations). */
export async function membersOf(db: Queryable, organisationId: number) {
  return listMembers(db, organisationId);
}

export async function invitationsOf(db: Queryable, organisationId: number) {
  return listInvitations(db, organisationId);
}
