import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { identifierDomain, issuerIdentity, issuerLine } from './issuerIdentity.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';

const report = (issuer: unknown, keyOk: boolean): VerificationReport => ({
  verified: keyOk,
  format: 'ldp',
  credential: { issuer, credentialSubject: {} },
  checks: [
    { id: 'parse', ok: true },
    keyOk
      ? { id: 'issuer_key', ok: true }
      : { id: 'issuer_key', ok: false, code: 'key_unresolved', message: 'no' },
    { id: 'proof', ok: keyOk },
  ],
});

describe('the issuer beside its verified identifier', () => {
  test('domains of did:web and URL identifiers', () => {
    assert.equal(identifierDomain('did:web:localhost%3A3000:orgs:council'), 'localhost:3000');
    assert.equal(identifierDomain('did:web:council.example.org'), 'council.example.org');
    assert.equal(identifierDomain('https://council.example.org/issuer.json'), 'council.example.org');
    assert.equal(identifierDomain('did:key:z6Mkabc'), undefined);
    assert.equal(
      identifierDomain('did:web:%E0%A4%A'),
      undefined,
      'a broken escape is no domain, not an error',
    );
  });

  test('this Cairn’s organisations, foreign issuers, and unproven claims', () => {
    const own = issuerIdentity(
      report(
        { id: 'did:web:localhost%3A3000:orgs:council', name: 'Allied Therapy Certification Council' },
        true,
      ),
      'http://localhost:3000',
    )!;
    assert.equal(
      issuerLine(own),
      'Allied Therapy Certification Council — did:web:localhost%3A3000:orgs:council (verified key)',
    );
    const foreign = issuerIdentity(
      report({ id: 'did:web:council.example.org', name: 'Allied Therapy Certification Council' }, true),
      'http://localhost:3000',
    )!;
    assert.equal(
      issuerLine(foreign),
      'Allied Therapy Certification Council (as stated by the issuer) — did:web:council.example.org (domain council.example.org, verified key)',
    );
    const unproven = issuerIdentity(
      report(
        { id: 'did:web:localhost%3A3000:orgs:council', name: 'Allied Therapy Certification Council' },
        false,
      ),
      'http://localhost:3000',
    )!;
    assert.equal(
      issuerLine(unproven),
      'Allied Therapy Certification Council (as stated by the issuer) — did:web:localhost%3A3000:orgs:council (key not verified)',
    );
    const nameOnly = issuerIdentity(
      report({ name: 'Allied Therapy Certification Council' }, true),
      'http://localhost:3000',
    )!;
    assert.equal(
      issuerLine(nameOnly),
      'Allied Therapy Certification Council (as stated by the issuer) — (no identifier, so nothing proves who issued it)',
    );
    assert.equal(
      issuerLine(issuerIdentity(report('did:key:z6Mkabc', true), 'http://localhost:3000')!),
      'did:key:z6Mkabc (verified key)',
    );
  });
});
