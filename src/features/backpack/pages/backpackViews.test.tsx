import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Child } from 'hono/jsx';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES, translator, type Locale } from '../../../web/i18n/i18n.ts';
import { ConnectionsView } from '../../ob3api/backpackSection.tsx';
import { backpackMessage, translateForm } from '../messages.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';
import type { MessageValues } from '../../../web/i18n/i18n.ts';
import type { ImportedBadgeSummary } from '../queries/importedBadges.ts';
import type { IssuedBadge } from '../queries/issuedBadges.ts';
import { BackpackView } from './backpackList.tsx';
import type { BackpackModel } from './backpackLoader.ts';
import { CollectionView, type CollectionModel } from './collectionView.tsx';
import { CollectionsView, SharedCollectionView } from './collectionViews.tsx';

// Every backpack page, rendered with the pseudo translator in each language, shows no text that
// did not come from the catalogue, apart from the data below (badge and issuer names, addresses,
// people, collection names and the reasons a verifier gave).

const AT = new Date('2026-03-04T05:06:00Z');
const UNTIL = new Date('2029-03-04T00:00:00Z');

const issued = (over: Partial<IssuedBadge>): IssuedBadge => ({
  id: 1,
  publicId: 'cred_1',
  name: 'Wait Time',
  nameLanguage: 'en',
  issuerName: 'Lakeside Teachers',
  issuedAt: AT,
  validUntil: null,
  status: 'valid',
  claim: 'accepted',
  private: false,
  showName: true,
  hasJwt: true,
  recipientEmail: 'dana@example.org',
  ...over,
});

const imported = (over: Partial<ImportedBadgeSummary>): ImportedBadgeSummary => ({
  id: 1,
  public_id: 'imp_1',
  format: 'json',
  source_url: null,
  verified: true,
  status: 'valid',
  failure_reason: null,
  checked_at: AT,
  name: 'Knots',
  issuer_name: 'Old Platform',
  image_url: 'data:image/png;base64,AA',
  issued_on: AT,
  created_at: AT,
  report_format: 'ldp',
  ...over,
});

const collections = [{ public_id: 'col_1', name: 'For my renewal' }];
const backpack: BackpackModel = {
  pending: [
    issued({ publicId: 'cred_p', name: 'Feedback Loops', claim: 'pending' }),
    issued({ publicId: 'cred_q', name: 'Exit Tickets', claim: 'pending', recipientEmail: null }),
  ],
  held: [
    issued({ validUntil: UNTIL }),
    issued({ publicId: 'cred_2', name: 'Questioning', status: 'revoked', private: true }),
    issued({ publicId: 'cred_3', name: 'Check-ins', showName: false, hasJwt: false }),
  ],
  declined: [issued({ publicId: 'cred_d', name: 'Declined Skill', claim: 'declined' })],
  imported: [
    imported({}),
    imported({
      public_id: 'imp_2',
      format: 'png',
      status: 'failed',
      verified: false,
      failure_reason: 'The proof does not match',
      issuer_name: null,
    }),
    imported({
      public_id: 'imp_3',
      format: 'url',
      source_url: 'https://badges.example.org/a/1',
      status: 'expired',
      verified: false,
      failure_reason: 'It expired on 2025-01-01',
      issued_on: null,
    }),
    imported({ public_id: 'imp_4', format: 'jws', verified: false, status: 'failed', failure_reason: null }),
  ],
  collections,
};

const collection: CollectionModel = {
  collection: {
    public_id: 'col_1',
    name: 'For my renewal',
    description: 'Evidence for the district',
    shared: true,
    shared_at: AT,
  },
  items: [
    {
      itemId: 1,
      kind: 'issued',
      publicId: 'cred_1',
      name: 'Wait Time',
      nameLanguage: 'en',
      issuerName: 'Lakeside Teachers',
      issuedOn: AT,
      status: 'valid',
      private: true,
    },
    {
      itemId: 2,
      kind: 'imported',
      publicId: 'imp_1',
      name: 'Knots',
      issuerName: 'Old Platform',
      issuedOn: AT,
      status: 'failed',
      reason: 'The proof does not match',
      checkedAt: AT,
      format: 'png',
      hasImage: true,
      imageUrl: null,
    },
    {
      itemId: 3,
      kind: 'imported',
      publicId: 'imp_2',
      name: 'Knots',
      issuerName: 'Old Platform',
      issuedOn: null,
      status: 'suspended',
      reason: 'Suspended by its issuer',
      checkedAt: AT,
      format: 'json',
      hasImage: false,
      imageUrl: 'data:image/png;base64,AA',
    },
    {
      itemId: 4,
      kind: 'imported',
      publicId: 'imp_3',
      name: 'Knots',
      issuerName: 'Old Platform',
      issuedOn: AT,
      status: 'valid',
      reason: null,
      checkedAt: AT,
      format: 'json',
      hasImage: false,
      imageUrl: 'data:image/png;base64,AA',
    },
  ],
  newLink: null,
};

