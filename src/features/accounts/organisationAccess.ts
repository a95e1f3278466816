import { notFound } from '../../domain/errors.ts';
import { assertCan, can, type Action } from '../../domain/roles.ts';
import type { OrganisationActor } from '../../domain/commands.ts';
import { requireActionScope, scopesAllow } from '../../http/apiTokens.ts';
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
  if (!organisation || !membership) throw notFound('organisation');
  if (action) assertCan(membership.roles, action);
  return { organisation, membership };
}

/** An organisation as seen by whoever acts in it: a member (their roles) or its API token (its scopes). */
export interface ActorAccess {
  organisation: Organisation;
  /** The member's membership; null when the organisation's API token acts. */
  membership: Membership | null;
  /** True when this actor may perform the action here. */
  may(action: Action): boolean;
  /** Refuses an action this actor may not perform (forbidden for a member, insufficient_scope for a token). */
  require(action: Action): void;
}

/**
 * Resolves an organisation for whoever acts: a person must be a member (requireMember: a
 * stranger gets not_found); an API token must belong to this very organisation (a token of
 * another one learns nothing: not_found), and its scopes must allow `action`.
 */
export async function requireActor(
  db: Queryable,
  slug: string,
  actor: OrganisationActor,
  action?: Action,
): Promise<ActorAccess> {
  let access: ActorAccess;
  if (actor.userId !== null) {
    const { organisation, membership } = await requireMember(db, slug, actor.userId);
    access = {
      organisation,
      membership,
      may: (a) => can(membership.roles, a),
      require: (a) => assertCan(membership.roles, a),
    };
  } else {
    const organisation = await findOrganisationBySlug(db, slug);
    if (!organisation || organisation.id !== actor.organisationId) throw notFound('organisation');
    access = {
      organisation,
      membership: null,
      may: (a) => scopesAllow(actor.scopes, a),
      require: (a) => requireActionScope(actor, a),
    };
  }
  if (action) access.require(action);
  return access;
}
