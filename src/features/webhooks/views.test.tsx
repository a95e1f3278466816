import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm } from '../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../web/i18n/i18n.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import { WebhooksView, WebhookView, type WebhookModel, type WebhooksModel } from './views.tsx';

// The webhook pages in words from the catalogue, in every language.

const at = new Date('2026-03-04T10:05:00Z');
const subscription = {
  public_id: 'whk_1',
  url: 'https://hooks.example.org/in',
  events: ['credential.issued'],
  program_public_id: 'rprg_1',
  enabled: true,
  created_at: at,
  updated_at: at,
} as unknown as WebhooksModel['subscriptions'][number];
const delivery = (state: string, over: object = {}) =>
  ({
    public_id: `whd_${state}`,
    event_id: 'evt_1',
    event_type: 'credential.issued',
    state,
    attempts: 2,
    status_code: 500,
    response_snippet: 'oops',
    last_error: 'Server said no',
    created_at: at,
    last_attempt_at: at,
    delivered_at: null,
    replay_of_public_id: 'whd_0',
    next_attempt_at: state === 'pending' ? at : null,
    ...over,
  }) as unknown as WebhookModel['deliveries'][number];

const list: WebhooksModel = {
  organisation: { name: 'Union Academy' },
  base: '/orgs/union/webhooks',
  subscriptions: [subscription, { ...subscription, enabled: false, program_public_id: null }],
  created: { id: 'whk_1', secret: 'whsec_abc' },
};
const detail: WebhookModel = {
  subscription,
  deliveries: ['delivered', 'failed', 'cancelled', 'pending'].map((s) => delivery(s)),
  base: '/orgs/union/webhooks/whk_1',
  listHref: '/orgs/union/webhooks',
};
const DATA = [
  'Union Academy',
  'https://hooks.example.org/in',
  'credential.issued',
  'rprg_1',
  'evt_1',
  'Server said no',
];

describe('the webhook pages', () => {
  test('show no text outside the catalogue (list with a new secret, one webhook with each delivery state)', () => {
    for (const locale of LOCALES) {
      const pages = [
        renderPseudo(<WebhooksView model={list} form={emptyForm} csrf="c" />, locale),
        renderPseudo(
          <WebhooksView model={{ ...list, subscriptions: [] }} form={emptyForm} csrf="c" />,
          locale,
        ),
        renderPseudo(<WebhookView model={detail} csrf="c" />, locale),
        renderPseudo(<WebhookView model={{ ...detail, deliveries: [] }} csrf="c" />, locale),
      ];
      for (const html of pages) assert.deepEqual(textsOutsideCatalogue(html, DATA), [], locale);
    }
  });

  test('speak Spanish: every event described, states and dates', () => {
    const es = CATALOGUES.es.webhooks;
    const html = renderIn('es', <WebhooksView model={list} form={emptyForm} csrf="c" />);
    for (const e of WEBHOOK_EVENT_TYPES) {
      const [group, name] = e.split('.') as [keyof typeof es.events, string];
      const text = (es.events[group] as Record<string, string>)[name]!;
      assert.ok(html.includes(text), text);
    }
    assert.ok(html.includes(es.add.submit) && html.includes(es.turnOff));
    const one = renderIn('es', <WebhookView model={detail} csrf="c" />);
    for (const text of [
      es.deliveries.states.delivered,
      es.deliveries.states.waiting,
      es.deliveries.sendAgain,
    ])
      assert.ok(one.includes(text), text);
    assert.match(one, /4 mar 2026/);
  });
});
