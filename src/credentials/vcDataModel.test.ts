import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { testApp } from '../testing/http.ts';
import { buildOrganisation } from '../testing/factories.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import { organisationDid } from './issuerIdentity.ts';
import { credentialModelProblems, isUrl, parseDateTime } from './vcDataModel.ts';

/*
 * One set of VC Data Model rules for both sides: what the issuer (POST /credentials/issue)
 * refuses for a data model rule, the verifier (POST /credentials/verify, its data_model check)
 * reports with the same code, and what one accepts the other accepts.
 */
type Json = Record<string, unknown>;
const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';
const SHA256 = `sha256-${Buffer.alloc(32).toString('base64')}`;

/** A credential with the given issuer, broken (or not) by `extra`. */
const v2 = (issuer: string, extra: Json = {}): Json => ({
  '@context': [V2, EXAMPLES],
  type: ['VerifiableCredential'],
  issuer,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:subject', name: 'Example' },
  ...extra,
});
const v11 = (issuer: string, extra: Json = {}): Json => ({
  '@context': [V1, { '@context': { name: 'https://schema.org/name' } }],
  type: ['VerifiableCredential'],
  issuer,
  issuanceDate: '2020-03-16T22:37:26Z',
  credentialSubject: { id: 'did:example:subject', name: 'Example' },
  ...extra,
});

/** Invalid credentials: [what, credential for an issuer, the one code both sides give]. */
const INVALID: Array<[string, (issuer: string) => Json, string]> = [
  ['no base context first', (i) => ({ ...v2(i), '@context': [EXAMPLES, V2] }), 'context_base_first'],
  [
    'a context URL with a space',
    (i) => v2(i, { '@context': [V2, 'https ://contexts.example/v1'] }),
    'context_item_invalid',
  ],
  [
    'an id with characters a URL may not hold',
    (i) => v2(i, { id: 'https://example.org/credentials/<1>' }),
    'id_not_url',
  ],
  ['an id that is not a URL', (i) => v2(i, { id: 'not a url' }), 'id_not_url'],
  [
    'no VerifiableCredential type',
    (i) => v2(i, { type: ['ExampleDegreeCredential'] }),
    'type_not_verifiable_credential',
  ],
  ['a number among the types', (i) => v2(i, { type: ['VerifiableCredential', 7] }), 'type_invalid'],
  ['issuer null', () => v2('', { issuer: null }), 'issuer_null'],
  ['issuer a number', () => v2('', { issuer: 42 }), 'issuer_not_url'],
  [
    'issuer object with a non-URL id',
    () => v2('', { issuer: { id: 'Example University' } }),
    'issuer_id_not_url',
  ],
  ['a name that is a number', (i) => v2(i, { name: 42 }), 'name_invalid'],
  [
    'a language object without @value',
    (i) => v2(i, { description: { '@language': 'en' } }),
    'description_invalid',
  ],
  ['no credentialSubject', (i) => v2(i, { credentialSubject: undefined }), 'credential_subject_missing'],
  [
    'an empty subject',
    (i) => v2(i, { credentialSubject: [{ id: 'did:example:s' }, {}] }),
    'credential_subject_empty',
  ],
  [
    'a subject id that is not a URL',
    (i) => v2(i, { credentialSubject: { id: 'Alex' } }),
    'credential_subject_id_not_url',
  ],
  [
    'credentialStatus without a type',
    (i) => v2(i, { credentialStatus: { id: 'https://example.org/status/1#3' } }),
    'credential_status_type_missing',
  ],
  [
    'termsOfUse without a type',
    (i) => v2(i, { termsOfUse: { id: 'https://example.org/terms' } }),
    'terms_of_use_type_missing',
  ],
  [
    'evidence as a string',
    (i) => v2(i, { evidence: ['https://example.org/evidence/1'] }),
    'evidence_not_object',
  ],
  [
    'refreshService without a type',
    (i) => v2(i, { refreshService: { id: 'https://example.org/refresh' } }),
    'refresh_service_type_missing',
  ],
  [
    'credentialSchema without an id',
    (i) => v2(i, { credentialSchema: { type: 'JsonSchema' } }),
    'credential_schema_id_not_url',
  ],
  ['validFrom without a time zone', (i) => v2(i, { validFrom: '2026-01-01T00:00:00' }), 'valid_from_invalid'],
  [
    'validFrom on a day February does not have',
    (i) => v2(i, { validFrom: '2026-02-30T00:00:00Z' }),
    'valid_from_invalid',
  ],
  [
    'validUntil before validFrom',
    (i) => v2(i, { validUntil: '2025-01-01T00:00:00Z' }),
    'validity_period_reversed',
  ],
  [
    'relatedResource without a digest',
    (i) => v2(i, { relatedResource: [{ id: 'https://example.org/a.png' }] }),
    'related_resource_digest_missing',
  ],
  [
    'relatedResource listed twice',
    (i) =>
      v2(i, {
        relatedResource: [
          { id: 'https://example.org/a.png', digestSRI: SHA256 },
          { id: 'https://example.org/a.png', digestSRI: SHA256 },
        ],
      }),
    'related_resource_duplicate',
  ],
  [
    'VC 1.1: an issuanceDate that is not a date',
    (i) => v11(i, { issuanceDate: 'March 2020' }),
    'issuance_date_invalid',
  ],
  [
    'VC 1.1: a refreshService without its id',
    (i) => v11(i, { refreshService: { type: 'ManualRefreshService2018' } }),
    'refresh_service_id_not_url',
  ],
];

