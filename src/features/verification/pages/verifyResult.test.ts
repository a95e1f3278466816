import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import { credentialVerifyResponse } from '../api/vcApiResponses.ts';
import { verifyResultModel } from './verifyResult.ts';

// The /verify page's view model and the VC API's answer, from a report: plain words, no markup.

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
    assert.equal(model.verdict, 'Valid');
    assert.equal(model.readFrom, 'a baked PNG image (Data Integrity proof)');
    assert.equal(model.genericVc, false);
    assert.equal(model.summary.find((r) => r.label === 'Achievement')?.text, 'Questioning Strategies');
    assert.match(model.summary.find((r) => r.label === 'Recipient')?.text ?? '', /names no one/);
    assert.deepEqual(
      model.checks.map((c) => [c.id, c.ok, c.title]),
      [
        ['parse', true, 'Readable'],
        ['proof', true, 'Signature'],
      ],
    );
    assert.equal(model.checks[1]!.text, 'The signature matches: nothing was changed since it was issued.');
  });

  test('a revoked credential says so, with the issuer’s reason; the VC API answers 400 with the error', () => {
    const revoked = report([
      { id: 'proof', ok: true },
      { id: 'status', ok: false, code: 'revoked', message: 'The issuer revoked this credential.' },
    ]);
    const model = verifyResultModel(revoked, 'json', 'https://cairn.test');
    assert.equal(model.verdict, 'Revoked');
    assert.deepEqual(
      model.checks.filter((c) => !c.ok).map((c) => c.text),
      ['The issuer revoked this credential.'],
    );
    const answer = credentialVerifyResponse(revoked);
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.errors, [
      { id: 'status', code: 'revoked', message: 'The issuer revoked this credential.' },
    ]);
  });
});
