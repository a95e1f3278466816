import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testBackends } from '../../../testing/databases.ts';
import { testApp } from '../../../testing/http.ts';
import { buildOrganisation } from '../../../testing/factories.ts';
import { createApiToken } from '../../accounts/commands/createApiToken.ts';
import { credentialModelProblems } from '../../../credentials/vcDataModel.ts';

/*
 * Fuzzing the issuer (seeded: CAIRN_FUZZ_SEED to replay): arbitrary JSON and mutated valid
 * credentials sent to POST /credentials/issue. Never a 5xx, never an unhandled rejection, and
 * whatever is signed (201) follows the VC Data Model rules the issuer checks.
 */
const SEED = Number(process.env.CAIRN_FUZZ_SEED ?? 20261124);
type Json = Record<string, unknown>;
const V2 = 'https://www.w3.org/ns/credentials/v2';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
before(() => process.on('unhandledRejection', onUnhandled));
after(() => process.off('unhandledRejection', onUnhandled));

/** Valid credentials to mutate: a plain VC 2.0, one on the examples context, an Open Badge, a VC 1.1. */
const seeds: Json[] = [
  {
    '@context': [V2],
    type: ['VerifiableCredential'],
    credentialSubject: { id: 'did:example:subject', name: 'Example' },
  },
  {
    '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'],
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    validFrom: '2020-01-01T00:00:00Z',
    name: { '@value': 'Degree', '@language': 'en', '@direction': 'ltr' },
    evidence: [{ type: ['ExampleEvidence'] }],
    credentialSubject: { id: 'did:example:s', degree: { type: 'ExampleBachelorDegree', name: 'BSc' } },
  },
  {
    '@context': [V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Fuzzing',
    credentialSubject: {
      id: 'did:example:e',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://cairn.test/a/fuzz',
        type: ['Achievement'],
        name: 'Fuzz',
        description: 'Fuzz.',
        criteria: { narrative: 'Fuzz.' },
      },
    },
  },
  {
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      { '@context': { name: 'https://schema.org/name' } },
    ],
    type: ['VerifiableCredential'],
    issuanceDate: '2020-03-16T22:37:26.544Z',
    credentialSubject: { id: 'did:example:credentialSubject', name: 'Example' },
  },
];

function paths(node: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(node)) return [at, ...node.flatMap((v, i) => paths(v, [...at, i]))];
  if (node && typeof node === 'object')
    return [at, ...Object.entries(node).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}
function setAt(doc: Json, path: Array<string | number>, value: unknown): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return copy;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], copy) as Record<
    string | number,
    unknown
  >;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
    else delete parent[path.at(-1)!];
  } else parent[path.at(-1)!] = value;
  return copy;
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    null,
    '',
    {},
    [],
    [{}],
    'did:key:z6Mk',
    'https ://x',
    'urn:uuid:1',
    '2026-13-45T99:99:99Z',
    '2026-05-01T00:00:00',
    { '@value': 'x', '@language': 'en', extra: 1 },
    { '@id': 'urn:x' },
    { '@protected': true, VerifiableCredential: 'urn:x' },
    'https://unknown.example/context',
    { type: 'X' },
    [null],
    { '@context': null },
  ),
);
const key = fc.constantFrom(
  '@context',
  'id',
  'type',
  'issuer',
  'credentialSubject',
  'validFrom',
  'validUntil',
  'issuanceDate',
  'expirationDate',
  'credentialStatus',
  'termsOfUse',
  'evidence',
  'refreshService',
  'credentialSchema',
  'relatedResource',
  'name',
  'description',
  'proof',
  '@vocab',
  'undefinedTerm',
);

const mutated = fc
  .tuple(
    fc.nat({ max: seeds.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), oddValue, key), { minLength: 1, maxLength: 3 }),
  )
  .map(([which, edits]) => {
    let doc = seeds[which]!;
    for (const [pick, kind, value, name] of edits) {
      const all = paths(doc).filter((p) => p.length > 0);
      const path = all[pick % all.length]!;
      if (kind === 0)
        doc = setAt(doc, path, undefined); // remove a value
      else if (kind === 1)
        doc = setAt(doc, path, value); // replace it
      else if (kind === 2)
        doc = { ...doc, [name]: value }; // add or overwrite a top-level member
      else doc = setAt(doc, [...path.slice(0, -1), name], value); // add a member beside it
    }
    return doc;
  });

const backends = testBackends();
const runs = (n: number) => Math.ceil(n / backends.length);

for (const backend of backends) {
  describe(`issuer fuzzing (${backend.name}, seed ${SEED})`, () => {
    let issue: (body: unknown, raw?: string) => Promise<{ status: number; body: Json }>;

    before(async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Issuer Fuzz Council' });
      const { token } = await createApiToken(
        { db: storage.db, clock: { now: () => new Date() } },
        { name: 'fuzz', actor: { organisationId: org.id, userId: null, ip: null } },
      );
      issue = async (body, raw) => {
        const res = await app.request('/credentials/issue', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${token}`,
          },
          body: raw ?? JSON.stringify(body),
        });
        const text = await res.text();
        assert.ok(
          res.status < 500,
          `/credentials/issue answered ${res.status} to ${(raw ?? JSON.stringify(body)).slice(0, 400)}: ${text.slice(0, 300)}`,
        );
        return { status: res.status, body: JSON.parse(text) as Json };
      };
      // The seeds themselves issue (so refusals below are the mutations' doing).
      for (const seed of seeds)
        assert.equal((await issue({ credential: seed })).status, 201, JSON.stringify(seed));
    });

    test('arbitrary JSON as the body, the credential and the options: never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (value) => {
          await issue(undefined, JSON.stringify(value));
          await issue({ credential: value });
          await issue({ credential: seeds[0], options: value });
        }),
        { seed: SEED, numRuns: runs(150) },
      );
    });

    test('mutated valid credentials: never a 5xx, and what is signed follows the data model', async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated,
          fc.constantFrom<Json | undefined>(undefined, { format: 'jwt' }, { issuerIdentity: 'did:key' }),
          async (credential, options) => {
            const res = await issue({ credential, ...(options ? { options } : {}) });
            if (res.status !== 201) {
              assert.equal(
                typeof (res.body.error as { code?: unknown } | undefined)?.code,
                'string',
                'a refusal says why',
              );
              return;
            }
            const vc = res.body.verifiableCredential as Json;
            if (vc.type === 'EnvelopedVerifiableCredential') return;
            const { proof: _proof, ...unsigned } = vc;
            assert.deepEqual(
              credentialModelProblems(unsigned),
              [],
              `signed something invalid: ${JSON.stringify(vc).slice(0, 400)}`,
            );
          },
        ),
        { seed: SEED + 1, numRuns: runs(350) },
      );
    });

    test('no unhandled rejection', () => {
      assert.deepEqual(unhandled, []);
    });
  });
}
