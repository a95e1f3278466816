import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import { verifyCredential, type VerifierDeps } from './verifier.ts';
import { fastCanonicalizer } from './proofs/fastCanonicalizer.ts';

// Open Badges 2.0 badges imported from other platforms, verified read-only. The issuer's
// hosted documents are served by a stand-in fetcher: tests never touch the network.
const issuer = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Issuer',
  id: 'https://old.example.org/issuer',
  name: 'Old Platform',
  revocationList: 'https://old.example.org/revocations',
};
const badge = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'BadgeClass',
  id: 'https://old.example.org/badges/1',
  name: 'Mentoring',
  description: 'd',
  image: 'https://old.example.org/b.png',
  criteria: { narrative: 'n' },
  issuer: issuer.id,
};
const assertion = (over: Record<string, unknown> = {}) => ({
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://old.example.org/assertions/42',
  recipient: { type: 'email', hashed: false, identity: 'teacher@example.org' },
  badge: badge.id,
  issuedOn: '2019-05-01T00:00:00Z',
  verification: { type: 'hosted' },
  ...over,
});

function deps(documents: Record<string, unknown>): VerifierDeps {
  return {
    canonicalizer: fastCanonicalizer(),
    now: new Date('2026-11-24T00:00:00Z'),
    resolveKey: async () => Promise.reject(new Error('unused')),
    loadStatusList: async () => Promise.reject(new Error('unused')),
    fetchJson: async (url) => {
      if (!(url in documents)) throw new Error(`404 ${url}`);
      return documents[url];
    },
  };
}

describe('Open Badges 2.0 verification', () => {
  test('hosted: verified when the hosted copy matches; revoked by the issuer’s list; expired', async () => {
    const hosted = assertion();
    const docs = {
      [badge.id]: badge,
      [issuer.id]: issuer,
      [hosted.id]: hosted,
      [issuer.revocationList]: { revokedAssertions: [] },
    };
    const ok = await verifyCredential(JSON.stringify(hosted), deps(docs));
    assert.equal(ok.format, 'ob2');
    assert.equal(ok.verified, true, JSON.stringify(ok.checks));
    const changed = await verifyCredential({ ...hosted, issuedOn: '2010-01-01T00:00:00Z' }, deps(docs));
    assert.equal(changed.checks.find((c) => c.id === 'proof')?.code, 'proof_invalid');
    const revoked = await verifyCredential(
      hosted,
      deps({
        ...docs,
        [issuer.revocationList]: {
          revokedAssertions: [{ id: hosted.id, revocationReason: 'Issued in error' }],
        },
      }),
    );
    assert.deepEqual(
      revoked.checks.filter((c) => !c.ok).map((c) => [c.code, c.message, c.details]),
      [
        [
          'revoked',
          'The issuer revoked this badge (“Issued in error”)',
          // The issuer's reason is its own words, kept apart from the verifier's.
          [{ key: 'ob2Revoked', quoted: { text: 'Issued in error', from: 'credential' } }],
        ],
      ],
    );
    const expired = assertion({ expires: '2020-01-01T00:00:00Z' });
    const report = await verifyCredential(expired, deps({ ...docs, [expired.id]: expired }));
    assert.deepEqual(
      report.checks.filter((c) => !c.ok).map((c) => c.code),
      ['expired'],
    );
  });

  test('signed: a JWS checked with the issuer’s published RSA key; a forged one fails', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyUrl = 'https://old.example.org/keys/1';
    const signed = assertion({ verification: { type: 'signed', creator: keyUrl } });
    const jws = await new CompactSign(Buffer.from(JSON.stringify(signed)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const docs = {
      [badge.id]: badge,
      [issuer.id]: issuer,
      [issuer.revocationList]: { revokedAssertions: [] },
      [keyUrl]: {
        type: 'CryptographicKey',
        id: keyUrl,
        owner: issuer.id,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
      },
    };
    const ok = await verifyCredential(jws, deps(docs));
    assert.equal(ok.verified, true, JSON.stringify(ok.checks));
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new CompactSign(Buffer.from(JSON.stringify(signed)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(other.privateKey);
    const bad = await verifyCredential(forged, deps(docs));
    assert.equal(bad.checks.find((c) => c.id === 'proof')?.code, 'proof_invalid');
  });

  test('without a fetcher (no network), OB 2.0 badges report what could not be checked', async () => {
    const report = await verifyCredential(assertion(), { ...deps({}), fetchJson: undefined });
    assert.equal(report.verified, false);
    assert.match(report.checks.find((c) => c.id === 'issuer_key')?.message ?? '', /network/);
  });
});
