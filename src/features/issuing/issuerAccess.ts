import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../domain/errors.ts';
import { authenticateApiToken, requireTokenScope, type ApiScope } from '../../http/apiTokens.ts';
import { routeParams, slugParam } from '../../http/params.ts';
import { requireMember } from '../accounts/index.ts';
import type { ActingFor, IssuingActor } from './issuingActor.ts';
import { findMembership, findOrganisationBySlug } from '../../storage/organisations.ts';
import { assertCan, type Action } from '../../domain/roles.ts';
import type { Queryable } from '../../storage/database.ts';
import type { Organisation } from '../../storage/schema.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import type { AppEnv } from '../../http/env.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

/** The organisation's slug in the path of every route these callers serve (`/…/orgs/:slug/…`). */
const organisationParams = z.object({ slug: slugParam });

/**
 * Who acts for the organisation in the URL (`:slug`): its API token holding `scope`, or a
 * logged-in member whose roles allow `permission` (sessions have no scopes: roles decide).
 * The actor returned is what issuing commands take; they check it again themselves (`actFor`).
 */
export async function issuingCaller(
  c: Context<AppEnv>,
  scope: ApiScope,
  permission: Parameters<typeof requireMember>[3] = 'credentials.issue',
): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  const { slug } = routeParams(c, organisationParams);
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const auth = await authenticateApiToken(c.var.deps.db, header.slice(7).trim(), c.var.deps.clock.now());
    if (!auth)
      throw new AppError('unauthenticated', commandMessage('errors.issuing.organisation.tokenInvalid'));
    const organisation = await findOrganisationBySlug(c.var.deps.db, slug);
    // A token of another organisation learns nothing about this one.
    if (!organisation || organisation.id !== auth.organisationId) throw notFound('organisation');
    requireTokenScope(auth, scope);
    return { organisation, actor: { kind: 'token', userId: null, ...auth, ip: c.var.ip } };
  }
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(c.var.deps.db, slug, viewer.user_id, permission);
  return { organisation, actor: { userId: viewer.user_id, ip: c.var.ip } };
}

/**
 * The same caller as the organisation acting (audit log and webhooks, which take the
 * organisation's id from it): `{ organisationId, userId, ip }`.
 */
export async function organisationCaller(
  c: Context<AppEnv>,
  scope: ApiScope,
  permission: Parameters<typeof requireMember>[3] = 'credentials.issue',
): Promise<{ organisation: Organisation; actor: ActingFor }> {
  const { organisation, actor } = await issuingCaller(c, scope, permission);
  const userId = 'kind' in actor ? null : actor.userId;
  return { organisation, actor: { organisationId: organisation.id, userId, ip: c.var.ip } };
}

/** Who may issue for the organisation in the URL: its API token with `scope`, or a member allowed to issue. */
export function issuingOrganisation(
  c: Context<AppEnv>,
  scope: ApiScope,
): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  return issuingCaller(c, scope, 'credentials.issue');
}

/**
 * The permission check every issuing command makes itself, before anything else: a person must
 * be a member of the organisation holding a role that allows `permission` (a non-member, an earner
 * included, learns nothing: not_found); a token must be the organisation's own (else not_found)
 * and hold `scope` (else insufficient_scope); Cairn's own jobs may act for any organisation.
 */
export async function actFor(
  db: Queryable,
  actor: IssuingActor,
  organisationId: number,
  need: { permission: Action; scope: ApiScope },
): Promise<ActingFor> {
  if (!('kind' in actor)) {
    const membership = await findMembership(db, organisationId, actor.userId);
    if (!membership) throw notFound('organisation');
    assertCan(membership.roles, need.permission);
    return { organisationId, userId: actor.userId, ip: actor.ip };
  }
  if (actor.kind === 'token') {
    if (actor.organisationId !== organisationId) throw notFound('organisation');
    requireTokenScope(actor, need.scope);
    return { organisationId, userId: null, ip: actor.ip };
  }
  return { organisationId, userId: null, ip: null };
}

/** The permissions of issuing's commands: the member's action and the token's scope. */
export const ISSUE = { permission: 'credentials.issue', scope: 'credentials:issue' } as const;
export const AWARD_RUN = { permission: 'credentials.issue', scope: 'awards:run' } as const;
export const CHANGE_STATUS = { permission: 'credentials.revoke', scope: 'credentials:status' } as const;

/** The one options object of an issuing command: who acts, and the input its zod schema parses. */
export type IssuingCommandInput = { actor: IssuingActor } & Record<string, unknown>;