/** Valid credentials both sides accept (VC 2.0 decisions: language objects, lists of them, offsets, equal dates). */
const VALID: Array<[string, (issuer: string) => Json]> = [
  ['the plain credential', (i) => v2(i)],
  [
    'a name as a language object, a description in several languages',
    (i) =>
      v2(i, {
        name: { '@value': 'Diplôme', '@language': 'fr', '@direction': 'ltr' },
        description: [
          { '@value': 'Degree', '@language': 'en' },
          { '@value': 'Grado', '@language': 'es' },
        ],
      }),
  ],
  [
    'validUntil the same instant as validFrom, in another zone',
    (i) => v2(i, { validFrom: '2026-05-01T10:00:00+02:00', validUntil: '2026-05-01T08:00:00Z' }),
  ],
  ['a leap day', (i) => v2(i, { validFrom: '2024-02-29T00:00:00Z' })],
  [
    'typed evidence and terms of use',
    (i) =>
      v2(i, {
        evidence: [{ type: ['ExampleEvidence'], id: 'https://example.org/evidence/1' }],
        termsOfUse: { type: 'ExampleTermsOfUse', id: 'https://example.org/terms' },
      }),
  ],
  [
    'a related resource with its digest',
    (i) =>
      v2(i, {
        relatedResource: [
          { id: 'https://www.w3.org/ns/credentials/v2', digestSRI: `sha384-${'A'.repeat(64)}` },
        ],
      }),
  ],
  ['VC 1.1 with a date without a zone', (i) => v11(i, { issuanceDate: '2020-03-16T22:37:26' })],
];

describe('the shared data model helpers', () => {
  test('URLs as VC 2.0 means them: absolute, parseable and without excluded characters', () => {
    for (const ok of [
      'https://example.org/a',
      'did:example:123',
      'urn:uuid:86294362-4254-4f36-854f-3952fe42555d',
      'did:web:example.org#key-1',
    ])
      assert.equal(isUrl(ok), true, ok);
    for (const bad of [
      'not a url',
      'https ://x.example',
      'https://exa mple.org',
      'https://example.org/<a>',
      'http://[::1',
      '/relative',
      42,
    ])
      assert.equal(isUrl(bad), false, String(bad));
  });

  test('date-times: a zone is required unless VC 1.1 allows none; days the month lacks are refused', () => {
    assert.equal(parseDateTime('2026-01-01T00:00:00Z'), Date.UTC(2026, 0, 1));
    assert.ok(Number.isNaN(parseDateTime('2026-01-01T00:00:00')));
    assert.equal(parseDateTime('2026-01-01T00:00:00', { zoneOptional: true }), Date.UTC(2026, 0, 1));
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
    ])
      assert.ok(Number.isNaN(parseDateTime(bad)), bad);
    assert.equal(parseDateTime('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
  });

  test('before issuing, what the issuer adds (issuer, VC 1.1 issuanceDate) may be missing; after, it must be there', () => {
    const { issuer: _i, ...noIssuer } = v2('did:example:issuer');
    const { issuanceDate: _d, ...undated } = v11('did:example:issuer');
    assert.deepEqual(credentialModelProblems(noIssuer, { beforeIssuing: true }), []);
    assert.deepEqual(
      credentialModelProblems(noIssuer).map((p) => p.code),
      ['issuer_missing'],
    );
    assert.deepEqual(
      credentialModelProblems(v2('', { issuer: { name: 'Example' } }), { beforeIssuing: true }),
      [],
    );
    assert.deepEqual(
      credentialModelProblems(v2('', { issuer: { name: 'Example' } })).map((p) => p.code),
      ['issuer_id_not_url'],
    );
    assert.deepEqual(credentialModelProblems(undated, { beforeIssuing: true }), []);
    assert.deepEqual(
      credentialModelProblems(undated).map((p) => [p.code, p.path]),
      [['issuance_date_missing', 'issuanceDate']],
    );
  });
});

