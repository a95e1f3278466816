import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { testApp } from '../testing/http.ts';
import { buildOrganisation } from '../testing/factories.ts';
import { createApiToken } from '../commands/manageApiTokens.ts';
import { organisationDid } from '../credentials/issuerIdentity.ts';
import { generateEd25519 } from '../credentials/ed25519.ts';
import { didKeyFor } from '../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../credentials/proofs/eddsaRdfc2022.ts';
import { fastCanonicalizer } from '../credentials/proofs/fastCanonicalizer.ts';

const unsignedBadge = (issuer?: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  ...(issuer ? { issuer: { id: issuer, type: ['Profile'], name: 'Council' } } : {}),
  name: 'Trauma-Informed Practice',
  credentialSubject: {
    id: 'did:example:therapist-42',
    type: ['AchievementSubject'],
    achievement: { id: 'https://council.example.org/achievements/tip', type: ['Achievement'], name: 'Trauma-Informed Practice', description: 'Completed a pre-approved continuing-education session.', criteria: { narrative: 'Attend the full session and pass the quiz.' } },
  },
});

for (const backend of testBackends()) {
  describe(`W3C VC API (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'both' });
      const { token } = await createApiToken({ db: storage.db, clock: { now: () => new Date() } }, { organisationId: org.id, userId: null, ip: null }, { name: 'test' });
      const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
        const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      return { storage, app, config, org, token, call, did: organisationDid(config.publicUrl, org.slug) };
    }

    test('issue with an organisation token, then verify: 201 then 200', async () => {
      const { call, token, did } = await setup();
      const issued = await call('/credentials/issue', { credential: unsignedBadge(did) }, { authorization: `Bearer ${token}` });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const vc = issued.body.verifiableCredential as Record<string, unknown> & { issuer: { id: string }; proof: { cryptosuite: string } };
      assert.equal(vc.issuer.id, did);
      assert.equal(vc.proof.cryptosuite, 'eddsa-rdfc-2022');
      assert.ok(vc.credentialStatus, 'a status entry was added');
      const verified = await call('/credentials/verify', { verifiableCredential: vc });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.verified, true);
      const tampered = await call('/credentials/verify', { verifiableCredential: { ...vc, name: 'Something else' } });
      assert.equal(tampered.status, 400);
      assert.equal(tampered.body.verified, false);
      assert.ok((tampered.body.errors as Array<{ code: string }>).some((e) => e.code === 'proof_invalid'));
    });

    test('VC-JWT on request, enveloped as VC 2.0 says, verifies too', async () => {
      const { call, token } = await setup();
      const issued = await call('/credentials/issue', { credential: unsignedBadge(), options: { format: 'jwt' } }, { authorization: `Bearer ${token}` });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const env = issued.body.verifiableCredential as { type: string; id: string };
      assert.equal(env.type, 'EnvelopedVerifiableCredential');
      assert.match(env.id, /^data:application\/vc\+jwt,ey/);
      const verified = await call('/credentials/verify', { verifiableCredential: env });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
    });

    test('bad input and bad tokens are refused clearly', async () => {
      const { call, token } = await setup();
      assert.equal((await call('/credentials/issue', { credential: unsignedBadge() })).status, 401);
      assert.equal((await call('/credentials/issue', { credential: unsignedBadge() }, { authorization: 'Bearer cairn_nope' })).status, 401);
      const wrongIssuer = await call('/credentials/issue', { credential: unsignedBadge('did:web:elsewhere.example') }, { authorization: `Bearer ${token}` });
      assert.equal(wrongIssuer.status, 400);
      assert.match(String((wrongIssuer.body.error as { message: string }).message), /issues as did:web/);
      const missing = await call('/credentials/issue', { credential: { type: 'VerifiableCredential' } }, { authorization: `Bearer ${token}` });
      assert.equal(missing.status, 400);
      const notOb = await call('/credentials/issue', { credential: { ...unsignedBadge(), credentialSubject: { id: 'did:example:x', type: ['AchievementSubject'] } } }, { authorization: `Bearer ${token}` });
      assert.equal(notOb.status, 400, 'an OB credential without an achievement fails the official schema');
      assert.equal((await call('/credentials/verify', { nothing: true })).status, 400);
    });

    test('presentations: the holder proof with its challenge, and every credential inside', async () => {
      const { call, token } = await setup();
      const issued = await call('/credentials/issue', { credential: unsignedBadge() }, { authorization: `Bearer ${token}` });
      const holder = generateEd25519();
      const { did, verificationMethod } = didKeyFor(holder.publicKeyMultibase);
      const vp = await signEddsaRdfc2022(
        { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: did, verifiableCredential: [issued.body.verifiableCredential] },
        { privateKey: holder.privateKey, verificationMethod, created: '2026-03-01T00:00:00Z', proofPurpose: 'authentication', canonicalizer: fastCanonicalizer() },
      );
      const ok = await call('/presentations/verify', { verifiablePresentation: vp });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const challenged = await call('/presentations/verify', { verifiablePresentation: vp, options: { challenge: 'abc' } });
      assert.equal(challenged.status, 400);
      const forged = await call('/presentations/verify', { verifiablePresentation: { ...vp, holder: 'did:example:someone-else' } });
      assert.equal(forged.status, 400);
    });

    test('DID documents and status lists are published with cache headers', async () => {
      const { call, token, app, org, did } = await setup();
      const issued = await call('/credentials/issue', { credential: unsignedBadge() }, { authorization: `Bearer ${token}` });
      const didRes = await app.request(`/orgs/${org.slug}/did.json`);
      assert.equal(didRes.status, 200);
      const doc = (await didRes.json()) as { id: string; assertionMethod: string[] };
      assert.equal(doc.id, did);
      assert.equal(doc.assertionMethod.length, 1);
      const statusUrl = new URL((issued.body.verifiableCredential as { credentialStatus: { statusListCredential: string } }).credentialStatus.statusListCredential);
      const list = await app.request(statusUrl.pathname);
      assert.equal(list.status, 200);
      assert.match(list.headers.get('cache-control') ?? '', /max-age=300/);
      const body = (await list.json()) as { type: string[]; credentialSubject: { encodedList: string }; proof: unknown };
      assert.ok(body.type.includes('BitstringStatusListCredential'));
      assert.ok(body.proof);
      const again = await app.request(statusUrl.pathname, { headers: { 'if-none-match': list.headers.get('etag')! } });
      assert.equal(again.status, 304);
    });
  });
}
