import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { startTestServer } from '../../../testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { base58btcEncode } from '../../../credentials/base58.ts';
import { bakeSvg } from '../../../credentials/baking/index.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';

type Json = Record<string, unknown>;
const NUL = '\u0000';

/** A credential with a NUL character in each string PostgreSQL would be asked about. */
function withNuls(credential: Json, publicUrl: string, did: string): Json[] {
  const status = credential.credentialStatus as Json | undefined;
  const proof = credential.proof as Json;
  return [
    { ...credential, id: `${String(credential.id)}${NUL}` },
    { ...credential, issuer: { ...(credential.issuer as Json), id: `${did}${NUL}` } },
    { ...credential, credentialStatus: { ...status, statusListCredential: `${publicUrl}/status/${NUL}x` } },
    { ...credential, proof: { ...proof, verificationMethod: `${did}${NUL}#key` } },
    { ...credential, proof: { ...proof, verificationMethod: `${String(proof.verificationMethod)}${NUL}` } },
  ];
}

for (const backend of testBackends()) {
  describe(`verification never fails with a 500 on NUL characters (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Nul Council' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: 'nul@example.org' },
        achievement: {
          id: 'https://cairn.test/a/nul',
          name: 'Nul Safety',
          description: 'Handles NUL.',
          criteria: { narrative: 'Sent one.' },
        },
        formats: ['ldp'],
      });
      const did = organisationDid(config.publicUrl, org.slug);
      return {
        storage,
        app,
        config,
        issued,
        did,
        variants: withNuls(issued.credential as Json, config.publicUrl, did),
      };
    }
    const post = (app: ReturnType<typeof testApp>['app'], path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });

    test('POST /credentials/verify and /presentations/verify answer with a report', async () => {
      const { app, variants } = await setup();
      for (const [i, vc] of variants.entries()) {
        const res = await post(app, '/credentials/verify', { verifiableCredential: vc });
        const body = (await res.json()) as { verified: boolean; errors: Array<{ code: string }> };
        assert.equal(res.status, 400, `variant ${i}: ${JSON.stringify(body)}`);
        assert.equal(body.verified, false, `variant ${i}`);
        const vp = await post(app, '/presentations/verify', {
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            verifiableCredential: [vc],
          },
        });
        assert.equal(vp.status, 400, `variant ${i} in a presentation`);
        assert.equal(((await vp.json()) as { verified: boolean }).verified, false);
      }
    });

    test('the /verify page (paste, upload, URL) shows a report', async () => {
      const { app, variants, config } = await setup();
      const browser = new TestBrowser(app);
      for (const [i, vc] of variants.entries()) {
        const text = JSON.stringify(vc);
        const files = [
          new File([text], 'credential.json', { type: 'application/json' }),
          new File([bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', text)], 'badge.svg', {
            type: 'image/svg+xml',
          }),
        ];
        for (const [pasted, file] of [
          [text, null],
          ['', files[0]!],
          ['', files[1]!],
        ] as const) {
          const form = new FormData();
          form.append('_csrf', await browser.csrf());
          form.append('text', pasted);
          form.append('url', '');
          if (file) form.append('file', file);
          const res = await browser.request('POST', '/verify', { body: form });
          assert.equal(res.status, 200, `variant ${i}`);
          assert.match(await res.text(), /Not verified<\/span>/, `variant ${i}`);
        }
      }
      for (const url of [
        `${config.publicUrl}/badges/x%00y`,
        `${config.publicUrl}/badges/${NUL}`,
        `https://elsewhere.example/${NUL}`,
      ]) {
        const res = await browser.get(`/verify?url=${encodeURIComponent(url)}`);
        assert.ok(res.status < 500, `${JSON.stringify(url)} gave ${res.status}`);
      }
    });

    test('backpack import: a clear message, nothing stored', async () => {
      const { storage, app, variants } = await setup();
      const earner = await buildUser(storage.db);
      const browser = await loggedIn(app, earner);
      for (const [i, vc] of variants.entries()) {
        const form = new FormData();
        form.append('_csrf', await browser.csrf());
        form.append('text', JSON.stringify(vc));
        form.append('url', '');
        form.append('file', new File([], ''));
        const res = await browser.request('POST', '/backpack/import', { body: form });
        assert.equal(res.status, 422, `variant ${i}`);
        assert.match(await res.text(), /contains a NUL character/, `variant ${i}`);
      }
      const rows = await storage.db
        .selectFrom('imported_credentials')
        .select('id')
        .where('user_id', '=', earner.id)
        .execute();
      assert.equal(rows.length, 0);
    });

    test('a JSON body whose text would be stored is refused clearly when it carries a NUL', async () => {
      const { app } = await setup();
      const res = await post(app, '/credentials/issue', { credential: { name: `x${NUL}` } });
      assert.ok(res.status >= 400 && res.status < 500, String(res.status));
    });
  });
}

describe('a hostile verification does not hold up the server', () => {
  test('/healthz answers again and again while a large verification runs on a real listening server', async () => {
    const backend = testBackends()[0]!;
    const server = await startTestServer(await backend.storage());
    try {
      const keys = generateEd25519();
      const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
      // Within every bound (about 400 KB), but thousands of nodes for JSON-LD to expand (each with
      // an id: no blank nodes, so RDF canonicalization has nothing to hash, and never pauses).
      const results = Array.from({ length: 5000 }, (_, i) => ({
        id: `urn:uuid:r-${i}`,
        type: ['Result'],
        value: `score ${i}`,
        resultDescription: `urn:uuid:${i}`,
      }));
      const credential = {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: `urn:uuid:${randomBytes(8).toString('hex')}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: did, type: ['Profile'], name: 'Hostile' },
        validFrom: '2026-01-15T10:00:00Z',
        name: 'Big',
        credentialSubject: {
          id: 'did:example:x',
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://x.example/a',
            type: ['Achievement'],
            name: 'Big',
            description: 'Big.',
            criteria: { narrative: 'Big.' },
          },
          result: results,
        },
        proof: {
          type: 'DataIntegrityProof',
          created: '2026-01-15T10:00:00Z',
          verificationMethod,
          cryptosuite: 'eddsa-rdfc-2022',
          proofPurpose: 'assertionMethod',
          proofValue: `z${base58btcEncode(randomBytes(64))}`,
        },
      };
      let verifyDone = false;
      const verify = fetch(`${server.url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: credential }),
      }).then(async (res) => {
        verifyDone = true;
        return { status: res.status, body: (await res.json()) as { verified: boolean } };
      });
      // Health checks one after another until the verification answers: many must come back first.
      let healthyBefore = 0;
      while (!verifyDone && healthyBefore < 25) {
        const res = await fetch(`${server.url}/healthz`);
        assert.equal(res.status, 200);
        await res.arrayBuffer();
        if (!verifyDone) healthyBefore++;
      }
      const answer = await verify;
      assert.ok(answer.status >= 400 && answer.status < 500, String(answer.status));
      assert.equal(answer.body.verified, false);
      assert.ok(
        healthyBefore >= 25,
        `only ${healthyBefore} health checks answered before the verification did`,
      );
    } finally {
      await server.stop();
    }
  });
});
