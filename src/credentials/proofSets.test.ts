import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEd25519, ed25519Sign, type Ed25519Keys } from './ed25519.ts';
import { didKeyFor, resolveDidKey } from './didKey.ts';
import { base58btcEncode } from './base58.ts';
import { CRYPTOSUITE, eddsaHashData, signEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { fastCanonicalizer } from './proofs/fastCanonicalizer.ts';
import { verifyCredential, type VerifierDeps } from './verifier.ts';
import { isolatedCanonicalizer } from './proofs/isolatedCanonicalizer.ts';
import type { KeyObject } from 'node:crypto';

type Json = Record<string, unknown>;
const canonicalizer = fastCanonicalizer();

const unsigned = (issuer: string): Json => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:6c5b1c8e-7d1e-4c55-9a7f-0b8e2f3a4d11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Council' },
  validFrom: '2026-01-15T10:00:00Z',
  name: 'Trauma-Informed Practice',
  credentialSubject: {
    id: 'did:example:therapist-42',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://council.example.org/achievements/tip',
      type: ['Achievement'],
      name: 'Trauma-Informed Practice',
      description: 'Completed a session.',
      criteria: { narrative: 'Attend and pass the quiz.' },
    },
  },
});

/** Adds a proof to a document as W3C Data Integrity's "Add Proof Set/Chain" says (test helper). */
async function addProof(
  secured: Json,
  keys: { privateKey: KeyObject } & Ed25519Keys,
  options: { id?: string; previousProof?: string | string[] } = {},
): Promise<Json> {
  const existing = secured.proof === undefined ? [] : ([secured.proof].flat() as Json[]);
  const { proof: _p, ...unsecured } = secured;
  const previous = options.previousProof === undefined ? [] : [options.previousProof].flat();
  const matching = existing.filter((p) => previous.includes(p.id as string));
  const input = matching.length ? { ...unsecured, proof: matching } : unsecured;
  const proofConfig: Json = {
    ...(options.id ? { id: options.id } : {}),
    type: 'DataIntegrityProof',
    created: '2026-01-15T10:00:00Z',
    verificationMethod: didKeyFor(keys.publicKeyMultibase).verificationMethod,
    cryptosuite: CRYPTOSUITE,
    proofPurpose: 'assertionMethod',
    ...(options.previousProof ? { previousProof: options.previousProof } : {}),
  };
  const { hashData } = await eddsaHashData(input, proofConfig, canonicalizer);
  const proof = { ...proofConfig, proofValue: `z${base58btcEncode(ed25519Sign(keys.privateKey, hashData))}` };
  return { ...unsecured, proof: [...existing, proof] };
}

function deps(extra: Partial<VerifierDeps> = {}): VerifierDeps {
  return {
    canonicalizer,
    now: new Date('2026-06-01T00:00:00Z'),
    resolveKey: async (vm) => {
      if (!vm.startsWith('did:key:')) throw new Error(`No such key ${vm}`);
      const doc = resolveDidKey(vm) as { publicKeyMultibase: string; controller: string };
      return { publicKeyMultibase: doc.publicKeyMultibase, controller: doc.controller };
    },
    loadStatusList: async () => {
      throw new Error('no status lists here');
    },
    ...extra,
  };
}
const check = (
  report: { checks: Array<{ id: string; ok: boolean; code?: string; message?: string }> },
  id: string,
) => report.checks.find((c) => c.id === id);

