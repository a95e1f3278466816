import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, testApp } from '../../../testing/http.ts';
import { changeCredentialStatus } from '../../issuing/commands/changeCredentialStatus.ts';
import { systemActor } from '../../issuing/issuingActor.ts';
import { buildOrganisation } from '../../../testing/factories.ts';
import { createApiToken } from '../../accounts/commands/createApiToken.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import { fastCanonicalizer } from '../../../credentials/proofs/fastCanonicalizer.ts';

const unsignedBadge = (issuer?: string) => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  ...(issuer ? { issuer: { id: issuer, type: ['Profile'], name: 'Council' } } : {}),
  name: 'Trauma-Informed Practice',
  credentialSubject: {
    id: 'did:example:therapist-42',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://council.example.org/achievements/tip',
      type: ['Achievement'],
      name: 'Trauma-Informed Practice',
      description: 'Completed a pre-approved continuing-education session.',
      criteria: { narrative: 'Attend the full session and pass the quiz.' },
    },
  },
});

for (const backend of testBackends()) {
  describe(`W3C VC API (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'both' });
      const { token } = await createApiToken(
        { db: storage.db, clock: { now: () => new Date() } },
        { name: 'test', actor: { organisationId: org.id, userId: null, ip: null } },
      );
      const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      return { storage, app, config, org, token, call, did: organisationDid(config.publicUrl, org.slug) };
    }

    test('issue with an organisation token, then verify: 201 then 200', async () => {
      const { call, token, did } = await setup();
      const issued = await call(
        '/credentials/issue',
        { credential: unsignedBadge(did) },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const vc = issued.body.verifiableCredential as Record<string, unknown> & {
        issuer: { id: string };
        proof: { cryptosuite: string };
      };
      assert.equal(vc.issuer.id, did);
      assert.equal(vc.proof.cryptosuite, 'eddsa-rdfc-2022');
      assert.ok(vc.credentialStatus, 'a status entry was added');
      const verified = await call('/credentials/verify', { verifiableCredential: vc });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.verified, true);
      const tampered = await call('/credentials/verify', {
        verifiableCredential: { ...vc, name: 'Something else' },
      });
      assert.equal(tampered.status, 400);
      assert.equal(tampered.body.verified, false);
      assert.ok((tampered.body.errors as Array<{ code: string }>).some((e) => e.code === 'proof_invalid'));
    });

    test('VC-JWT on request, enveloped as VC 2.0 says, verifies too', async () => {
      const { call, token } = await setup();
      const issued = await call(
        '/credentials/issue',
        { credential: unsignedBadge(), options: { format: 'jwt' } },
        { authorization: `Bearer ${token}` },
      );
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
      assert.equal(
        (
          await call(
            '/credentials/issue',
            { credential: unsignedBadge() },
            { authorization: 'Bearer cairn_nope' },
          )
        ).status,
        401,
      );
      const wrongIssuer = await call(
        '/credentials/issue',
        { credential: unsignedBadge('did:web:elsewhere.example') },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(wrongIssuer.status, 400);
      assert.match(String((wrongIssuer.body.error as { message: string }).message), /issues as did:web/);
      const missing = await call(
        '/credentials/issue',
        { credential: { type: 'VerifiableCredential' } },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(missing.status, 400);
      const notOb = await call(
        '/credentials/issue',
        {
          credential: {
            ...unsignedBadge(),
            credentialSubject: { id: 'did:example:x', type: ['AchievementSubject'] },
          },
        },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(notOb.status, 400, 'an OB credential without an achievement fails the official schema');
      assert.equal((await call('/credentials/verify', { nothing: true })).status, 400);
    });

    test('the issuer profile comes from the organisation, never from the request: no impersonation', async () => {
      const { storage, app, call, token, org, did, config } = await setup();
      const council = await buildOrganisation(storage.db, {
        name: `Allied Therapy Certification Council ${unique('')}`,
        kind: 'issuer',
      });
      const councilDid = organisationDid(config.publicUrl, council.slug);
      await storage.db
        .updateTable('organisations')
        .set({ website: 'https://issuer.example/' })
        .where('id', '=', org.id)
        .execute();
      const spoofed = {
        ...unsignedBadge(),
        issuer: {
          id: did,
          type: ['Profile'],
          name: council.name,
          url: 'https://council.example/',
          email: 'office@council.example',
          description: 'The council.',
          image: { id: 'https://council.example/logo.png', type: 'Image' },
        },
      };
      const issued = await call(
        '/credentials/issue',
        { credential: spoofed },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const vc = issued.body.verifiableCredential as Record<string, unknown>;
      assert.deepEqual(
        vc.issuer,
        { id: did, type: ['Profile'], name: org.name, url: 'https://issuer.example/' },
        'the whole profile is the organisation’s record',
      );
      assert.equal((await call('/credentials/verify', { verifiableCredential: vc })).status, 200);
      // The same for a credential without an issuer, and one naming the issuer by its DID only.
      for (const issuer of [undefined, did]) {
        const other = await call(
          '/credentials/issue',
          { credential: { ...unsignedBadge(), ...(issuer ? { issuer } : {}) } },
          { authorization: `Bearer ${token}` },
        );
        assert.equal(other.status, 201, JSON.stringify(other.body));
        assert.deepEqual((other.body.verifiableCredential as { issuer: unknown }).issuer, {
          id: did,
          type: ['Profile'],
          name: org.name,
          url: 'https://issuer.example/',
        });
      }
      // A credential of another type carries the DID alone: no name to borrow.
      const plain = await call(
        '/credentials/issue',
        {
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            issuer: { id: did, name: council.name },
            credentialSubject: { id: 'did:example:therapist-42' },
          },
        },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
      assert.equal((plain.body.verifiableCredential as { issuer: unknown }).issuer, did);
      // Another organisation's identifier is refused, as an object or as a string.
      for (const issuer of [{ id: councilDid, type: ['Profile'], name: council.name }, councilDid]) {
        const refused = await call(
          '/credentials/issue',
          { credential: { ...unsignedBadge(), issuer } },
          { authorization: `Bearer ${token}` },
        );
        assert.equal(refused.status, 400, JSON.stringify(refused.body));
        assert.match((refused.body.error as { message: string }).message, /issues as did:web/);
      }
      // /verify names the issuer with its verified DID beside the name.
      const browser = new TestBrowser(app);
      const page = await browser.post('/verify', { text: JSON.stringify(vc) });
      assert.equal(page.status, 200);
      const html = await page.text();
      const issuerRow = /<dt>Issuer<\/dt><dd>([^<]*)<\/dd>/.exec(html)?.[1] ?? '';
      assert.equal(issuerRow, `${org.name} — ${did} (verified key)`);
      assert.doesNotMatch(html, /Allied Therapy Certification Council/);
      // The badge page: the organisation's name from its record, its DID beside it.
      const row = await storage.db
        .selectFrom('credentials')
        .select('public_id')
        .where('organisation_id', '=', org.id)
        .where('credential_id', '=', String(vc.id))
        .executeTakeFirstOrThrow();
      const badge = await (await app.request(`/badges/${row.public_id}`)).text();
      assert.match(
        badge,
        new RegExp(
          `Issued by <strong>${org.name}</strong><span class="issuer-id"> \\(${did}, verified key\\)</span> on `,
        ),
      );
    });

    test('a foreign issuer on /verify: its DID and domain beside the name, which is marked as stated by the issuer', async () => {
      const { app } = await setup();
      const key = generateEd25519();
      const { did: keyDid, verificationMethod } = didKeyFor(key.publicKeyMultibase);
      const credential = await signEddsaRdfc2022(
        {
          ...unsignedBadge(),
          issuer: { id: keyDid, type: ['Profile'], name: 'Allied Therapy Certification Council' },
          validFrom: '2026-01-01T00:00:00Z',
        },
        {
          privateKey: key.privateKey,
          verificationMethod,
          created: '2026-01-01T00:00:00Z',
          proofPurpose: 'assertionMethod',
          canonicalizer: fastCanonicalizer(),
        },
      );
      const html = await (
        await new TestBrowser(app).post('/verify', { text: JSON.stringify(credential) })
      ).text();
      const issuerRow = /<dt>Issuer<\/dt><dd>([^<]*)<\/dd>/.exec(html)?.[1] ?? '';
      assert.equal(
        issuerRow,
        `Allied Therapy Certification Council (as stated by the issuer) — ${keyDid} (verified key)`,
      );
    });

    test('a caller-supplied credentialStatus is refused and never signed: Cairn assigns status entries', async () => {
      const { storage, call, token, org, config } = await setup();
      const foreign = {
        id: `${config.publicUrl}/status/stl_someone_else#7`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '7',
        statusListCredential: `${config.publicUrl}/status/stl_someone_else`,
      };
      const refused = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), credentialStatus: foreign } },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      const error = refused.body.error as { code: string; message: string; fields: Record<string, string> };
      assert.equal(error.code, 'credential_status_assigned_by_cairn');
      assert.match(error.message, /assigns status entries itself/);
      assert.ok(error.fields['credential.credentialStatus']);
      const stored = await storage.db
        .selectFrom('credentials')
        .select('id')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(stored.length, 0, 'nothing was signed or stored');
    });

    test('caller-supplied credential ids: a repeat of your own is 409 credential_id_taken; another organisation’s behaves like an unknown id', async () => {
      const { storage, app, call, token, org, config } = await setup();
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const { token: otherToken } = await createApiToken(
        { db: storage.db, clock: { now: () => new Date() } },
        { name: 'other', actor: { organisationId: other.id, userId: null, ip: null } },
      );
      const id = `urn:uuid:${randomUUID()}`;
      const first = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), id } },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), id } },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal((again.body.error as { code: string }).code, 'credential_id_taken');
      // The other organisation gets exactly what an unknown id gets: its credential, issued.
      const theirs = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), id } },
        { authorization: `Bearer ${otherToken}` },
      );
      const unknown = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), id: `urn:uuid:${randomUUID()}` } },
        { authorization: `Bearer ${otherToken}` },
      );
      assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
      assert.equal(unknown.status, 201);
      assert.deepEqual(Object.keys(theirs.body).sort(), Object.keys(unknown.body).sort());
      // Lookups by the document's id stay unambiguous: suspending one leaves the other valid.
      const rows = await storage.db
        .selectFrom('credentials')
        .select(['public_id', 'organisation_id'])
        .where('credential_id', '=', id)
        .execute();
      assert.equal(rows.length, 2);
      const theirRow = rows.find((r) => r.organisation_id === other.id)!;
      await changeCredentialStatus(
        { db: storage.db, clock: { now: () => new Date() }, config },
        {
          actor: systemActor('test'),
          organisationId: other.id,
          credential: theirRow.public_id,
          action: 'suspend',
          reason: 'checking',
        },
      );
      const mine = await call('/credentials/verify', {
        verifiableCredential: first.body.verifiableCredential,
      });
      const suspended = await call('/credentials/verify', {
        verifiableCredential: theirs.body.verifiableCredential,
      });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(suspended.status, 400);
      assert.ok(
        (suspended.body.errors as Array<{ code: string }>).some((e) => e.code === 'suspended'),
        JSON.stringify(suspended.body),
      );
      // Public pages use Cairn's own opaque ids, one per credential.
      for (const r of rows) assert.equal((await app.request(`/badges/${r.public_id}`)).status, 200);
      assert.equal(org.id !== other.id, true);
      // Four requests racing with one new id: one credential, three clear refusals.
      const raced = `urn:uuid:${randomUUID()}`;
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          call(
            '/credentials/issue',
            { credential: { ...unsignedBadge(), id: raced } },
            { authorization: `Bearer ${token}` },
          ),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [201, 409, 409, 409],
        JSON.stringify(answers.map((a) => a.body.error)),
      );
      assert.ok(
        answers
          .filter((a) => a.status === 409)
          .every((a) => (a.body.error as { code: string }).code === 'credential_id_taken'),
      );
      // An id that is not a URL or URN is bad input, not a server error.
      const bad = await call(
        '/credentials/issue',
        { credential: { ...unsignedBadge(), id: 42 } },
        { authorization: `Bearer ${token}` },
      );
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
    });

    test('presentations: the holder proof with its challenge, and every credential inside', async () => {
      const { call, token } = await setup();
      const issued = await call(
        '/credentials/issue',
        { credential: unsignedBadge() },
        { authorization: `Bearer ${token}` },
      );
      const holder = generateEd25519();
      const { did, verificationMethod } = didKeyFor(holder.publicKeyMultibase);
      const vp = await signEddsaRdfc2022(
        {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          holder: did,
          verifiableCredential: [issued.body.verifiableCredential],
        },
        {
          privateKey: holder.privateKey,
          verificationMethod,
          created: '2026-03-01T00:00:00Z',
          proofPurpose: 'authentication',
          canonicalizer: fastCanonicalizer(),
        },
      );
      const ok = await call('/presentations/verify', { verifiablePresentation: vp });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const challenged = await call('/presentations/verify', {
        verifiablePresentation: vp,
        options: { challenge: 'abc' },
      });
      assert.equal(challenged.status, 400);
      const forged = await call('/presentations/verify', {
        verifiablePresentation: { ...vp, holder: 'did:example:someone-else' },
      });
      assert.equal(forged.status, 400);
    });

    test('DID documents and status lists are published with cache headers', async () => {
      const { call, token, app, org, did } = await setup();
      const issued = await call(
        '/credentials/issue',
        { credential: unsignedBadge() },
        { authorization: `Bearer ${token}` },
      );
      const didRes = await app.request(`/orgs/${org.slug}/did.json`);
      assert.equal(didRes.status, 200);
      const doc = (await didRes.json()) as { id: string; assertionMethod: string[] };
      assert.equal(doc.id, did);
      assert.equal(doc.assertionMethod.length, 1);
      const statusUrl = new URL(
        (issued.body.verifiableCredential as { credentialStatus: { statusListCredential: string } })
          .credentialStatus.statusListCredential,
      );
      const list = await app.request(statusUrl.pathname);
      assert.equal(list.status, 200);
      assert.match(list.headers.get('cache-control') ?? '', /max-age=300/);
      const body = (await list.json()) as {
        type: string[];
        credentialSubject: { encodedList: string };
        proof: unknown;
      };
      assert.ok(body.type.includes('BitstringStatusListCredential'));
      assert.ok(body.proof);
      const again = await app.request(statusUrl.pathname, {
        headers: { 'if-none-match': list.headers.get('etag')! },
      });
      assert.equal(again.status, 304);
    });
  });
}
