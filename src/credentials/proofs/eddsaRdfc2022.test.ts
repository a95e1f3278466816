import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ed25519FromSeed, ed25519FromPublicBytes, encodeMultikeyPublic } from '../ed25519.ts';
import { jsonldCanonicalizer } from './canonicalize.ts';
import { base58btcDecode } from '../base58.ts';
import {
  eddsaHashData,
  signEddsaRdfc2022,
  verifyEddsaRdfc2022,
  type DataIntegrityProof,
} from './eddsaRdfc2022.ts';

// The 1EdTech eddsa-rdfc-2022 conformance vectors, reproduced byte for byte.
const vendor = resolve(import.meta.dirname, '../../../test/vectors/1edtech');

interface Vector {
  keyPair: { publicKeyHex: string; privateKeyHex: string; publicKeyMultibase: string; id: string };
  unsignedCredential: Record<string, unknown>;
  proofOptions: Record<string, string>;
  documentHashHex: string;
  proofHashHex: string;
  signatureHex: string;
  signedCredential: Record<string, unknown> & { proof: DataIntegrityProof | DataIntegrityProof[] };
}

for (const name of ['obv3p0', 'clrv2p0']) {
  describe(`1EdTech test vector ${name}`, () => {
    const vector = JSON.parse(readFileSync(`${vendor}/${name}/test-vector.json`, 'utf8')) as Vector;
    const documentCanon = readFileSync(`${vendor}/${name}/document-canon.txt`, 'utf8');
    const proofCanon = readFileSync(`${vendor}/${name}/proof-canon.txt`, 'utf8');
    const keys = ed25519FromSeed(Buffer.from(vector.keyPair.privateKeyHex.slice(0, 64), 'hex'));
    const canonicalizer = jsonldCanonicalizer();
    // The CLR vector carries its proof in an array; the OB vector as one object.
    const signedProof = [vector.signedCredential.proof].flat()[0]!;
    const { proofValue: _pv, ...proofConfig } = signedProof;

    test('the key pair matches', () => {
      assert.equal(Buffer.from(keys.publicKeyBytes).toString('hex'), vector.keyPair.publicKeyHex);
      assert.equal(encodeMultikeyPublic(keys.publicKeyBytes), vector.keyPair.publicKeyMultibase);
    });

    test('canonical N-Quads and hashes match', async () => {
      const r = await eddsaHashData(vector.unsignedCredential, proofConfig, canonicalizer);
      assert.equal(r.documentCanon, documentCanon.trimEnd() + '\n');
      assert.equal(r.proofCanon, proofCanon.trimEnd() + '\n');
      assert.equal(r.documentHash.toString('hex'), vector.documentHashHex);
      assert.equal(r.proofHash.toString('hex'), vector.proofHashHex);
    });

    test('signing reproduces the signature and proofValue', async () => {
      const signed = await signEddsaRdfc2022(vector.unsignedCredential, {
        privateKey: keys.privateKey,
        verificationMethod: proofConfig.verificationMethod,
        created: proofConfig.created!,
        canonicalizer,
      });
      assert.equal(signed.proof.proofValue, signedProof.proofValue);
      assert.equal(
        Buffer.from(base58btcDecode(signed.proof.proofValue!.slice(1), 64)).toString('hex'),
        vector.signatureHex,
      );
      assert.deepEqual(
        { ...signed, proof: [signed.proof].flat() },
        { ...vector.signedCredential, proof: [vector.signedCredential.proof].flat() },
      );
    });

    test('the signed vector verifies, and a changed name does not', async () => {
      const pub = ed25519FromPublicBytes(Buffer.from(vector.keyPair.publicKeyHex, 'hex'));
      assert.deepEqual(
        await verifyEddsaRdfc2022(vector.signedCredential, signedProof, pub.publicKey, canonicalizer),
        { ok: true },
      );
      const tampered = { ...vector.signedCredential, name: `${String(vector.signedCredential.name)}!` };
      const r = await verifyEddsaRdfc2022(tampered, signedProof, pub.publicKey, canonicalizer);
      assert.equal(r.ok, false);
    });
  });
}
