import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import type { VerifyResultModel } from './verifyResult.ts';
import { VerifyView } from './verifyView.tsx';
import { languageOfText } from '../../../testing/pageQueries.ts';
import { detail } from '../../../credentials/checkMessages.ts';

// The /verify page in words from the catalogue, in every language.

const revoked: VerifyResultModel = {
  verdict: 'revoked',
  verified: false,
  readFrom: { format: 'png', proof: 'ldp' },
  genericVc: true,
  summary: [
    { field: 'achievement', text: 'Questioning Strategies', lang: 'en' },
    { field: 'issuer', text: 'Verify Council' },
    { field: 'recipient', recipient: { name: 'Ada Lovelace', id: null, hashed: true } },
    { field: 'validFrom', text: '2026-01-01T00:00:00Z' },
    { field: 'id', text: 'urn:uuid:1' },
  ],
  checks: [
    { id: 'parse', ok: true, code: null, details: [] },
    { id: 'proof', ok: true, code: null, details: [] },
    {
      id: 'status',
      ok: false,
      code: 'revoked',
      details: [detail('revokedByIssuer', undefined, { text: 'Issued in error', from: 'credential' })],
    },
    {
      id: 'data_model',
      ok: false,
      code: 'jsonld_invalid',
      details: [detail('notJsonLd', undefined, { text: 'Safe mode validation error.', from: 'library' })],
    },
    { id: 'schema', ok: false, code: 'some_future_code', details: [] },
    { id: 'future_check', ok: false, code: null, details: [] },
  ],
};
const DATA = [
  'Questioning Strategies',
  'Verify Council',
  'Ada Lovelace',
  'urn:uuid:1',
  'Issued in error',
  'Safe mode validation error.',
  'future_check',
];

describe('the /verify page', () => {
  test('shows no text outside the catalogue (the form, and a result with every kind of row)', () => {
    // The credential input form is issuing's; its paste field's label is its own (issuing's strings).
    const issuingsOwn = ['Paste the credential (JSON or JWS)'];
    for (const locale of LOCALES) {
      const html = renderPseudo(<VerifyView form={emptyForm} csrf="csrf" result={revoked} />, locale);
      assert.deepEqual(textsOutsideCatalogue(html, [...DATA, ...issuingsOwn]), [], locale);
    }
  });

  test('speaks Spanish: verdict, checks, summary labels, dates the Spanish way', () => {
    const es = CATALOGUES.es.verification;
    const html = renderIn('es', <VerifyView form={emptyForm} csrf="csrf" result={revoked} />);
    for (const text of [
      es.title,
      es.verdict.revoked,
      es.checks.proof.ok,
      es.checkCodes.revoked,
      es.checks.schema.failed,
      es.summary.recipient,
      es.form.submit,
    ])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('1 ene 2026'), 'the date written the Spanish way');
    assert.ok(!html.includes('Every check passed') && !html.includes('>Revoked<'), 'no English');
    const english = renderIn('en', <VerifyView form={emptyForm} csrf="csrf" result={revoked} />);
    assert.ok(english.includes('Jan 1, 2026'));
    assert.ok(english.includes(`${CATALOGUES.en.verification.checks.status.title}:`));
  });

  test('the issuer line (as stated, key not verified) is said in the reader’s language', () => {
    const issuer = { name: 'Verify Council', id: 'did:key:z6MkIssuer', keyVerified: false, own: false };
    const result: VerifyResultModel = {
      ...revoked,
      summary: [{ field: 'issuer', text: 'Verify Council (as stated by the issuer)', issuer }],
    };
    const es = renderIn('es', <VerifyView form={emptyForm} csrf="csrf" result={result} />);
    const words = CATALOGUES.es.issuing.issuer;
    assert.ok(es.includes(words.keyNotVerified), words.keyNotVerified);
    assert.ok(!es.includes('key not verified') && !es.includes('as stated by the issuer'), 'no English');
    const en = renderIn('en', <VerifyView form={emptyForm} csrf="csrf" result={result} />);
    assert.ok(en.includes('key not verified'));
  });

  test('a detail that says what the check’s lead already says is not said twice', () => {
    const result: VerifyResultModel = {
      ...revoked,
      checks: [{ id: 'proof', ok: false, code: 'proof_unverifiable', details: [detail('noKey')] }],
    };
    const es = renderIn('es', <VerifyView form={emptyForm} csrf="csrf" result={result} />);
    const sentence = CATALOGUES.es.verification.checkCodes.proof_unverifiable;
    assert.equal(es.split(sentence).length - 1, 1, sentence);
  });

  test('the achievement’s name and a library’s English note are marked lang="en" on a Spanish page only; the issuer’s words are quoted', () => {
    const es = renderIn('es', <VerifyView form={emptyForm} csrf="csrf" result={revoked} />);
    assert.match(es, /<dd lang="en">Questioning Strategies<\/dd>/);
    assert.match(
      es,
      /<details class="technical"><summary>Detalle técnico \(en inglés\)<\/summary><span lang="en">Safe mode validation error.<\/span><\/details>/,
    );
    assert.ok(es.includes('El emisor revocó esta credencial. En palabras del emisor: «Issued in error»'));
    assert.equal(languageOfText(es, 'Verify Council'), null, 'the issuer line is the page’s words');
    assert.equal(languageOfText(es, 'Issued in error'), null, 'the issuer’s words: language unknown');
    const en = renderIn('en', <VerifyView form={emptyForm} csrf="csrf" result={revoked} />);
    assert.match(en, /<dd>Questioning Strategies<\/dd>/);
    assert.ok(en.includes('The credential is not well-formed JSON-LD. Safe mode validation error.'));
    assert.ok(en.includes('The issuer revoked this credential. In the issuer’s words: “Issued in error”'));
    assert.doesNotMatch(en, /\slang="/);
    const spanishName = {
      ...revoked,
      summary: [{ field: 'achievement' as const, text: 'Estrategias de preguntas', lang: 'es' }],
    };
    const english = renderIn('en', <VerifyView form={emptyForm} csrf="csrf" result={spanishName} />);
    assert.match(english, /<dd lang="es">Estrategias de preguntas<\/dd>/);
    const spanish = renderIn('es', <VerifyView form={emptyForm} csrf="csrf" result={spanishName} />);
    assert.match(spanish, /<dd>Estrategias de preguntas<\/dd>/);
  });
});
