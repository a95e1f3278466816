import { Hono } from 'hono';
import { notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { jsonObjectBody } from '../../http/jsonBody.ts';
import { webhookDeps, webhookManager } from './access.ts';
import { changeSubscription } from './changeSubscription.ts';
import { createSubscription } from './createSubscription.ts';
import { deleteSubscription } from './deleteSubscription.ts';
import { WEBHOOK_EVENTS } from './events.ts';
import { presentDelivery, presentSubscription } from './present.ts';
import { findSubscription, listDeliveries, listSubscriptions } from './queries.ts';
import { replayDelivery } from './replayDelivery.ts';
import { z } from 'zod';
import { publicIdParam, routeParams } from '../../http/params.ts';

const idParam = z.object({ id: publicIdParam });
const deliveryParam = z.object({ delivery: publicIdParam });

/** `/api/v1/orgs/:slug/webhooks`: the organisation's API token, or an owner/administrator's session. */
export function webhookApiRoutes() {
  const r = new Hono<AppEnv>();
  const base = '/api/v1/orgs/:slug/webhooks';

  r.get(base, async (c) => {
    const { organisation } = await webhookManager(c);
    return c.json({
      webhooks: (await listSubscriptions(c.var.deps.db, organisation.id)).map(presentSubscription),
      events: Object.keys(WEBHOOK_EVENTS),
    });
  });
  r.post(base, async (c) => {
    const { organisation, actor } = await webhookManager(c);
    const { publicId, secret } = await createSubscription(webhookDeps(c), actor, await jsonObjectBody(c));
    const created = await findSubscription(c.var.deps.db, organisation.id, publicId);
    // The secret is in this answer only: Cairn keeps it encrypted and never shows it again.
    return c.json({ ...presentSubscription(created!), secret }, 201);
  });
  r.get(`${base}/:id`, async (c) => {
    const { organisation } = await webhookManager(c);
    const subscription = await findSubscription(c.var.deps.db, organisation.id, routeParams(c, idParam).id);
    if (!subscription) throw notFound('webhook');
    return c.json({
      ...presentSubscription(subscription),
      deliveries: (await listDeliveries(c.var.deps.db, subscription.id)).map(presentDelivery),
    });
  });
  r.patch(`${base}/:id`, async (c) => {
    const { organisation, actor } = await webhookManager(c);
    await changeSubscription(c.var.deps, actor, routeParams(c, idParam).id, await jsonObjectBody(c));
    return c.json(
      presentSubscription(
        (await findSubscription(c.var.deps.db, organisation.id, routeParams(c, idParam).id))!,
      ),
    );
  });
  r.delete(`${base}/:id`, async (c) => {
    const { actor } = await webhookManager(c);
    await deleteSubscription(c.var.deps, actor, routeParams(c, idParam).id);
    return c.body(null, 204);
  });
  r.post(`${base}/:id/deliveries/:delivery/replay`, async (c) => {
    const { organisation, actor } = await webhookManager(c);
    const subscription = await findSubscription(c.var.deps.db, organisation.id, routeParams(c, idParam).id);
    if (!subscription) throw notFound('webhook');
    const { publicId } = await replayDelivery(
      c.var.deps,
      actor,
      routeParams(c, deliveryParam).delivery,
      subscription.id,
    );
    return c.json({ id: publicId }, 202);
  });
  return r;
}
