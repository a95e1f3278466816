import type { Context } from 'hono';
import { requireMember } from '../accounts/index.ts';
import { organisationCaller } from '../issuing/index.ts';
import type { Organisation } from '../../storage/schema.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import type { AppEnv } from '../../http/env.ts';
import type { WebhookActor, WebhookDeps } from './actor.ts';
import { z } from 'zod';
import { routeParams, slugParam } from '../../http/params.ts';

/** Owners and administrators manage webhooks (the permission that guards API tokens). */
export const WEBHOOKS_PERMISSION = 'tokens.manage';

/** From a page: a logged-in owner or administrator of the organisation in the URL; others get 404 / 403. */
export async function webhookManagerFromSession(
  c: Context<AppEnv>,
): Promise<{ organisation: Organisation; actor: WebhookActor }> {
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(
    c.var.deps.db,
    routeParams(c, z.object({ slug: slugParam })).slug,
    viewer.user_id,
    WEBHOOKS_PERMISSION,
  );
  return { organisation, actor: { organisationId: organisation.id, userId: viewer.user_id, ip: c.var.ip } };
}

/** From the JSON API: the organisation's API token with `webhooks:manage`, or an owner/administrator's session (with X-CSRF-Token). */
export async function webhookManager(
  c: Context<AppEnv>,
): Promise<{ organisation: Organisation; actor: WebhookActor }> {
  return organisationCaller(c, 'webhooks:manage', WEBHOOKS_PERMISSION);
}

export function webhookDeps(c: Context<AppEnv>): WebhookDeps {
  const { db, clock, config, credentials } = c.var.deps;
  return { db, clock, config, vault: credentials.vault };
}