const DATA = [
  'Wait Time',
  'Questioning',
  'Check-ins',
  'Feedback Loops',
  'Exit Tickets',
  'Declined Skill',
  'Knots',
  'Lakeside Teachers',
  'Old Platform',
  'dana@example.org',
  'https://badges.example.org/a/1',
  'The proof does not match',
  'It expired on 2025-01-01',
  'Suspended by its issuer',
  'For my renewal',
  'Evidence for the district',
  'Robin Shares',
  'http://cairn.test/c/secret-token',
  'Cairn (other.example)',
  'https://other.example',
];
// The credential input form is issuing's; its paste field's label is its own (issuing's strings).
const ISSUINGS_OWN = ['Paste the credential (JSON or JWS)'];

/** A failed import form as the route shows it: the command's English, in the reader's language. */
/** A refusal of the credential reader the import form shares with /verify. */
const readerMessage = (key: 'notJson' | 'notJsonField', values?: MessageValues) =>
  commandMessage(`errors.verification.${key}`, { open: '{', close: '}', ...values });

const failedImport = (locale: Locale) =>
  translateForm(translator(locale, { pseudo: true }), {
    values: { text: '{' },
    errors: { text: readerMessage('notJsonField') },
    message: readerMessage('notJson', { reason: 'Unexpected end of JSON input' }),
  });

const connection = {
  public_id: 'con_1',
  host_name: 'Cairn (other.example)',
  base_url: 'https://other.example',
};

function pages(locale: Locale): Record<string, Child> {
  const form = failedImport(locale);
  const connections = (
    <ConnectionsView
      model={{ connections: [connection], badges: [{ ref: 'issued:cred_1', name: 'Wait Time' }] }}
      csrf="c"
    />
  );
  const notShared = { ...collection.collection, shared: false, shared_at: null };
  return {
    backpack: <BackpackView model={backpack} form={form} csrf="c" otherBackpacks={connections} />,
    emptyBackpack: (
      <BackpackView
        model={{ pending: [], held: [], declined: [], imported: [], collections: [] }}
        form={emptyForm}
        csrf="c"
        otherBackpacks={<ConnectionsView model={{ connections: [connection], badges: [] }} csrf="c" />}
      />
    ),
    collections: (
      <CollectionsView
        collections={[
          { public_id: 'col_1', name: 'For my renewal', items: 1, shared: true, shared_at: AT },
          { public_id: 'col_2', name: 'For my renewal', items: 3, shared: false, shared_at: null },
          { public_id: 'col_3', name: 'For my renewal', items: 0, shared: true, shared_at: null },
        ]}
        form={translateForm(translator(locale, { pseudo: true }), {
          values: {},
          errors: { name: backpackMessage('collectionName') },
          message: 'Some fields need attention.',
        })}
        csrf="c"
      />
    ),
    noCollections: <CollectionsView collections={[]} form={emptyForm} csrf="c" />,
    collectionShared: <CollectionView model={collection} form={emptyForm} csrf="c" />,
    collectionNewLink: (
      <CollectionView
        model={{ ...collection, newLink: 'http://cairn.test/c/secret-token' }}
        form={emptyForm}
        csrf="c"
      />
    ),
    collectionEmpty: (
      <CollectionView model={{ collection: notShared, items: [], newLink: null }} form={emptyForm} csrf="c" />
    ),
    collectionSharedNoDate: (
      <CollectionView
        model={{ ...collection, collection: { ...collection.collection, shared_at: null } }}
        form={emptyForm}
        csrf="c"
      />
    ),
    shared: (
      <SharedCollectionView
        collection={{
          name: 'For my renewal',
          description: 'Evidence for the district',
          owner_name: 'Robin Shares',
        }}
        items={collection.items}
        token="secret-token"
      />
    ),
    sharedEmpty: (
      <SharedCollectionView
        collection={{ name: 'For my renewal', description: '', owner_name: 'Robin Shares' }}
        items={[]}
        token="secret-token"
      />
    ),
  };
}

