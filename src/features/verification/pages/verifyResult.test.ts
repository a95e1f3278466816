import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import { credentialVerifyResponse } from '../api/vcApiResponses.ts';
import { detail } from '../../../credentials/checkMessages.ts';
import { failedCheck } from '../../../credentials/verificationReport.ts';
import { verifyResultModel } from './verifyResult.ts';

// The /verify page's view model and the VC API's answer, from a report: facts and codes, no markup
// (verifyView.test.tsx puts them in words).

const credential = {
  id: 'urn:uuid:1',
  issuer: { id: 'did:key:z6MkIssuer', name: 'Verify Council' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:earner', achievement: { name: 'Questioning Strategies' } },
};

const report = (checks: VerificationReport['checks']): VerificationReport => ({
  verified: checks.every((c) => c.ok),
  format: 'ldp',
  credential,
  checks,
});

describe('verify result model', () => {
  test('a valid credential: verdict, where it was read from, a summary and every check in words', () => {
    const model = verifyResultModel(
      report([
        { id: 'parse', ok: true },
        { id: 'proof', ok: true },
      ]),
      'png',
      'https://cairn.test',
    );
    assert.equal(model.verdict, 'valid');
    assert.deepEqual(model.readFrom, { format: 'png', proof: 'ldp' });
    assert.equal(model.genericVc, false);
    assert.deepEqual(model.summary, [
      { field: 'achievement', text: 'Questioning Strategies', lang: 'en' },
      {
        field: 'issuer',
        text: 'Verify Council (as stated by the issuer) — did:key:z6MkIssuer (key not verified)',
        issuer: {
          name: 'Verify Council',
          id: 'did:key:z6MkIssuer',
          domain: undefined,
          keyVerified: false,
          own: false,
        },
      },
      { field: 'recipient', recipient: { name: null, id: 'did:example:earner', hashed: false } },
      { field: 'validFrom', text: '2026-01-01T00:00:00Z' },
      { field: 'id', text: 'urn:uuid:1' },
    ]);
    assert.deepEqual(
      model.checks.map((c) => [c.id, c.ok, c.details]),
      [
        ['parse', true, []],
        ['proof', true, []],
      ],
    );
  });

  test('a revoked credential says so, with the issuer’s reason; the VC API answers 400 with the error', () => {
    const said = detail('revokedByIssuer', undefined, { text: 'Issued in error', from: 'credential' });
    const revoked = report([{ id: 'proof', ok: true }, failedCheck('status', 'revoked', said)]);
    const model = verifyResultModel(revoked, 'json', 'https://cairn.test');
    assert.equal(model.verdict, 'revoked');
    assert.deepEqual(
      model.checks.filter((c) => !c.ok).map((c) => [c.code, c.details]),
      [['revoked', [said]]],
    );
    const answer = credentialVerifyResponse(revoked);
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.errors, [
      {
        id: 'status',
        code: 'revoked',
        message: 'The issuer revoked this credential (“Issued in error”)',
        details: [said],
      },
    ]);
  });

  test('the achievement’s name says its language: the credential’s inLanguage, English when it does not say', () => {
    const inSpanish = {
      ...credential,
      credentialSubject: { achievement: { name: 'Estrategias de preguntas', inLanguage: 'es' } },
    };
    const model = verifyResultModel({ ...report([]), credential: inSpanish }, 'json', 'https://cairn.test');
    assert.deepEqual(model.summary[0], {
      field: 'achievement',
      text: 'Estrategias de preguntas',
      lang: 'es',
    });
  });
});