describe('proof sets and chains (W3C Data Integrity)', () => {
  const issuerKeys = generateEd25519();
  const otherKeys = generateEd25519();
  const issuer = didKeyFor(issuerKeys.publicKeyMultibase).did;

  test('one proof, as before: verified', async () => {
    const one = await addProof(unsigned(issuer), issuerKeys);
    const report = await verifyCredential({ ...one, proof: (one.proof as Json[])[0] }, deps());
    assert.equal(report.verified, true, JSON.stringify(report.checks));
  });

  test('two valid proofs by two keys (the issuer and a co-signer): verified', async () => {
    const two = await addProof(await addProof(unsigned(issuer), issuerKeys), otherKeys);
    const report = await verifyCredential(two, deps());
    assert.equal(report.verified, true, JSON.stringify(report.checks));
  });

  test('a valid proof and a corrupt one: not verified, and the check names the second proof', async () => {
    const two = await addProof(await addProof(unsigned(issuer), issuerKeys), otherKeys);
    const proofs = two.proof as Json[];
    const value = proofs[1]!.proofValue as string;
    const corrupt = {
      ...proofs[1]!,
      proofValue: `${value.slice(0, -3)}${value.endsWith('abc') ? 'abd' : 'abc'}`,
    };
    const report = await verifyCredential({ ...two, proof: [proofs[0], corrupt] }, deps());
    assert.equal(report.verified, false);
    assert.equal(check(report, 'proof')?.code, 'proof_invalid');
    assert.match(check(report, 'proof')?.message ?? '', /^Proof 2 of 2: /);
    // The corrupt proof first: the same verdict.
    const swapped = await verifyCredential({ ...two, proof: [corrupt, proofs[0]] }, deps());
    assert.equal(swapped.verified, false);
    assert.match(check(swapped, 'proof')?.message ?? '', /^Proof 1 of 2: /);
  });

  test('a valid proof and one with an unknown key or an unknown cryptosuite: not verified', async () => {
    const one = await addProof(unsigned(issuer), issuerKeys);
    const valid = (one.proof as Json[])[0]!;
    const unknownKey = { ...valid, verificationMethod: 'https://elsewhere.example/keys/1' };
    const report = await verifyCredential({ ...one, proof: [valid, unknownKey] }, deps());
    assert.equal(report.verified, false);
    assert.equal(check(report, 'issuer_key')?.code, 'key_unresolved');
    assert.equal(check(report, 'proof')?.code, 'proof_unverifiable');
    const unknownSuite = await verifyCredential(
      { ...one, proof: [valid, { ...valid, cryptosuite: 'bbs-2023' }] },
      deps(),
    );
    assert.equal(unknownSuite.verified, false);
    assert.equal(check(unknownSuite, 'proof')?.code, 'proof_malformed');
    const notAProof = await verifyCredential({ ...one, proof: [valid, 'nonsense'] }, deps());
    assert.equal(notAProof.verified, false);
  });

  test('only proofs by other keys than the issuer’s: issuer_mismatch', async () => {
    const two = await addProof(await addProof(unsigned(issuer), otherKeys), generateEd25519());
    const report = await verifyCredential(two, deps());
    assert.equal(report.verified, false);
    assert.equal(check(report, 'issuer_key')?.code, 'issuer_mismatch');
  });

  test('a chain: the second proof covers the first; tampering with the first breaks both', async () => {
    const first = await addProof(unsigned(issuer), issuerKeys, { id: 'urn:proof:1' });
    const chain = await addProof(first, otherKeys, { id: 'urn:proof:2', previousProof: 'urn:proof:1' });
    const report = await verifyCredential(chain, deps());
    assert.equal(report.verified, true, JSON.stringify(report.checks));
    const proofs = chain.proof as Json[];
    // The second proof is not a plain set member: verified without the first, it fails.
    const unchained = await verifyCredential(
      { ...chain, proof: [proofs[0], { ...proofs[1], previousProof: undefined }] },
      deps(),
    );
    assert.equal(unchained.verified, false);
    // A previousProof that names no proof of the set.
    const dangling = await verifyCredential(
      { ...chain, proof: [proofs[0], { ...proofs[1], previousProof: 'urn:proof:404' }] },
      deps(),
    );
    assert.equal(check(dangling, 'proof')?.code, 'proof_chain_broken');
    assert.match(check(dangling, 'proof')?.message ?? '', /Proof 2 of 2: It follows urn:proof:404/);
    // Re-signing the first proof (a different created date) changes what the second covered.
    const resigned = await addProof(unsigned(issuer), issuerKeys, { id: 'urn:proof:1' });
    const swappedFirst = { ...(resigned.proof as Json[])[0]!, created: '2026-01-16T10:00:00Z' };
    const broken = await verifyCredential({ ...chain, proof: [swappedFirst, proofs[1]] }, deps());
    assert.equal(broken.verified, false);
  });

  test('more proofs than allowed are not checked one by one', async () => {
    const one = await addProof(unsigned(issuer), issuerKeys);
    const valid = (one.proof as Json[])[0]!;
    const report = await verifyCredential({ ...one, proof: Array.from({ length: 50 }, () => valid) }, deps());
    assert.equal(report.verified, false);
    assert.equal(check(report, 'proof')?.code, 'too_many_proofs');
  });
});