for (const backend of testBackends()) {
  describe(`the issuer and the verifier agree on the data model (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const { token } = await createApiToken(
        { db: storage.db, clock: { now: () => new Date() } },
        { name: 'test', actor: { organisationId: org.id, userId: null, ip: null } },
      );
      const call = async (path: string, body: unknown) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Json };
      };
      /** The data model rules the issuer named when it refused (in order), or 'signed'. */
      const issuerSays = async (credential: Json): Promise<{ rules: string[]; vc?: Json }> => {
        const res = await call('/credentials/issue', { credential });
        if (res.status === 201) return { rules: [], vc: res.body.verifiableCredential as Json };
        const error = res.body.error as { code: string; fields?: Record<string, string> };
        assert.equal(
          error.code,
          'credential_invalid',
          `refused for another reason: ${JSON.stringify(res.body)}`,
        );
        return {
          rules: Object.values(error.fields ?? {}).map((m) => /\(rule: ([a-z0-9_]+)\)$/.exec(m)?.[1] ?? m),
        };
      };
      /** The verifier's data_model check: its code, or 'ok'. */
      const verifierSays = async (credential: Json): Promise<string> => {
        const res = await call('/credentials/verify', { verifiableCredential: credential });
        const check = (res.body.checks as Array<{ id: string; ok: boolean; code?: string }>).find(
          (c) => c.id === 'data_model',
        );
        assert.ok(check, `no data_model check: ${JSON.stringify(res.body)}`);
        return check.ok ? 'ok' : String(check.code);
      };
      return { issuerSays, verifierSays, did: organisationDid(config.publicUrl, org.slug) };
    }

    test('every credential the issuer refuses for a data model rule, the verifier reports with the same code', async () => {
      const { issuerSays, verifierSays, did } = await setup();
      for (const [what, make, code] of INVALID) {
        const credential = JSON.parse(JSON.stringify(make(did))) as Json;
        const issuer = await issuerSays(credential);
        assert.deepEqual(issuer.rules, [code], `${what}: the issuer`);
        assert.equal(await verifierSays(credential), code, `${what}: the verifier`);
      }
    });

    test('what the verifier finds conforming, the issuer signs, and what it signs still conforms', async () => {
      const { issuerSays, verifierSays, did } = await setup();
      for (const [what, make] of VALID) {
        const credential = make(did);
        assert.equal(await verifierSays(credential), 'ok', `${what}: the verifier`);
        const issued = await issuerSays(credential);
        assert.deepEqual(issued.rules, [], `${what}: the issuer`);
        assert.equal(await verifierSays(issued.vc!), 'ok', `${what}: the verifier, once signed`);
      }
    });

    test('the one difference: what an issuer fills in (issuer, VC 1.1 issuanceDate) is signed once filled in, and reported missing by the verifier', async () => {
      const { issuerSays, verifierSays, did } = await setup();
      const { issuer: _i, ...noIssuer } = v2(did);
      const { issuanceDate: _d, ...undated } = v11(did);
      for (const [credential, code] of [
        [noIssuer, 'issuer_missing'],
        [undated, 'issuance_date_missing'],
      ] as const) {
        assert.equal(await verifierSays(credential), code);
        const issued = await issuerSays(credential);
        assert.deepEqual(issued.rules, []);
        assert.equal(await verifierSays(issued.vc!), 'ok');
      }
    });
  });
}
