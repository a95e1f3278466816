import { ActionButton, CsrfField, ErrorSummary, Field, TableHead, type FormState } from '../../web/forms.tsx';
import { useT } from '../../web/i18n/context.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import type { listDeliveries, listSubscriptions } from './queries.ts';

// The webhook pages' views: pure JSX of what the routes (pages.tsx) read, in the reader's words.

type Subscriptions = Awaited<ReturnType<typeof listSubscriptions>>;
type Deliveries = Awaited<ReturnType<typeof listDeliveries>>;

function When({ at }: { at: Date | null }) {
  const { date } = useT();
  return <>{at ? date(new Date(at), { withTime: true }) : '—'}</>;
}

/** The organisation's webhooks, each with its on/off switch. */
function SubscriptionsTable({
  subscriptions,
  base,
  csrf,
}: {
  subscriptions: Subscriptions;
  base: string;
  csrf: string;
}) {
  const { t } = useT();
  if (subscriptions.length === 0) return <p class="muted">{t('webhooks.none')}</p>;
  return (
    <table>
      <TableHead
        columns={[t('webhooks.columns.url'), t('webhooks.columns.events'), t('webhooks.columns.status'), '']}
      />
      <tbody>
        {subscriptions.map((s) => (
          <tr>
            <td>
              <a href={`${base}/${s.public_id}`}>{s.url}</a>
            </td>
            <td>
              {s.events.join(', ')}
              {s.program_public_id ? ` ${t('webhooks.programOnly', { program: s.program_public_id })}` : ''}
            </td>
            <td>{s.enabled ? t('webhooks.on') : t('webhooks.off')}</td>
            <td>
              <ActionButton
                action={`${base}/${s.public_id}/${s.enabled ? 'disable' : 'enable'}`}
                csrfToken={csrf}
                label={s.enabled ? t('webhooks.turnOff') : t('webhooks.turnOn')}
                variant="secondary"
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a delivery came to: delivered, failed, cancelled or waiting, with the HTTP status and error. */
function DeliveryResult({ d }: { d: Deliveries[number] }) {
  const { t } = useT();
  const state =
    d.state === 'delivered' || d.state === 'failed' || d.state === 'cancelled' ? d.state : 'waiting';
  return (
    <>
      {t(`webhooks.deliveries.states.${state}`)}
      {d.status_code !== null ? ` ${t('webhooks.deliveries.http', { status: d.status_code })}` : ''}
      {d.last_error && d.state !== 'delivered' ? <div class="muted">{d.last_error}</div> : ''}
    </>
  );
}

/** One webhook's deliveries: when, what, the answer, and sending one again. */
function DeliveryLog({
  deliveries,
  base,
  enabled,
  csrf,
}: {
  deliveries: Deliveries;
  base: string;
  enabled: boolean;
  csrf: string;
}) {
  const { t } = useT();
  if (deliveries.length === 0) return <p class="muted">{t('webhooks.deliveries.none')}</p>;
  const c = 'webhooks.deliveries.columns';
  return (
    <table>
      <TableHead
        columns={[
          t(`${c}.time`),
          t(`${c}.event`),
          t(`${c}.result`),
          t(`${c}.attempts`),
          t(`${c}.next`),
          t(`${c}.answer`),
          '',
        ]}
      />
      <tbody>
        {deliveries.map((d) => (
          <tr>
            <td>
              <When at={d.created_at} />
            </td>
            <td>
              <code>{d.event_type}</code> <span class="muted">{d.event_id}</span>
              {d.replay_of_public_id ? <span class="tag">{t('webhooks.deliveries.replay')}</span> : ''}
            </td>
            <td>
              <DeliveryResult d={d} />
            </td>
            <td>{d.attempts}</td>
            <td>
              <When at={d.next_attempt_at} />
            </td>
            <td>
              <code>{(d.response_snippet ?? '').slice(0, 200)}</code>
            </td>
            <td>
              {enabled && (
                <ActionButton
                  action={`${base}/deliveries/${d.public_id}/replay`}
                  csrfToken={csrf}
                  label={t('webhooks.deliveries.sendAgain')}
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

export interface WebhooksModel {
  organisation: { name: string };
  base: string;
  subscriptions: Subscriptions;
  /** A webhook just made, with its secret (shown once). */
  created: { id: string; secret: string } | null;
}

/** The form to add a webhook: its URL and the events to send. */
function AddWebhook({ base, form, csrf }: { base: string; form: FormState; csrf: string }) {
  const { t } = useT();
  const chosen = new Set((form.values.events ?? '').split(',').filter(Boolean));
  return (
    <section class="card">
      <h2>{t('webhooks.add.heading')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={base} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="url"
          type="url"
          label={t('webhooks.add.url')}
          hint={t('webhooks.add.urlHint')}
          required
        />
        <fieldset>
          <legend>{t('webhooks.add.events')}</legend>
          {form.errors.events && <span class="error-text">{form.errors.events}</span>}
          {WEBHOOK_EVENT_TYPES.map((e) => (
            <label class="checkbox">
              <input type="checkbox" name="events" value={e} checked={chosen.has(e)} /> <code>{e}</code> —{' '}
              {t(`webhooks.events.${e}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('webhooks.add.submit')}</button>
      </form>
    </section>
  );
}

/** `/orgs/:slug/webhooks`: what webhooks are, a new one's secret, the form to add one, and the list. */
export function WebhooksView({ model, form, csrf }: { model: WebhooksModel; form: FormState; csrf: string }) {
  const { t } = useT();
  return (
    <>
      <h1>{t('webhooks.heading')}</h1>
      <p>{t('webhooks.intro', { organisation: model.organisation.name })}</p>
      <p>
        {t('webhooks.signatureHeader')} <code>Cairn-Signature: t=…,v1=…</code> {t('webhooks.signatureOf')}{' '}
        <code>timestamp.body</code>
      </p>
      {model.created && (
        <section class="card" role="status">
          <h2>{t('webhooks.created.heading')}</h2>
          <p>{t('webhooks.created.copyNow')}</p>
          <pre id="webhook-secret">{model.created.secret}</pre>
          <p>
            <a href={`${model.base}/${model.created.id}`}>{t('webhooks.created.open')}</a>
          </p>
        </section>
      )}
      <AddWebhook base={model.base} form={form} csrf={csrf} />
      <SubscriptionsTable subscriptions={model.subscriptions} base={model.base} csrf={csrf} />
    </>
  );
}

export interface WebhookModel {
  subscription: Subscriptions[number];
  deliveries: Deliveries;
  base: string;
  listHref: string;
}

/** `/orgs/:slug/webhooks/:id`: one webhook, its switch, and its delivery log. */
export function WebhookView({ model, csrf }: { model: WebhookModel; csrf: string }) {
  const { t } = useT();
  const { subscription, base } = model;
  return (
    <>
      <h1>{t('webhooks.detail.heading', { url: subscription.url })}</h1>
      <p>
        <a href={model.listHref}>{t('webhooks.detail.all')}</a>
      </p>
      <dl>
        <dt>{t('webhooks.detail.events')}</dt>
        <dd>
          {subscription.events.join(', ')}
          {subscription.program_public_id
            ? ` ${t('webhooks.detail.programOnly', { program: subscription.program_public_id })}`
            : ''}
        </dd>
        <dt>{t('webhooks.detail.status')}</dt>
        <dd>{subscription.enabled ? t('webhooks.on') : t('webhooks.detail.off')}</dd>
      </dl>
      <p>
        <ActionButton
          action={`${base}/${subscription.enabled ? 'disable' : 'enable'}`}
          csrfToken={csrf}
          label={subscription.enabled ? t('webhooks.turnOff') : t('webhooks.turnOn')}
          variant="secondary"
        />{' '}
        <ActionButton
          action={`${base}/delete`}
          csrfToken={csrf}
          label={t('webhooks.detail.delete')}
          variant="danger"
        />
      </p>
      <h2>{t('webhooks.detail.log')}</h2>
      <DeliveryLog deliveries={model.deliveries} base={base} enabled={subscription.enabled} csrf={csrf} />
    </>
  );
}