describe('verification budget and document bounds', () => {
  const keys = generateEd25519();
  const issuer = didKeyFor(keys.publicKeyMultibase).did;

  test('a document nested too deep or too large is refused before any work, with a clear code', async () => {
    let deep: Json = { name: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const tooDeep = await verifyCredential({ ...unsigned(issuer), extra: deep }, deps());
    assert.equal(tooDeep.verified, false);
    assert.deepEqual([check(tooDeep, 'parse')?.code], ['too_deep']);
    const wide = await verifyCredential(
      { ...unsigned(issuer), extra: Array.from({ length: 60_000 }, (_, i) => i) },
      deps(),
    );
    assert.equal(check(wide, 'parse')?.code, 'too_large');
    const text = await verifyCredential(`{"a": "${'x'.repeat(5_000_000)}"}`, deps());
    assert.equal(check(text, 'parse')?.code, 'too_large');
  });

  test('a 200,000-character proofValue is refused as too long, not decoded', async () => {
    const signed = await signEddsaRdfc2022(unsigned(issuer), {
      privateKey: keys.privateKey,
      verificationMethod: didKeyFor(keys.publicKeyMultibase).verificationMethod,
      created: '2026-01-15T10:00:00Z',
      canonicalizer,
    });
    const report = await verifyCredential(
      { ...signed, proof: { ...signed.proof, proofValue: `z${'2'.repeat(200_000)}` } },
      deps(),
    );
    assert.equal(check(report, 'proof')?.code, 'proof_malformed');
    assert.match(check(report, 'proof')?.message ?? '', /too long/i);
  });

  test('a verification past its deadline reports verification_budget_exceeded', async () => {
    const signed = await signEddsaRdfc2022(unsigned(issuer), {
      privateKey: keys.privateKey,
      verificationMethod: didKeyFor(keys.publicKeyMultibase).verificationMethod,
      created: '2026-01-15T10:00:00Z',
      canonicalizer,
    });
    const report = await verifyCredential(
      { ...signed, name: 'Not memoised' },
      deps({ deadline: Date.now() - 1 }),
    );
    assert.equal(report.verified, false);
    assert.equal(check(report, 'proof')?.code, 'verification_budget_exceeded');
  });

  test('the worker canonicalizer stops a job at its deadline and serves the next one', async () => {
    const pool = isolatedCanonicalizer({ workers: 1 });
    try {
      const results = Array.from({ length: 5000 }, (_, i) => ({ type: ['Result'], value: `v${i}` }));
      const big = {
        ...unsigned(issuer),
        credentialSubject: {
          type: ['AchievementSubject'],
          result: results,
          achievement: (unsigned(issuer).credentialSubject as Json).achievement,
        },
      };
      // Far less time than the worker takes even to start: the job is stopped, never answered.
      await assert.rejects(
        pool.canonize(big, { deadline: Date.now() + 1 }),
        (e: Error & { code?: string }) => e.code === 'verification_budget_exceeded',
      );
      const small = await pool.canonize({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer,
        credentialSubject: { id: 'did:example:2' },
      });
      assert.match(small, /credentialSubject/);
    } finally {
      await pool.close();
    }
  });
});
