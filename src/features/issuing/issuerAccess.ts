import type { Context } from 'hono';
import { AppError, notFound } from '../../domain/errors.ts';
import { authenticateApiToken, requireTokenScope, type ApiScope } from '../../http/apiTokens.ts';
import { requireMember } from '../accounts/index.ts';
import type { IssuingActor } from './issuingActor.ts';
import { findMembership, findOrganisationBySlug } from '../../storage/organisations.ts';
import { assertCan, type Action } from '../../domain/roles.ts';
import type { Queryable } from '../../storage/database.ts';
import type { Organisation } from '../../storage/schema.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import type { AppEnv } from '../../http/env.ts';

/**
 * Who acts for the organisation in the URL (`:slug`): its API token holding `scope`, or a
 * logged-in member whose roles allow `permission` (sessions have no scopes: roles decide).
 */
export async function organisationCaller(
  c: Context<AppEnv>,
  scope: ApiScope,
  permission: Parameters<typeof requireMember>[3] = 'credentials.issue',
): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  const slug = c.req.param('slug') ?? '';
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const auth = await authenticateApiToken(c.var.deps.db, header.slice(7).trim(), c.var.deps.clock.now());
    if (!auth) throw new AppError('unauthenticated', 'That API token is not valid (revoked, or mistyped).');
    const organisation = await findOrganisationBySlug(c.var.deps.db, slug);
    // A token of another organisation learns nothing about this one.
    if (!organisation || organisation.id !== auth.organisationId) throw notFound('That organisation');
    requireTokenScope(auth, scope);
    return { organisation, actor: { organisationId: organisation.id, userId: null, ip: c.var.ip } };
  }
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(c.var.deps.db, slug, viewer.user_id, permission);
  return { organisation, actor: { organisationId: organisation.id, userId: viewer.user_id, ip: c.var.ip } };
}

/** Who may issue for the organisation in the URL: its API token with `scope`, or a member allowed to issue. */
export function issuingOrganisation(
  c: Context<AppEnv>,
  scope: ApiScope,
): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  return organisationCaller(c, scope, 'credentials.issue');
}

/**
 * The permission check every issuing command makes itself: a member acting must belong to the
 * organisation and hold a role allowing `action` (a non-member learns nothing: not_found). An
 * actor without a user id is the organisation itself — an API token, whose scope was checked
 * when it was authenticated (organisationCaller), or Cairn's own jobs.
 */
export async function requireIssuingPermission(
  db: Queryable,
  actor: IssuingActor,
  action: Action,
): Promise<void> {
  if (actor.userId === null) return;
  const membership = await findMembership(db, actor.organisationId, actor.userId);
  if (!membership) throw notFound('That organisation');
  assertCan(membership.roles, action);
}

/** The one options object of an issuing command: who acts, and the input its zod schema parses. */
export type IssuingCommandInput = { actor: IssuingActor } & Record<string, unknown>;
