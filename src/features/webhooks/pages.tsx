import { Hono, type Context } from 'hono';
import { notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { emptyForm, type FormState } from '../../web/forms.tsx';
import { requestTranslator } from '../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../web/render.tsx';
import { webhookDeps, webhookManagerFromSession } from './access.ts';
import { changeSubscription } from './changeSubscription.ts';
import { createSubscription } from './createSubscription.ts';
import { deleteSubscription } from './deleteSubscription.ts';
import { WebhooksView, WebhookView } from './views.tsx';
import { findSubscription, listDeliveries, listSubscriptions } from './queries.ts';
import { replayDelivery } from './replayDelivery.ts';
import { orgPath } from '../accounts/index.ts';
import { z } from 'zod';
import { publicIdParam, routeParams } from '../../http/params.ts';

type C = Context<AppEnv>;

const subscriptionParams = z.object({ id: publicIdParam });
const deliveryParams = z.object({ id: publicIdParam, delivery: publicIdParam });

async function listPage(
  c: C,
  form: FormState = emptyForm,
  created: { id: string; secret: string } | null = null,
  status: 200 | 201 | 422 = 200,
) {
  const { organisation } = await webhookManagerFromSession(c);
  const subscriptions = await listSubscriptions(c.var.deps.db, organisation.id);
  const base = orgPath(organisation.slug, 'webhooks');
  return page(
    c,
    requestTranslator(c).t('webhooks.title', { organisation: organisation.name }),
    <WebhooksView
      model={{ organisation: { name: organisation.name }, base, subscriptions, created }}
      form={form}
      csrf={c.var.csrfToken}
    />,
    status,
  );
}

async function detailPage(c: C) {
  const { organisation } = await webhookManagerFromSession(c);
  const subscription = await findSubscription(
    c.var.deps.db,
    organisation.id,
    routeParams(c, subscriptionParams).id,
  );
  if (!subscription) throw notFound('webhook');
  const deliveries = await listDeliveries(c.var.deps.db, subscription.id);
  const base = orgPath(organisation.slug, 'webhooks', subscription.public_id);
  return page(
    c,
    requestTranslator(c).t('webhooks.detail.title'),
    <WebhookView
      model={{ subscription, deliveries, base, listHref: orgPath(organisation.slug, 'webhooks') }}
      csrf={c.var.csrfToken}
    />,
  );
}

/** `/orgs/:slug/webhooks…`: owners and administrators. */
export function webhookPageRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/webhooks', (c) => listPage(c));
  r.post('/orgs/:slug/webhooks', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { actor } = await webhookManagerFromSession(c);
        const created = await createSubscription(webhookDeps(c), actor, {
          url: fields.url,
          events: fields.events ?? [],
        });
        return listPage(c, emptyForm, { id: created.publicId, secret: created.secret }, 201);
      },
      (form, status) =>
        listPage(
          c,
          { ...form, values: { ...form.values, events: [fields.events ?? []].flat().join(',') } },
          null,
          status as 422,
        ),
    );
  });
  r.get('/orgs/:slug/webhooks/:id', (c) => detailPage(c));
  for (const toggle of ['enable', 'disable'] as const) {
    r.post(`/orgs/:slug/webhooks/:id/${toggle}`, async (c) => {
      const { organisation, actor } = await webhookManagerFromSession(c);
      const { id } = routeParams(c, subscriptionParams);
      await changeSubscription(c.var.deps, actor, id, { enabled: toggle === 'enable' });
      return redirectWith(
        c,
        orgPath(organisation.slug, 'webhooks', id),
        'success',
        requestTranslator(c).t(toggle === 'enable' ? 'webhooks.flash.on' : 'webhooks.flash.off'),
      );
    });
  }
  r.post('/orgs/:slug/webhooks/:id/delete', async (c) => {
    const { organisation, actor } = await webhookManagerFromSession(c);
    await deleteSubscription(c.var.deps, actor, routeParams(c, subscriptionParams).id);
    return redirectWith(
      c,
      orgPath(organisation.slug, 'webhooks'),
      'success',
      requestTranslator(c).t('webhooks.flash.deleted'),
    );
  });
  r.post('/orgs/:slug/webhooks/:id/deliveries/:delivery/replay', async (c) => {
    const { organisation, actor } = await webhookManagerFromSession(c);
    const { id, delivery } = routeParams(c, deliveryParams);
    const subscription = await findSubscription(c.var.deps.db, organisation.id, id);
    if (!subscription) throw notFound('webhook');
    await replayDelivery(c.var.deps, actor, delivery, subscription.id);
    return redirectWith(
      c,
      orgPath(organisation.slug, 'webhooks', subscription.public_id),
      'success',
      requestTranslator(c).t('webhooks.flash.replayed'),
    );
  });
  return r;
}
