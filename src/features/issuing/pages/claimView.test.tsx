import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES, translator } from '../../../web/i18n/i18n.ts';
import type { FormState } from '../../../web/forms.tsx';
import type { ClaimFacts, ClaimPageModel } from './claimLoader.ts';
import { ClaimPageView, ClaimRenewedView, claimTitle } from './claimView.tsx';

// Every claim page, in every language, shows no word outside the catalogue but its data: the
// badge's name, its issuer and the address it was sent to.

const claim: ClaimFacts = {
  credentialPublicId: 'cred_abc',
  badgeName: 'Wait Time',
  issuerName: 'Lakeside Union',
  recipientEmail: 'noor@example.org',
};
const DATA = ['Wait Time', 'Lakeside Union', 'noor@example.org'];
// A failed sign-up shows the command's own message beside the field (data here).
const failed: FormState = {
  values: { name: 'Noor' },
  errors: { password: 'Use at least 10 characters.' },
  message: 'Some fields need attention.',
};

const models: Array<[string, ClaimPageModel]> = [
  ['invalid', { kind: 'invalid' }],
  ['accepted', { kind: 'accepted', claim, linkDays: 30 }],
  ['declined', { kind: 'declined', claim, linkDays: 30 }],
  ['expired', { kind: 'expired', claim, linkDays: 30 }],
  ['new address', { kind: 'pending', claim, signedIn: null, hasAccount: false }],
  ['has account', { kind: 'pending', claim, signedIn: null, hasAccount: true }],
  ['own', { kind: 'pending', claim, signedIn: 'own', hasAccount: true }],
  ['confirms', { kind: 'pending', claim, signedIn: 'confirms', hasAccount: true }],
  ['adds', { kind: 'pending', claim, signedIn: 'adds', hasAccount: true }],
  ['other account', { kind: 'pending', claim, signedIn: 'otherAccount', hasAccount: true }],
];

describe('the claim pages’ words', () => {
  test('come from the catalogue in every language, for every kind of page', () => {
    for (const locale of LOCALES)
      for (const [name, model] of models) {
        const html = renderPseudo(
          <ClaimPageView model={model} token="tok" csrf="csrf" signup={failed} />,
          locale,
        );
        const data = [...DATA, 'Noor', ...Object.values(failed.errors), failed.message ?? ''];
        assert.deepEqual(textsOutsideCatalogue(html, data), [], `${locale}: ${name}`);
        assert.ok(claimTitle(model, translator(locale, { pseudo: true })).startsWith('⟦'));
      }
    for (const locale of LOCALES) {
      const html = renderPseudo(<ClaimRenewedView email="noor@example.org" days={30} />, locale);
      assert.deepEqual(textsOutsideCatalogue(html, DATA), [], `${locale}: renewed`);
    }
  });

  test('speak Spanish, with the days counted the Spanish way', () => {
    const es = CATALOGUES.es.issuing.claim;
    const expired = renderIn('es', <ClaimPageView model={models[3]![1]} token="tok" csrf="csrf" />);
    assert.ok(expired.includes(es.expired.heading));
    assert.ok(expired.includes('funciona durante 30 días'));
    const pending = renderIn('es', <ClaimPageView model={models[4]![1]} token="tok" csrf="csrf" />);
    for (const text of [es.signup.heading, es.login.headingOther, es.decline, es.noAccount])
      assert.ok(pending.includes(text), text);
    assert.ok(!pending.includes('Create an account'), 'no English');
    const one = renderIn('en', <ClaimRenewedView email="noor@example.org" days={1} />);
    assert.ok(one.includes('It works for 1 day;'));
  });
});
