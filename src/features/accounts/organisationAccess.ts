import { notFound } from '../../domain/errors.ts';
import { assertCan, type Action } from '../../domain/roles.ts';
import type { Queryable } from '../../storage/database.ts';
import { findMembership, findOrganisationBySlug } from '../../storage/organisations.ts';
import type { Membership, Organisation } from '../../storage/schema.ts';

/** An organisation as seen by one of its members: every tenant query is scoped by `organisation.id`. */
export interface OrganisationAccess {
  organisation: Organisation;
  membership: Membership;
}

/**
 * Resolves an organisation for a user. A non-member gets not_found (never forbidden), so
 * outsiders learn nothing about what exists inside another organisation.
 */
export async function requireMember(
  db: Queryable,
  slug: string,
  userId: number,
  action?: Action,
): Promise<OrganisationAccess> {
  const organisation = await findOrganisationBySlug(db, slug);
  const membership = organisation ? await findMembership(db, organisation.id, userId) : undefined;
  if (!organisation || !membership) throw notFound('That organisation');
  if (action) assertCan(membership.roles, action);
  return { organisation, membership };
}
