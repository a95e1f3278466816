import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { createApiToken } from '../../accounts/commands/createApiToken.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../../issuing/commands/changeCredentialStatus.ts';
import { systemActor } from '../../issuing/issuingActor.ts';
import { fillCredentialJwts } from '../../issuing/commands/fillCredentialJwts.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { activeSigningKey } from '../../../signing/issuerKeys.ts';
import { didKeyFor, resolveDidKey } from '../../../credentials/didKey.ts';
import { decodeMultikeyPublic, ed25519FromPublicBytes } from '../../../credentials/ed25519.ts';
import { verifyEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import { jsonldCanonicalizer } from '../../../credentials/proofs/canonicalize.ts';
import { decodeVcJwt, verifyVcJwtSignature } from '../../../credentials/vcJwt.ts';

/*
 * The issuer side of the W3C VC API against the VC Data Model 2.0 (and 1.1): the specification's
 * own examples issue and verify; what it calls invalid is refused with 400 naming the rule, and
 * nothing is signed or stored. Inputs follow the W3C test suites' fixtures.
 */
type Json = Record<string, unknown>;
const V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';
/**
 * What the issuer answers for in a verification report: the document parses, the key is the
 * issuer's, the proof verifies, and (when it has one) the status and dates check out. The
 * verifier's Open Badges checks (schema, ob3_fields) do not apply to plain VCs.
 */
function assertIssuerChecks(
  report: Json,
  ids = ['parse', 'data_model', 'issuer_key', 'proof', 'status', 'validity_window'],
) {
  const checks = report.checks as Array<{ id: string; ok: boolean; message: string }>;
  // The verifier takes any VC 2.0 / 1.1 credential: what Cairn signs, Cairn verifies whole.
  assert.equal(report.verified, true, JSON.stringify(checks.filter((c) => !c.ok)));
  for (const id of ids) {
    const check = checks.find((c) => c.id === id);
    if (check) assert.equal(check.ok, true, `${id}: ${check.message}`);
    else assert.notEqual(id, 'proof', 'the report has a proof check');
  }
}
const base = (extra: Json = {}): Json => ({
  '@context': [V2],
  type: ['VerifiableCredential'],
  credentialSubject: { id: 'did:example:subject' },
  ...extra,
});

for (const backend of testBackends()) {
  describe(`VC API issuer conformance (${backend.name})`, () => {
    async function setup() {
      const storage = await backend.storage();
      const { app, config, clock } = testApp(storage);
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
      const issue = (credential: unknown, options?: Json) =>
        call('/credentials/issue', { credential, ...(options ? { options } : {}) });
      const verify = (vc: unknown) => call('/credentials/verify', { verifiableCredential: vc });
      const stored = async () =>
        (
          await storage.db
            .selectFrom('credentials')
            .select('id')
            .where('organisation_id', '=', org.id)
            .execute()
        ).length;
      return {
        storage,
        app,
        config,
        clock,
        org,
        issue,
        verify,
        stored,
        did: organisationDid(config.publicUrl, org.slug),
      };
    }

    test('the VC 2.0 specification’s examples (examples context) issue and verify offline, with @language, @direction and language maps', async () => {
      const { issue, verify } = await setup();
      const examples: Json[] = [
        // Example 1 of VC 2.0, as the test suites send it (issuer filled in by the issuer).
        {
          '@context': [V2, EXAMPLES],
          id: 'http://university.example/credentials/3732',
          type: ['VerifiableCredential', 'ExampleDegreeCredential'],
          validFrom: '2010-01-01T00:00:00Z',
          credentialSubject: {
            id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
            degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' },
          },
        },
        // Names and descriptions as language value objects, with a base direction (§11.1).
        base({
          '@context': [V2, EXAMPLES],
          name: { '@value': 'Example University Credential', '@language': 'en', '@direction': 'ltr' },
          description: { '@value': 'شهادة جامعية', '@language': 'ar', '@direction': 'rtl' },
          credentialSubject: {
            id: 'did:example:s',
            alumniOf: { name: { '@value': 'École des exemples', '@language': 'fr' } },
          },
        }),
        // Several languages for one name.
        base({
          name: [
            { '@value': 'Dog', '@language': 'en' },
            { '@value': 'Chien', '@language': 'fr' },
            { '@value': 'Cane', '@language': 'it' },
          ],
        }),
        // A language map (the context declares @container: @language).
        base({
          '@context': [
            V2,
            { nameByLanguage: { '@id': 'https://schema.org/name', '@container': '@language' } },
          ],
          nameByLanguage: { en: 'Classroom management', fr: 'Gestion de classe', 'ar-EG': 'إدارة الفصل' },
        }),
        // Objects with their types: evidence, terms of use, refresh service, credential schema.
        base({
          '@context': [V2, EXAMPLES],
          evidence: [{ type: ['ExampleEvidence'], id: 'https://university.example/evidence/1' }],
          termsOfUse: { type: 'ExampleTermsOfUse', id: 'https://university.example/terms' },
          refreshService: { type: 'ExampleRefreshService', id: 'https://university.example/refresh' },
          credentialSchema: [{ id: 'https://university.example/schema.json', type: 'JsonSchema' }],
        }),
        // A related resource with its digest (form checked; not Cairn's own, so not fetched).
        base({
          relatedResource: [
            {
              id: 'https://www.w3.org/ns/credentials/v2',
              digestSRI: `sha384-${'A'.repeat(64)}`,
              mediaType: 'application/ld+json',
            },
          ],
        }),
        // Dates with a time zone offset and fractions of a second.
        base({ validFrom: '2020-05-01T10:00:00.250+02:00', validUntil: '2099-05-01T08:00:00.250Z' }),
      ];
      for (const example of examples) {
        const issued = await issue(example);
        assert.equal(
          issued.status,
          201,
          `${JSON.stringify(example).slice(0, 200)} → ${JSON.stringify(issued.body)}`,
        );
        const vc = issued.body.verifiableCredential as Json & { proof: { cryptosuite: string } };
        assert.equal(vc['@context'] && (vc['@context'] as string[])[0], V2);
        assert.equal(vc.proof.cryptosuite, 'eddsa-rdfc-2022');
        assertIssuerChecks((await verify(vc)).body);
      }
      // validUntil may equal validFrom (“the same or later”), written in another zone.
      assert.equal(
        (await issue(base({ validFrom: '2026-05-01T10:00:00+02:00', validUntil: '2026-05-01T08:00:00Z' })))
          .status,
        201,
      );
    });

    test('what VC 2.0 calls invalid is refused with 400 naming the rule, and nothing is signed or stored', async () => {
      const { issue, stored, did } = await setup();
      const cases: Array<[string, Json, string]> = [
        ['id: null', base({ id: null }), 'id_not_url'],
        ['id not a URL', base({ id: 'not a url' }), 'id_not_url'],
        ['issuer: null', base({ issuer: null }), 'issuer_null'],
        ['issuer object with id: null', base({ issuer: { id: null } }), 'issuer_id_not_url'],
        ['issuer a number', base({ issuer: 42 }), 'issuer_not_url'],
        [
          'credentialStatus without type',
          base({ credentialStatus: { id: 'https://example.org/status/1#3' } }),
          'credential_status_type_missing',
        ],
        [
          'termsOfUse without type',
          base({ termsOfUse: { id: 'https://example.org/terms' } }),
          'terms_of_use_type_missing',
        ],
        [
          'evidence without type',
          base({ evidence: [{ id: 'https://example.org/evidence/1' }] }),
          'evidence_type_missing',
        ],
        [
          'refreshService without type',
          base({ refreshService: { id: 'https://example.org/refresh' } }),
          'refresh_service_type_missing',
        ],
        [
          'credentialSchema without type',
          base({ credentialSchema: { id: 'https://example.org/schema.json' } }),
          'credential_schema_type_missing',
        ],
        [
          'credentialSchema without id',
          base({ credentialSchema: { type: 'JsonSchema' } }),
          'credential_schema_id_not_url',
        ],
        ['empty credentialSubject', base({ credentialSubject: {} }), 'credential_subject_empty'],
        [
          'an empty subject among others',
          base({ credentialSubject: [{ id: 'did:example:subject' }, {}] }),
          'credential_subject_empty',
        ],
        [
          'no credentialSubject',
          { '@context': [V2], type: ['VerifiableCredential'] },
          'credential_subject_missing',
        ],
        ['validFrom without a time zone', base({ validFrom: '2026-05-01T00:00:00' }), 'valid_from_invalid'],
        ['validFrom a date only', base({ validFrom: '2026-05-01' }), 'valid_from_invalid'],
        ['validUntil not a date', base({ validUntil: 'next year' }), 'valid_until_invalid'],
        [
          'validUntil before validFrom',
          base({ validFrom: '2026-05-02T00:00:00Z', validUntil: '2026-05-01T00:00:00Z' }),
          'validity_period_reversed',
        ],
        [
          'relatedResource as strings',
          base({ relatedResource: ['https://example.org/a.png'] }),
          'related_resource_not_object',
        ],
        [
          'relatedResource without id',
          base({ relatedResource: [{ digestSRI: `sha256-${Buffer.alloc(32).toString('base64')}` }] }),
          'related_resource_id_missing',
        ],
        [
          'relatedResource with duplicate ids',
          base({
            relatedResource: [
              {
                id: 'https://example.org/a.png',
                digestMultibase: `u${Buffer.from([0x12, 32, ...Buffer.alloc(32)]).toString('base64url')}`,
              },
              { id: 'https://example.org/a.png', digestSRI: `sha256-${Buffer.alloc(32).toString('base64')}` },
            ],
          }),
          'related_resource_duplicate',
        ],
        [
          'relatedResource without a digest',
          base({ relatedResource: [{ id: 'https://example.org/a.png' }] }),
          'related_resource_digest_missing',
        ],
        [
          'relatedResource with a malformed digest',
          base({ relatedResource: [{ id: 'https://example.org/a.png', digestSRI: 'md5-abc' }] }),
          'related_resource_digest_invalid',
        ],
        [
          '@context not starting with the VC 2.0 base',
          { ...base(), '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', V2] },
          'context_base_first',
        ],
        [
          'no @context',
          { type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:s' } },
          'context_missing',
        ],
        ['a context that is neither URL nor object', base({ '@context': [V2, 42] }), 'context_item_invalid'],
        [
          'a context URL with a space',
          base({ '@context': [V2, 'https ://not-a-url/contexts/example/v1'] }),
          'context_item_invalid',
        ],
        [
          'type without VerifiableCredential',
          base({ type: ['ExampleCredential'] }),
          'type_not_verifiable_credential',
        ],
        ['no type', { '@context': [V2], credentialSubject: { id: 'did:example:s' } }, 'type_missing'],
      ];
      for (const [what, credential, rule] of cases) {
        const res = await issue({ ...credential, ...('issuer' in credential ? {} : { issuer: did }) });
        assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
        const error = res.body.error as { code: string; message: string; fields: Record<string, string> };
        assert.equal(error.code, 'credential_invalid', what);
        assert.ok(
          Object.values(error.fields).some((m) => m.includes(`(rule: ${rule})`)),
          `${what}: expected rule ${rule} in ${JSON.stringify(error.fields)}`,
        );
        assert.match(error.message, /W3C Verifiable Credentials Data Model/);
      }
      assert.equal(await stored(), 0, 'nothing was signed or stored');
    });

    test('JSON-LD errors are 400 jsonld_invalid naming the term or context, never a 500', async () => {
      const { issue, stored } = await setup();
      const cases: Array<[string, Json, Record<string, string>]> = [
        ['an undefined term (safe mode)', base({ favouriteColour: 'teal' }), { term: 'favouriteColour' }],
        [
          'an extra property in a language value object',
          base({ name: { '@value': 'Example', '@language': 'en', url: 'did:example:credential' } }),
          { term: 'url' },
        ],
        [
          'an undefined type',
          base({ type: ['VerifiableCredential', 'UnmappedCredential'] }),
          { term: 'UnmappedCredential' },
        ],
        [
          'redefining a protected term',
          base({ '@context': [V2, { VerifiableCredential: 'https://example.org/#Hijacked' }] }),
          { term: 'VerifiableCredential' },
        ],
        [
          'redefining a term a context protects',
          base({
            '@context': [
              V2,
              { '@protected': true, ExampleVC: 'https://example.org/#A' },
              { ExampleVC: 'https://example.org/#B' },
            ],
            type: ['VerifiableCredential', 'ExampleVC'],
          }),
          { term: 'ExampleVC' },
        ],
        [
          'an unknown context (never fetched)',
          base({ '@context': [V2, 'https://contexts.example/unknown/v1'] }),
          { context: 'https://contexts.example/unknown/v1' },
        ],
        [
          'a type mapped to something that is not a URL',
          base({
            '@context': [V2, { ExampleTestCredential: 'https ://not-a-url#ExampleTestCredential' }],
            type: ['VerifiableCredential', 'ExampleTestCredential'],
          }),
          {},
        ],
        [
          'an @value object in the wrong place',
          base({ credentialSubject: { id: 'did:example:s', '@value': 3 } }),
          {},
        ],
      ];
      for (const [what, credential, details] of cases) {
        const res = await issue(credential);
        assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
        const error = res.body.error as { code: string; message: string; fields: Record<string, string> };
        assert.equal(error.code, 'jsonld_invalid', `${what}: ${JSON.stringify(error)}`);
        assert.match(error.message, /not valid JSON-LD/);
        for (const [k, v] of Object.entries(details))
          assert.equal(error.fields[k], v, `${what}: ${JSON.stringify(error.fields)}`);
      }
      assert.equal(await stored(), 0);
    });

    test('a VC 1.1 credential (the Data Integrity suite’s fixture) is signed as the Digital Bazaar issuer signs it; Cairn’s own stay VC 2.0', async () => {
      const { issue, verify, storage, org, config, clock } = await setup();
      const fixture = {
        '@context': [
          'https://www.w3.org/2018/credentials/v1',
          { '@context': { name: 'https://schema.org/name' } },
        ],
        id: 'urn:uuid:86294362-4254-4f36-854f-3952fe42555d',
        type: ['VerifiableCredential'],
        issuanceDate: '2020-03-16T22:37:26.544Z',
        credentialSubject: { id: 'did:example:credentialSubject', name: 'Example' },
      };
      // As the organisation's did:web: the contexts for the proof and the status entry are added.
      const asWeb = await issue(fixture);
      assert.equal(asWeb.status, 201, JSON.stringify(asWeb.body));
      const webVc = asWeb.body.verifiableCredential as Json;
      assert.deepEqual(webVc['@context'], [
        ...fixture['@context'],
        'https://w3id.org/security/data-integrity/v2',
        'https://www.w3.org/ns/credentials/status/v1',
      ]);
      assert.equal((webVc.credentialStatus as Json).type, 'BitstringStatusListEntry');
      assertIssuerChecks((await verify(webVc)).body, ['parse', 'issuer_key', 'proof', 'status']);
      // As its did:key: verifiable with nothing but the did:key.
      const issued = await issue(
        { ...fixture, id: 'urn:uuid:86294362-4254-4f36-854f-3952fe42555f' },
        { issuerIdentity: 'did:key' },
      );
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const vc = issued.body.verifiableCredential as Json & { proof: Json; issuer: string };
      assert.deepEqual(vc['@context'], [
        ...fixture['@context'],
        'https://w3id.org/security/data-integrity/v2',
      ]);
      assert.equal(vc.issuanceDate, fixture.issuanceDate);
      assert.equal(vc.validFrom, undefined, 'no VC 2.0 terms in a VC 1.1 document');
      assert.match(vc.issuer, /^did:key:z6Mk/);
      assert.equal(vc.proof.cryptosuite, 'eddsa-rdfc-2022');
      // The proof verifies with the did:key alone, offline (what any DI verifier does).
      const vm = resolveDidKey(String(vc.proof.verificationMethod)) as {
        publicKeyMultibase: string;
        controller: string;
      };
      assert.equal(vm.controller, vc.issuer);
      const { proof, ...rest } = vc;
      assert.deepEqual(
        await verifyEddsaRdfc2022(
          { ...rest, proof },
          proof,
          ed25519FromPublicBytes(decodeMultikeyPublic(vm.publicKeyMultibase)).publicKey,
          jsonldCanonicalizer(),
        ),
        { ok: true },
      );
      assertIssuerChecks((await verify(vc)).body, ['parse', 'issuer_key', 'proof']);
      assert.equal(
        vc.credentialStatus,
        undefined,
        'a did:key credential carries no status entry of did:web lists',
      );
      // A malformed issuanceDate is refused.
      const bad = await issue({
        ...fixture,
        id: 'urn:uuid:86294362-4254-4f36-854f-3952fe42555e',
        issuanceDate: 'March 2020',
      });
      assert.equal(bad.status, 400);
      assert.equal((bad.body.error as { code: string }).code, 'credential_invalid');
      // Cairn's own credentials are VC 2.0 / OB 3.0.
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const own = await issueCredential(
        { db: storage.db, clock, config, credentials: testCredentialServices() },
        {
          actor: { userId: staff.id, ip: null },
          organisationId: org.id,
          recipient: { email: 'vc11@example.org' },
          achievement: {
            id: 'https://cairn.test/a/vc11',
            name: 'Own',
            description: 'Own.',
            criteria: { narrative: 'Own.' },
          },
        },
      );
      assert.equal((own.credential['@context'] as string[])[0], V2);
      assert.ok(own.credential.validFrom);
    });

    test('did:key: the organisation issues as the did:key of its active Ed25519 key, by issuer id or option; verification stays offline', async () => {
      const { issue, verify, storage, org, did, config } = await setup();
      const key = await activeSigningKey(storage.db, org.id, testCredentialServices().vault, new Date());
      const keyDid = didKeyFor(key.row.public_key_multibase!);
      for (const request of [
        { credential: base({ issuer: keyDid.did }) },
        { credential: base(), options: { issuerIdentity: 'did:key' } },
        { credential: base({ issuer: { id: keyDid.did, name: 'Ignored' } }) },
      ]) {
        const issued = await issue(request.credential, request.options);
        assert.equal(issued.status, 201, JSON.stringify(issued.body));
        const vc = issued.body.verifiableCredential as Json & { proof: { verificationMethod: string } };
        assert.equal(vc.issuer, keyDid.did);
        assert.equal(vc.proof.verificationMethod, keyDid.verificationMethod);
        assert.equal(vc.credentialStatus, undefined);
        assertIssuerChecks((await verify(vc)).body);
      }
      // As a VC-JWT too (enveloped), its kid the did:key.
      const jwt = await issue(base(), { issuerIdentity: 'did:key', format: 'jwt' });
      assert.equal(jwt.status, 201, JSON.stringify(jwt.body));
      const jws = String((jwt.body.verifiableCredential as { id: string }).id).replace(
        'data:application/vc+jwt,',
        '',
      );
      assert.equal(decodeVcJwt(jws).header.kid, keyDid.verificationMethod);
      assert.equal(await verifyVcJwtSignature(jws, key.publicKey), true);
      // Another did:key, or RS256 with a did:key, is refused.
      const other = await issue(base({ issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }));
      assert.equal(other.status, 400);
      assert.match((other.body.error as { message: string }).message, /did:key of its active signing key/);
      assert.equal(
        (await issue(base(), { issuerIdentity: 'did:key', alg: 'RS256', format: 'jwt' })).status,
        400,
      );
      // Revoked here, Cairn's verifier says so (its own entries, though the document has none).
      const revocable = await issue(base({ id: 'urn:uuid:7d0c1c4e-4b1a-4e55-9d65-6c1a3f0b2a11' }), {
        issuerIdentity: 'did:key',
      });
      const row = await storage.db
        .selectFrom('credentials')
        .select('public_id')
        .where('organisation_id', '=', org.id)
        .where('credential_id', '=', 'urn:uuid:7d0c1c4e-4b1a-4e55-9d65-6c1a3f0b2a11')
        .executeTakeFirstOrThrow();
      await changeCredentialStatus(
        { db: storage.db, clock: { now: () => new Date() }, config },
        {
          actor: systemActor('test'),
          organisationId: org.id,
          credential: row.public_id,
          action: 'revoke',
          reason: 'Issued in error.',
        },
      );
      const afterRevocation = (await verify(revocable.body.verifiableCredential)).body;
      assert.equal(afterRevocation.verified, false);
      assert.equal(
        (afterRevocation.checks as Array<{ id: string; ok: boolean }>).find((c) => c.id === 'status')?.ok,
        false,
        JSON.stringify(afterRevocation.checks),
      );
      // The default stays did:web.
      const web = await issue(base());
      assert.equal((web.body.verifiableCredential as Json).issuer, did);
    });

    test('relatedResource pointing at this site: its digest is checked against what the site serves', async () => {
      const { issue, storage, org, config, clock } = await setup();
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const own = await issueCredential(
        { db: storage.db, clock, config, credentials: testCredentialServices() },
        {
          actor: { userId: staff.id, ip: null },
          organisationId: org.id,
          recipient: { email: 'related@example.org' },
          achievement: {
            id: 'https://cairn.test/a/related',
            name: 'Related',
            description: 'Related.',
            criteria: { narrative: 'Related.' },
          },
        },
      );
      const row = await storage.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', own.publicId)
        .executeTakeFirstOrThrow();
      const url = `${config.publicUrl}/badges/${own.publicId}/credential.json`;
      const sri = `sha384-${createHash('sha384').update(row.document).digest('base64')}`;
      const right = await issue(base({ relatedResource: [{ id: url, digestSRI: sri }] }));
      assert.equal(right.status, 201, JSON.stringify(right.body));
      const multibase = `u${Buffer.from([0x12, 32, ...createHash('sha256').update(row.document).digest()]).toString('base64url')}`;
      assert.equal(
        (await issue(base({ relatedResource: { id: url, digestMultibase: multibase } }))).status,
        201,
      );
      const wrong = await issue(
        base({
          relatedResource: [
            {
              id: url,
              digestSRI: `sha384-${createHash('sha384').update('something else').digest('base64')}`,
            },
          ],
        }),
      );
      assert.equal(wrong.status, 400);
      const error = wrong.body.error as { code: string; fields: Record<string, string> };
      assert.equal(error.code, 'credential_invalid');
      assert.match(
        error.fields['credential.relatedResource.0.digestSRI'] ?? '',
        /related_resource_digest_mismatch/,
      );
    });

    test('every badge has a VC-JWT: made at issue time, or by the backfill job from the stored credential (then kept), linked from its page', async () => {
      const { storage, app, org, config, clock, verify } = await setup();
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const awarded = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email: 'jwt@example.org' },
        achievement: {
          id: 'https://cairn.test/a/jwt',
          name: 'JWT',
          description: 'JWT.',
          criteria: { narrative: 'JWT.' },
        },
        formats: ['ldp'],
      });
      assert.ok(awarded.jwt, 'an award by email gets a VC-JWT without asking');
      const browser = new TestBrowser(app);
      assert.equal(
        await (await browser.get(`/badges/${awarded.publicId}/credential.jwt`)).text(),
        awarded.jwt,
      );
      assert.match(
        await (await browser.get(`/badges/${awarded.publicId}`)).text(),
        new RegExp(`href="/badges/${awarded.publicId}/credential.jwt"`),
      );
      // A credential stored without one (as badges issued before every badge had one): the download
      // never makes it (no write on GET) but says it is being prepared; the backfill job makes it.
      await storage.db
        .updateTable('credentials')
        .set({ jwt: null })
        .where('public_id', '=', awarded.publicId)
        .execute();
      const waiting = await browser.get(`/badges/${awarded.publicId}/credential.jwt`);
      assert.equal(waiting.status, 409);
      assert.equal(waiting.headers.get('retry-after'), '60');
      assert.match(await waiting.text(), /being prepared/);
      assert.ok(await fillCredentialJwts({ db: storage.db, vault: deps.credentials.vault }));
      const first = await browser.get(`/badges/${awarded.publicId}/credential.jwt`);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('content-type'), 'application/vc+jwt');
      const jws = await first.text();
      assert.equal(
        await (await browser.get(`/badges/${awarded.publicId}/credential.jwt`)).text(),
        jws,
        'the same text every time',
      );
      const kept = await storage.db
        .selectFrom('credentials')
        .select(['jwt', 'document'])
        .where('public_id', '=', awarded.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(kept.jwt, jws, 'stored');
      const { proof, ...unsigned } = JSON.parse(kept.document) as Json & {
        proof: { verificationMethod: string };
      };
      assert.equal(
        decodeVcJwt(jws).header.kid,
        proof.verificationMethod,
        'signed by the key that signed the proof',
      );
      assert.deepEqual(decodeVcJwt(jws).credential.credentialSubject, unsigned.credentialSubject);
      const verified = await verify(jws);
      assert.equal(verified.status, 200, JSON.stringify(verified.body.errors));
      assert.equal(verified.body.verified, true);
    });
  });
}