describe('the backpack pages in words from the catalogue', () => {
  test('no text outside the catalogue on any backpack page, in every language', () => {
    for (const locale of LOCALES)
      for (const [name, view] of Object.entries(pages(locale))) {
        const html = renderPseudo(view, locale);
        assert.deepEqual(textsOutsideCatalogue(html, [...DATA, ...ISSUINGS_OWN]), [], `${name} (${locale})`);
      }
  });

  test('speaks Spanish: headings, buttons, statuses, dates the Spanish way, and the import error', () => {
    const es = CATALOGUES.es.backpack;
    const t = translator('es');
    const form = translateForm(t, {
      values: {},
      errors: { text: readerMessage('notJsonField') },
      message: readerMessage('notJson', { reason: 'Unexpected end of JSON input' }),
    });
    const html = renderIn('es', <BackpackView model={backpack} form={form} csrf="c" otherBackpacks={null} />);
    for (const text of [
      es.title,
      es.pending.heading,
      es.status.revoked,
      es.issued.makePrivate,
      es.import.submit,
      'Eso no es JSON válido: Unexpected end of JSON input.',
      'Pega la credencial entera, de { a }.',
    ])
      assert.ok(html.includes(text.replace(/&/g, '&amp;')), text);
    assert.ok(html.includes('4 mar 2026'), 'dates written the Spanish way');
    assert.ok(!html.includes('Make private') && !html.includes('>Valid<'), 'no English');
    const english = renderIn(
      'en',
      <BackpackView model={backpack} form={emptyForm} csrf="c" otherBackpacks={null} />,
    );
    assert.ok(english.includes('Issued here on Mar 4, 2026, valid until Mar 4, 2029.'));
  });
});

describe('badge names in their own language (WCAG 3.1.2)', () => {
  const spanishItem = {
    ...collection.items[0]!,
    itemId: 5,
    publicId: 'cred_5',
    name: 'Tiempo de espera',
    nameLanguage: 'es',
  } as CollectionModel['items'][number];
  const withSpanish: CollectionModel = { ...collection, items: [...collection.items, spanishItem] };
  const cardTitle = (html: string, name: string) =>
    new RegExp(`<h3([^>]*)><a href="[^"]*">${name}</a></h3>`).exec(html)?.[1];
  const shared = (locale: Locale) =>
    renderIn(
      locale,
      <SharedCollectionView
        collection={{ name: 'For my renewal', description: '', owner_name: 'Robin Shares' }}
        items={withSpanish.items}
        token="secret-token"
      />,
    );
  const own = (locale: Locale) =>
    renderIn(locale, <CollectionView model={withSpanish} form={emptyForm} csrf="c" />);

  test('on a Spanish page: the English name is marked lang="en", the Spanish edition’s is not marked', () => {
    for (const html of [shared('es'), own('es')]) {
      assert.equal(cardTitle(html, 'Wait Time'), ' lang="en"');
      assert.equal(cardTitle(html, 'Tiempo de espera'), '', 'the page’s own language');
    }
    const cards = renderIn(
      'es',
      <BackpackView model={backpack} form={emptyForm} csrf="c" otherBackpacks={null} />,
    );
    assert.equal(cardTitle(cards, 'Questioning'), ' lang="en"');
    assert.match(cards, /<strong lang="en">Feedback Loops<\/strong>/, 'a badge waiting to be accepted');
    assert.match(cards, /<h3>Knots<\/h3>/, 'an imported badge: its language not known');
  });

  test('on an English page: English names carry no redundant lang; a Spanish name is marked', () => {
    for (const html of [shared('en'), own('en')]) {
      assert.equal(cardTitle(html, 'Wait Time'), '');
      assert.equal(cardTitle(html, 'Tiempo de espera'), ' lang="es"');
    }
    const cards = renderIn(
      'en',
      <BackpackView model={backpack} form={emptyForm} csrf="c" otherBackpacks={null} />,
    );
    assert.doesNotMatch(cards, /lang="/);
  });
});
