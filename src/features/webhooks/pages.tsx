import { Hono, type Context } from 'hono';
import { notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TableHead,
  emptyForm,
  type FormState,
} from '../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../web/render.tsx';
import { webhookDeps, webhookManagerFromSession } from './access.ts';
import { changeSubscription } from './changeSubscription.ts';
import { createSubscription } from './createSubscription.ts';
import { deleteSubscription } from './deleteSubscription.ts';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from './events.ts';
import { findSubscription, listDeliveries, listSubscriptions } from './queries.ts';
import { replayDelivery } from './replayDelivery.ts';
import { orgPath } from '../accounts/index.ts';
import { z } from 'zod';
import { publicIdParam, routeParams } from '../../http/params.ts';

type C = Context<AppEnv>;

const when = (d: Date | null) =>
  d ? new Date(d).toISOString().slice(0, 19).replace('T', ' ') + ' UTC' : '—';

const subscriptionParams = z.object({ id: publicIdParam });
const deliveryParams = z.object({ id: publicIdParam, delivery: publicIdParam });

/** The organisation's webhooks, each with its on/off switch. */
function SubscriptionsTable({
  subscriptions,
  base,
  csrf,
}: {
  subscriptions: Awaited<ReturnType<typeof listSubscriptions>>;
  base: string;
  csrf: string;
}) {
  return subscriptions.length === 0 ? (
    <p class="muted">No webhooks yet.</p>
  ) : (
    <table>
      <TableHead columns={['URL', 'Events', 'Status', '']} />
      <tbody>
        {subscriptions.map((s) => (
          <tr>
            <td>
              <a href={`${base}/${s.public_id}`}>{s.url}</a>
            </td>
            <td>
              {s.events.join(', ')}
              {s.program_public_id ? ` (program ${s.program_public_id} only)` : ''}
            </td>
            <td>{s.enabled ? 'On' : 'Off'}</td>
            <td>
              <ActionButton
                action={`${base}/${s.public_id}/${s.enabled ? 'disable' : 'enable'}`}
                csrfToken={csrf}
                label={s.enabled ? 'Turn off' : 'Turn on'}
                variant="secondary"
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One webhook's deliveries: when, what, the answer, and sending one again. */
function DeliveryLog({
  deliveries,
  base,
  enabled,
  csrf,
}: {
  deliveries: Awaited<ReturnType<typeof listDeliveries>>;
  base: string;
  enabled: boolean;
  csrf: string;
}) {
  return deliveries.length === 0 ? (
    <p class="muted">Nothing sent yet.</p>
  ) : (
    <table>
      <TableHead columns={['Time', 'Event', 'Result', 'Attempts', 'Next try', 'Answer', '']} />
      <tbody>
        {deliveries.map((d) => (
          <tr>
            <td>{when(d.created_at)}</td>
            <td>
              <code>{d.event_type}</code> <span class="muted">{d.event_id}</span>
              {d.replay_of_public_id ? <span class="tag">Replay</span> : ''}
            </td>
            <td>
              {d.state === 'delivered'
                ? 'Delivered'
                : d.state === 'failed'
                  ? 'Failed'
                  : d.state === 'cancelled'
                    ? 'Cancelled'
                    : 'Waiting'}
              {d.status_code !== null ? ` (HTTP ${d.status_code})` : ''}
              {d.last_error && d.state !== 'delivered' ? <div class="muted">{d.last_error}</div> : ''}
            </td>
            <td>{d.attempts}</td>
            <td>{when(d.next_attempt_at)}</td>
            <td>
              <code>{(d.response_snippet ?? '').slice(0, 200)}</code>
            </td>
            <td>
              {enabled && (
                <ActionButton
                  action={`${base}/deliveries/${d.public_id}/replay`}
                  csrfToken={csrf}
                  label="Send again"
                  variant="secondary"
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function listPage(
  c: C,
  form: FormState = emptyForm,
  created: { id: string; secret: string } | null = null,
  status: 200 | 201 | 422 = 200,
) {
  const { organisation } = await webhookManagerFromSession(c);
  const subscriptions = await listSubscriptions(c.var.deps.db, organisation.id);
  const base = orgPath(organisation.slug, 'webhooks');
  const chosen = new Set((form.values.events ?? '').split(',').filter(Boolean));
  return page(
    c,
    `Webhooks of ${organisation.name}`,
    <>
      <h1>Webhooks</h1>
      <p>
        Cairn tells your systems what happens in {organisation.name}: it POSTs a small JSON event to each URL
        below, signed with the URL’s secret (header <code>Cairn-Signature: t=…,v1=…</code>, HMAC-SHA256 of{' '}
        <code>timestamp.body</code>). Failed deliveries are retried with growing delays; each webhook keeps a
        delivery log.
      </p>
      {created && (
        <section class="card" role="status">
          <h2>Your new webhook’s signing secret</h2>
          <p>Copy it into your receiver now; it will not be shown again.</p>
          <pre id="webhook-secret">{created.secret}</pre>
          <p>
            <a href={`${base}/${created.id}`}>Open the webhook</a>
          </p>
        </section>
      )}
      <section class="card">
        <h2>Add a webhook</h2>
        <ErrorSummary form={form} />
        <form method="post" action={base} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Field
            form={form}
            name="url"
            type="url"
            label="Receiver URL"
            hint="For example https://example.org/cairn-events"
            required
          />
          <fieldset>
            <legend>Events to send</legend>
            {form.errors.events && <span class="error-text">{form.errors.events}</span>}
            {WEBHOOK_EVENT_TYPES.map((e) => (
              <label class="checkbox">
                <input type="checkbox" name="events" value={e} checked={chosen.has(e)} /> <code>{e}</code> —{' '}
                {WEBHOOK_EVENTS[e]}
              </label>
            ))}
          </fieldset>
          <button type="submit">Add webhook</button>
        </form>
      </section>
      <SubscriptionsTable subscriptions={subscriptions} base={base} csrf={c.var.csrfToken} />
    </>,
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
  if (!subscription) throw notFound('That webhook');
  const deliveries = await listDeliveries(c.var.deps.db, subscription.id);
  const base = orgPath(organisation.slug, 'webhooks', subscription.public_id);
  return page(
    c,
    'Webhook',
    <>
      <h1>Webhook: {subscription.url}</h1>
      <p>
        <a href={orgPath(organisation.slug, 'webhooks')}>All webhooks</a>
      </p>
      <dl>
        <dt>Events</dt>
        <dd>
          {subscription.events.join(', ')}
          {subscription.program_public_id
            ? ` (completion notices of program ${subscription.program_public_id} only)`
            : ''}
        </dd>
        <dt>Status</dt>
        <dd>{subscription.enabled ? 'On' : 'Off: events are not sent'}</dd>
      </dl>
      <p>
        <ActionButton
          action={`${base}/${subscription.enabled ? 'disable' : 'enable'}`}
          csrfToken={c.var.csrfToken}
          label={subscription.enabled ? 'Turn off' : 'Turn on'}
          variant="secondary"
        />{' '}
        <ActionButton
          action={`${base}/delete`}
          csrfToken={c.var.csrfToken}
          label="Delete webhook"
          variant="danger"
        />
      </p>
      <h2>Delivery log</h2>
      <DeliveryLog
        deliveries={deliveries}
        base={base}
        enabled={subscription.enabled}
        csrf={c.var.csrfToken}
      />
    </>,
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
        toggle === 'enable' ? 'Webhook turned on.' : 'Webhook turned off: no events are sent to it.',
      );
    });
  }
  r.post('/orgs/:slug/webhooks/:id/delete', async (c) => {
    const { organisation, actor } = await webhookManagerFromSession(c);
    await deleteSubscription(c.var.deps, actor, routeParams(c, subscriptionParams).id);
    return redirectWith(c, orgPath(organisation.slug, 'webhooks'), 'success', 'Webhook deleted.');
  });
  r.post('/orgs/:slug/webhooks/:id/deliveries/:delivery/replay', async (c) => {
    const { organisation, actor } = await webhookManagerFromSession(c);
    const { id, delivery } = routeParams(c, deliveryParams);
    const subscription = await findSubscription(c.var.deps.db, organisation.id, id);
    if (!subscription) throw notFound('That webhook');
    await replayDelivery(c.var.deps, actor, delivery, subscription.id);
    return redirectWith(
      c,
      orgPath(organisation.slug, 'webhooks', subscription.public_id),
      'success',
      'The event will be sent again.',
    );
  });
  return r;
}
