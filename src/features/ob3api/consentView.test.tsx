import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../web/i18n/i18n.ts';
import { ConsentView, type ConsentModel } from './consentView.tsx';
import { ALL_SCOPES, SCOPE_WORDS, SCOPES } from './scopes.ts';

// The OAuth 2.0 consent page of the Open Badges 3.0 API in words from the catalogue.

const model: ConsentModel = {
  name: 'Independent test client',
  viewerName: 'Dana Earner',
  clientUri: 'https://client.example',
  scopes: [...ALL_SCOPES],
  redirectUri: 'https://client.example/callback',
  policyUri: 'https://client.example/privacy',
  tosUri: 'https://client.example/terms',
  action: '/oauth/consent/uid-1',
};
const DATA = [
  'Independent test client',
  'Dana Earner',
  'https://client.example',
  'https://client.example/callback',
];

describe('the OB 3.0 consent page', () => {
  test('shows no text outside the catalogue, with every scope and without any', () => {
    const bare: ConsentModel = {
      ...model,
      clientUri: null,
      scopes: [],
      redirectUri: null,
      policyUri: null,
      tosUri: null,
    };
    for (const locale of LOCALES)
      for (const view of [model, bare]) {
        const html = renderPseudo(<ConsentView model={view} csrf="c" />, locale);
        assert.deepEqual(textsOutsideCatalogue(html, DATA), [], locale);
      }
  });

  test('speaks Spanish; in English each scope says what SCOPE_WORDS (the discovery document) says', () => {
    const es = CATALOGUES.es.backpack.consent;
    const html = renderIn('es', <ConsentView model={model} csrf="c" />);
    for (const text of [es.allow, es.deny, es.scopes.credentialRead, es.scopes.profileUpdate])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('¿Dejas que Independent test client use tu mochila de Cairn?'));
    const english = renderIn('en', <ConsentView model={model} csrf="c" />);
    for (const scope of ALL_SCOPES) assert.ok(english.includes(SCOPE_WORDS[scope]), scope);
    assert.ok(!english.includes(SCOPES.profileRead), 'scopes are shown in words, not as URLs');
  });
});
