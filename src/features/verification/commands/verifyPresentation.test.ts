import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testApp, testCredentialServices } from '../../../testing/http.ts';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import { signVcJwt } from '../../../credentials/vcJwt.ts';

/*
 * POST /presentations/verify with generic VC 2.0 presentations: a holder, credentials of any kind
 * (not Open Badges), enveloped VC-JWTs, and self-asserted credentials secured by the
 * presentation's own proof (VC 2.0 §4.13.4).
 */
type Json = Record<string, unknown>;
const V2 = 'https://www.w3.org/ns/credentials/v2';
// Terms defined inline, so the test needs no examples context.
const CTX = [
  V2,
  { AlumniCredential: 'https://schema.org/AlumniCredential', alumniOf: 'https://schema.org/alumniOf' },
];
const canonicalizer = testCredentialServices().canonicalizer;
const issuerKeys = generateEd25519();
const issuer = didKeyFor(issuerKeys.publicKeyMultibase);
const holderKeys = generateEd25519();
const holder = didKeyFor(holderKeys.publicKeyMultibase);

const alumni = (by: string): Json => ({
  '@context': CTX,
  type: ['VerifiableCredential', 'AlumniCredential'],
  issuer: by,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: holder.did, alumniOf: 'Example University' },
});
const issued = () =>
  signEddsaRdfc2022(alumni(issuer.did), {
    privateKey: issuerKeys.privateKey,
    verificationMethod: issuer.verificationMethod,
    created: '2026-01-01T00:00:00Z',
    canonicalizer,
  });
const present = (vp: Json, options: { purpose?: string; keys?: typeof holderKeys; vm?: string } = {}) =>
  signEddsaRdfc2022(
    { '@context': CTX, type: ['VerifiablePresentation'], ...vp },
    {
      privateKey: (options.keys ?? holderKeys).privateKey,
      verificationMethod: options.vm ?? holder.verificationMethod,
      created: '2026-03-01T00:00:00Z',
      proofPurpose: options.purpose ?? 'authentication',
      canonicalizer,
    },
  );

for (const backend of testBackends()) {
  describe(`generic presentations (${backend.name})`, () => {
    async function call(body: unknown) {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const res = await app.request('/presentations/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: res.status,
        body: (await res.json()) as Json & {
          errors: Array<{ code: string }>;
          credentialResults: Array<{
            verified: boolean;
            checks: Array<{ id: string; ok: boolean; code?: string }>;
          }>;
        },
      };
    }
    const codes = (r: Awaited<ReturnType<typeof call>>) => r.body.errors.map((e) => e.code);

    test('a holder presents any VCs — embedded and an enveloped VC-JWT — and the holder signed it', async () => {
      const jwt = signVcJwt(
        { ...alumni(issuer.did), id: 'urn:uuid:3c1d7f0a-1b2c-4d5e-8f9a-0b1c2d3e4f5a' },
        { privateKey: issuerKeys.privateKey, kid: issuer.verificationMethod },
      );
      const vp = await present({
        holder: holder.did,
        verifiableCredential: [
          await issued(),
          { '@context': V2, type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` },
        ],
      });
      const ok = await call({ verifiablePresentation: vp, options: { checks: [] } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.errors, []);
      assert.equal(ok.body.credentialResults.length, 2);
      // The holder object form, too.
      assert.equal(
        (
          await call({
            verifiablePresentation: await present({
              holder: { id: holder.did },
              verifiableCredential: [await issued()],
            }),
          })
        ).status,
        200,
      );
    });

    test('refused: no base context, a holder without id, a string credential, another key than the holder’s, the wrong proof purpose', async () => {
      const vc = await issued();
      const noBase = await call({
        verifiablePresentation: {
          '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [vc],
        },
      });
      assert.deepEqual(codes(noBase), ['context_base_first']);
      const badHolder = await call({
        verifiablePresentation: {
          '@context': CTX,
          type: ['VerifiablePresentation'],
          holder: { name: 'Alex' },
          verifiableCredential: [vc],
        },
      });
      assert.deepEqual(codes(badHolder), ['holder_invalid']);
      const url = await call({
        verifiablePresentation: {
          '@context': CTX,
          type: ['VerifiablePresentation'],
          verifiableCredential: ['https://example.org/credential/1'],
        },
      });
      assert.deepEqual(codes(url), ['presentation_invalid']);
      const notTheirs = await call({
        verifiablePresentation: await present(
          { holder: holder.did, verifiableCredential: [vc] },
          { keys: issuerKeys, vm: issuer.verificationMethod },
        ),
      });
      assert.deepEqual(codes(notTheirs), ['holder_mismatch']);
      const assertion = await call({
        verifiablePresentation: await present(
          { holder: holder.did, verifiableCredential: [vc] },
          { purpose: 'assertionMethod' },
        ),
      });
      assert.deepEqual(codes(assertion), ['proof_purpose_mismatch']);
    });

    test('a self-asserted credential (no proof of its own) is accepted only from its holder', async () => {
      const own = alumni(holder.did);
      const ok = await call({
        verifiablePresentation: await present({ holder: holder.did, verifiableCredential: [own] }),
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const noHolder = await call({ verifiablePresentation: await present({ verifiableCredential: [own] }) });
      assert.deepEqual(codes(noHolder), ['holder_missing', 'proof_missing']);
      const someoneElses = await call({
        verifiablePresentation: await present({
          holder: holder.did,
          verifiableCredential: [alumni('did:example:acme')],
        }),
      });
      assert.deepEqual(codes(someoneElses), ['holder_mismatch', 'proof_missing']);
      // Unsigned, the presentation secures nothing.
      const unsigned = await call({
        verifiablePresentation: {
          '@context': CTX,
          type: ['VerifiablePresentation'],
          holder: holder.did,
          verifiableCredential: [own],
        },
      });
      assert.equal(unsigned.status, 400);
      assert.ok(codes(unsigned).includes('proof_missing'));
    });
  });
}
