import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyCredential, type VerifierDeps } from './verifier.ts';
import { fastCanonicalizer } from './proofs/fastCanonicalizer.ts';
import { jsonldCanonicalizer } from './proofs/canonicalize.ts';

// Cairn verifies badges it did not issue: the 1EdTech signed vectors, with their key served
// (as its controller would serve it) by a stand-in resolver, so no network is touched.
const vendor = resolve(import.meta.dirname, '../../test/vectors/1edtech');

for (const [name, canonicalizer] of [
  ['fast', fastCanonicalizer()],
  ['jsonld.js', jsonldCanonicalizer()],
] as const) {
  describe(`Cairn's verifier on the 1EdTech signed vectors (${name} canonicalizer)`, () => {
    for (const vectorName of ['obv3p0', 'clrv2p0']) {
      const vector = JSON.parse(readFileSync(`${vendor}/${vectorName}/test-vector.json`, 'utf8')) as {
        keyPair: { publicKeyMultibase: string; controller: string; id: string };
        signedCredential: Record<string, unknown>;
      };
      const deps: VerifierDeps = {
        canonicalizer,
        now: new Date('2026-11-24T00:00:00Z'),
        resolveKey: async (vm) => {
          if (vm !== vector.keyPair.id) throw new Error(`unknown key ${vm}`);
          return {
            publicKeyMultibase: vector.keyPair.publicKeyMultibase,
            controller: vector.keyPair.controller,
          };
        },
        loadStatusList: async () => {
          throw new Error('no status lists in the vectors');
        },
      };

      test(`${vectorName}: the proof verifies and tampering is caught`, async () => {
        const report = await verifyCredential(vector.signedCredential, deps);
        const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
        assert.equal(byId.proof?.ok, true, JSON.stringify(byId.proof));
        assert.equal(byId.issuer_key?.ok, true);
        assert.equal(byId.validity_window?.ok, true);
        if (vectorName === 'obv3p0') assert.equal(report.verified, true, JSON.stringify(report.checks));
        // The CLR vector is a ClrCredential: checked against the CLR data model, with its embedded credentials verified.
        else {
          assert.equal(byId.schema?.ok, true, JSON.stringify(byId.schema));
          // Its embedded example credential writes single types as strings, which the official OB 3.0
          // schema refuses: the embedded check reports that (its proof verifies), never hides it.
          assert.equal(byId.embedded?.ok, false);
          assert.match(byId.embedded?.message ?? '', /#1 \(Example University Degree\) schema_invalid$/);
        }
        const tampered = await verifyCredential(
          { ...vector.signedCredential, validFrom: '2011-01-01T00:00:00Z' },
          deps,
        );
        assert.equal(tampered.checks.find((c) => c.id === 'proof')?.code, 'proof_invalid');
      });
    }
  });
}
