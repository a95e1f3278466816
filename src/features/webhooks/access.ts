import type { Context } from 'hono';
import { AppError, notFound } from '../../domain/errors.ts';
import { authenticateApiToken } from '../../commands/manageApiTokens.ts';
import { requireMember } from '../../commands/organisationAccess.ts';
import { findOrganisationBySlug } from '../../storage/organisations.ts';
import type { Organisation } from '../../storage/schema.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import type { AppEnv } from '../../http/env.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';

/** Owners and administrators manage webhooks (the permission that guards API tokens). */
export const WEBHOOKS_PERMISSION = 'tokens.manage';

/** From a page: a logged-in owner or administrator of the organisation in the URL; others get 404 / 403. */
export async function webhookManagerFromSession(c: Context<AppEnv>): Promise<{ organisation: Organisation; actor: WebhookActor }> {
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(c.var.deps.db, c.req.param('slug') ?? '', viewer.user_id, WEBHOOKS_PERMISSION);
  return { organisation, actor: { organisationId: organisation.id, userId: viewer.user_id, ip: c.var.ip } };
}

/** From the JSON API: the organisation's API token, or a session of an owner/administrator (with X-CSRF-Token). */
export async function webhookManager(c: Context<AppEnv>): Promise<{ organisation: Organisation; actor: WebhookActor }> {
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const auth = await authenticateApiToken(c.var.deps.db, header.slice(7).trim(), c.var.deps.clock.now());
    if (!auth) throw new AppError('unauthenticated', 'That API token is not valid (revoked, or mistyped).');
    const organisation = await findOrganisationBySlug(c.var.deps.db, c.req.param('slug') ?? '');
    if (!organisation || organisation.id !== auth.organisationId) throw notFound('That organisation');
    return { organisation, actor: { organisationId: organisation.id, userId: null, ip: c.var.ip } };
  }
  return webhookManagerFromSession(c);
}

export function webhookDeps(c: Context<AppEnv>): WebhookDeps {
  const { db, clock, config, credentials } = c.var.deps;
  return { db, clock, config, vault: credentials.vault };
}
