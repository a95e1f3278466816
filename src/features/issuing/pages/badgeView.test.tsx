import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES, translator } from '../../../web/i18n/i18n.ts';
import type { BadgeViewModel } from './badgeLoader.ts';
import { BadgeBody, PrivateBadgeView } from './badgeView.tsx';
import { issuerLine } from './issuerIdentity.ts';
import { shareTexts } from './badgeShare.ts';
import { languageOfText } from '../../../testing/pageQueries.ts';

// The public badge page in every language: no word outside the catalogue but the badge's own
// data (what the issuer wrote, names, addresses, the verifier's detail of a failed check).

const model: BadgeViewModel = {
  publicId: 'cred_abc',
  name: 'Wait Time',
  orgName: 'Lakeside Union',
  holder: { name: 'Noor Haddad', binding: 'emailHash' },
  private: true,
  issuer: {
    name: 'Lakeside Union',
    id: 'did:web:cairn.test:orgs:lakeside',
    domain: 'cairn.test',
    keyVerified: true,
    own: false,
  },
  issued: new Date('2026-03-04T00:00:00Z'),
  validUntil: new Date('2030-01-01T00:00:00Z'),
  verified: false,
  verdict: 'revoked',
  failed: [{ id: 'status', message: 'The issuer revoked this credential.' }],
  statusEvent: { action: 'revoked', reason: 'Issued in error', created_at: new Date('2026-04-01T00:00:00Z') },
  url: 'http://cairn.test/badges/cred_abc',
  // The recognition panel is recognition's (its own words); none here.
  recognition: null,
  description: 'Uses wait time well.',
  criteria: 'Peer-reviewed video.',
  languages: { words: 'en', criteria: 'en' },
  offersJwt: true,
  publicUrl: 'http://cairn.test',
};

const DATA = [
  'Wait Time',
  'Lakeside Union',
  'Noor Haddad',
  'did:web:cairn.test:orgs:lakeside',
  'cairn.test',
  'The issuer revoked this credential.',
  'Issued in error',
  'Uses wait time well.',
  'Peer-reviewed video.',
  'http://cairn.test/badges/cred_abc',
  // Brand names and the format name, the same in every language.
  'LinkedIn',
  'Facebook',
  'X',
  '/verify',
];

describe('the public badge page’s words', () => {
  test('come from the catalogue in every language (the share snippets are data: HTML to paste)', () => {
    for (const locale of LOCALES) {
      const html = renderPseudo(<BadgeBody model={model} />, locale);
      // The embed and signature snippets are HTML to paste elsewhere, shown as text: data here.
      const { embed, signature } = shareTexts(model, translator(locale, { pseudo: true }));
      // (the check takes the ⟦messages⟧ out first: the signature's note is one, around it is data).
      const snippets = [embed, ...signature.split(/⟦[^⟧]*⟧/)];
      assert.deepEqual(textsOutsideCatalogue(html, [...DATA, ...snippets]), [], locale);
      const hidden = renderPseudo(<PrivateBadgeView model={{ verdict: 'valid', verified: true }} />, locale);
      assert.deepEqual(textsOutsideCatalogue(hidden, ['/verify']), [], `${locale}: private page`);
    }
  });

  test('speaks Spanish: verdict, dates, the name’s binding, the issuer line', () => {
    const es = CATALOGUES.es.issuing;
    const html = renderIn('es', <BadgeBody model={model} />);
    for (const text of [
      es.badge.certifies,
      es.badge.binding.emailHash,
      es.badge.share.heading,
      CATALOGUES.es.verification.verdict.revoked,
      '4 mar 2026',
    ])
      assert.ok(html.includes(text), text);
    assert.ok(!html.includes('What it certifies'), 'no English');
    assert.ok(renderIn('en', <BadgeBody model={model} />).includes('Mar 4, 2026'));
    assert.equal(
      issuerLine(model.issuer!),
      'Lakeside Union (as stated by the issuer) — did:web:cairn.test:orgs:lakeside (domain cairn.test, verified key)',
    );
  });
});

describe('the issuer’s words in their language (WCAG 3.1.2)', () => {
  test('English words on a Spanish page are lang="en"; on an English page, no lang of their own', () => {
    const es = renderIn('es', <BadgeBody model={model} />);
    assert.match(es, /<h1 lang="en">Wait Time<\/h1>/);
    for (const words of [model.description, model.criteria!]) assert.equal(languageOfText(es, words), 'en');
    assert.match(es, /Criterios: <span lang="en">Peer-reviewed video.<\/span>/, 'the label is the page’s');
    const en = renderIn('en', <BadgeBody model={model} />);
    assert.match(en, /<h1>Wait Time<\/h1>/);
    assert.doesNotMatch(en, /\slang="/);
  });

  test('the Spanish edition shown to a Spanish reader is in the page’s language; criteria it lacks stay lang="en"', () => {
    const spanish: BadgeViewModel = {
      ...model,
      name: 'Tiempo de espera',
      description: 'Usa bien el tiempo de espera.',
      languages: { words: 'es', criteria: 'en' },
    };
    const es = renderIn('es', <BadgeBody model={spanish} />);
    assert.match(es, /<h1>Tiempo de espera<\/h1>/);
    assert.equal(languageOfText(es, spanish.description), null);
    assert.equal(languageOfText(es, model.criteria!), 'en');
  });
});
