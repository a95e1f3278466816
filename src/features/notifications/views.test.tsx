import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm } from '../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../web/i18n/i18n.ts';
import { NOTIFICATION_KIND_LIST } from './kinds.ts';
import { digestMail, notificationMail } from './mail.tsx';
import { InboxView, SettingsView, type InboxModel } from './views.tsx';

// The inbox, its settings and the notification emails in words from the catalogue, in every language.

const facts = {
  title: 'Questioning Strategies',
  number: 2,
  organisation: 'Union Academy',
  earner: 'Ed Earner',
  issuer: 'Union Academy',
  recognizer: 'State Board',
  program: 'Educator renewal',
  licenseNumber: 'LIC-42',
  reason: 'Issued in error',
  slug: 'union',
  attempt: 'att_1',
  application: 'app_1',
  credential: 'cred_1',
  submission: 'sub_1',
};
const DATA = Object.values(facts).map(String);
const variants: Array<[string, Record<string, unknown>]> = [
  ...NOTIFICATION_KIND_LIST.map((k): [string, Record<string, unknown>] => [k, facts]),
  ...['passed', 'approved', 'needs_revision', 'rejected', 'odd'].map(
    (decision): [string, Record<string, unknown>] => ['application_reviewed', { ...facts, decision }],
  ),
  ...['reinstated', 'suspended', 'revoked'].map((status): [string, Record<string, unknown>] => [
    'badge_status',
    { ...facts, status },
  ]),
  ...['submitted', 'resubmitted', 'approved', 'rejected', 'changes_requested', 'odd'].map(
    (step): [string, Record<string, unknown>] => ['program_submission', { ...facts, step }],
  ),
  ['license_decided', { ...facts, decision: 'confirmed' }],
  ['an_unknown_kind', {}],
];

const inbox: InboxModel = {
  unread: 3,
  unreadOnly: false,
  paged: false,
  notifications: variants.map(([kind, data], i) => ({
    publicId: `ntf_${i}`,
    kind,
    data,
    read: i % 2 === 0,
    at: new Date('2026-03-04T10:05:00Z'),
  })),
  olderHref: '/inbox?before=1',
  back: '/inbox',
};

describe('the inbox pages', () => {
  test('show no text outside the catalogue (every kind and step, empty and paged lists, settings)', () => {
    for (const locale of LOCALES) {
      const pages = [
        renderPseudo(<InboxView model={inbox} csrf="c" />, locale),
        renderPseudo(<InboxView model={{ ...inbox, notifications: [], unread: 0 }} csrf="c" />, locale),
        renderPseudo(<InboxView model={{ ...inbox, notifications: [], paged: true }} csrf="c" />, locale),
        renderPseudo(<SettingsView chosen={{ badge_status: 'digest' }} form={emptyForm} csrf="c" />, locale),
      ];
      for (const html of pages) assert.deepEqual(textsOutsideCatalogue(html, DATA), [], locale);
    }
  });

  test('speak Spanish: counts with plurals, each kind, dates', () => {
    const es = CATALOGUES.es.notifications;
    const html = renderIn('es', <InboxView model={inbox} csrf="c" />);
    assert.ok(html.includes('3 sin leer.'));
    assert.ok(html.includes('Tu solicitud de «Questioning Strategies» necesita cambios'));
    assert.ok(html.includes('Tu insignia «Questioning Strategies» está suspendida'));
    assert.ok(html.includes(es.inbox.markRead));
    assert.match(html, /4 mar 2026/);
    const settings = renderIn('es', <SettingsView chosen={{}} form={emptyForm} csrf="c" />);
    for (const text of [es.settings.deliveries.digest, es.kinds.badge_issued.label, es.settings.save])
      assert.ok(settings.includes(text), text);
  });

  test('the emails speak the recipient’s language, English by default', () => {
    const base = { publicUrl: 'https://cairn.test', name: 'Ed', kind: 'badge_issued', data: facts };
    assert.equal(notificationMail(base).subject, 'New badge: Questioning Strategies');
    const es = notificationMail({ ...base, locale: 'es' });
    assert.equal(es.subject, 'Nueva insignia: Questioning Strategies');
    assert.match(es.text, /^Hola, Ed:/);
    assert.match(es.text, /Abrir tu mochila: https:\/\/cairn\.test\/backpack/);
    const items = [{ kind: 'badge_issued', data: facts }];
    assert.equal(digestMail({ ...base, items, locale: 'es' }).subject, 'Tu resumen de Cairn: 1 novedad');
    assert.equal(
      digestMail({ ...base, items: [...items, ...items] }).subject,
      'Your Cairn digest: 2 updates',
    );
  });
});
