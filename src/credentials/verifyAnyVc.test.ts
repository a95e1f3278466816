import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyCredential, type VerifierDeps } from './verifier.ts';
import { jsonldCanonicalizer } from './proofs/canonicalize.ts';
import { offlineDocumentLoader } from './documentLoader.ts';
import { generateEd25519 } from './ed25519.ts';
import { didKeyFor, resolveDidKey } from './didKey.ts';
import { signEddsaRdfc2022 } from './proofs/eddsaRdfc2022.ts';
import { emptyBitstring, encodeList, setBit } from './bitstringStatusList.ts';
import { referenceStack } from '../testing/referenceStack.ts';

/*
 * Cairn verifies any W3C Verifiable Credential, not only Open Badges: the VC 2.0
 * specification's own examples (signed here by a test did:key), VC 1.1 credentials signed by
 * Digital Bazaar's stack, and Bitstring Status List entries of every kind. The Open Badges checks
 * are a profile, deciding only for a credential that says it is a badge.
 */
type Json = Record<string, unknown>;
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
// The W3C's examples context, as published (the bundled loader may not carry it yet: given here).
const canonicalizer = jsonldCanonicalizer(
  offlineDocumentLoader(
    new Map([[EXAMPLES_V2, { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }]]),
  ),
);
const keys = generateEd25519();
const { did, verificationMethod } = didKeyFor(keys.publicKeyMultibase);
const sign = <T extends Json>(doc: T, created = '2026-01-01T00:00:00Z') =>
  signEddsaRdfc2022(doc, { privateKey: keys.privateKey, verificationMethod, created, canonicalizer });
const NOW = new Date('2026-06-01T00:00:00Z');
const lists = new Map<string, Json>();

function deps(over: Partial<VerifierDeps> = {}): VerifierDeps {
  return {
    canonicalizer,
    now: NOW,
    resolveKey: async (vm) => {
      if (!vm.startsWith('did:key:')) throw new Error(`unknown key ${vm}`);
      const doc = resolveDidKey(vm) as { controller: string; publicKeyMultibase: string };
      return { publicKeyMultibase: doc.publicKeyMultibase, controller: doc.controller };
    },
    loadStatusList: async (url) => {
      const list = lists.get(url);
      if (!list) throw new Error('not found (404)');
      return structuredClone(list);
    },
    ...over,
  };
}
const failed = (r: { checks: Array<{ ok: boolean; id: string; code?: string }> }) =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.id}:${c.code}`);

// The VC 2.0 Recommendation's examples (§2, §4), with the test key as issuer.
const example = (extra: Json = {}): Json => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_V2],
  id: 'http://university.example/credentials/3732',
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuer: did,
  validFrom: '2010-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' },
  },
  ...extra,
});
const SPEC_EXAMPLES: Array<[string, Json]> = [
  ['a simple example (§2)', example()],
  [
    'issuer as an object with names in several languages (§4.7, §11.1)',
    example({
      issuer: {
        id: did,
        name: [
          { '@value': 'Example University', '@language': 'en' },
          { '@value': "Université d'Exemple", '@language': 'fr' },
        ],
      },
      name: 'Example University Degree',
      description: { '@value': 'A degree', '@language': 'en' },
    }),
  ],
  [
    'validity period (§4.9)',
    example({ validFrom: '2010-01-01T19:23:24Z', validUntil: '2030-01-01T19:23:24-05:00' }),
  ],
  [
    'several subjects (§4.8)',
    example({
      credentialSubject: [
        {
          id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
          name: 'Jayden Doe',
          spouse: 'did:example:c276e12ec21ebfeb1f712ebc6f1',
        },
        {
          id: 'did:example:c276e12ec21ebfeb1f712ebc6f1',
          name: 'Morgan Doe',
          spouse: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
        },
      ],
    }),
  ],
  [
    'credentialSchema (§4.11)',
    example({
      credentialSchema: [
        { id: 'https://example.org/examples/degree.json', type: 'JsonSchema' },
        { id: 'https://example.org/examples/alumni.json', type: 'JsonSchema' },
      ],
    }),
  ],
  [
    'evidence (§5.6)',
    example({
      evidence: [
        {
          id: 'https://videoarchive.example/?v=Alpv9c7',
          type: ['Evidence'],
          name: 'Talk-Ex',
          description: 'A video of the talk.',
        },
      ],
    }),
  ],
  [
    'termsOfUse (§5.5)',
    example({
      termsOfUse: {
        type: 'TrustFrameworkPolicy',
        trustFramework: 'Employment&Ethics',
        policyId: 'https://policy.example/policies/125',
      },
    }),
  ],
  [
    'refreshService (§5.4)',
    example({
      refreshService: {
        type: 'VerifiableCredentialRefreshService2021',
        url: 'https://university.example/workflows/refresh-degree',
      },
    }),
  ],
];

describe('any W3C Verifiable Credential verifies, not only Open Badges', () => {
  for (const [name, doc] of SPEC_EXAMPLES) {
    test(`VC 2.0 specification: ${name}`, async () => {
      const report = await verifyCredential(await sign(doc), deps());
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.deepEqual(
        report.checks.map((c) => c.id),
        ['parse', 'data_model', 'issuer_key', 'proof', 'validity_window', 'status'],
      );
      // Measured against Open Badges, reported, and not deciding: it does not claim to be one.
      assert.deepEqual(
        report.profiles?.map((p) => [p.id, p.claimed, p.ok]),
        [['open-badges-3.0', false, false]],
      );
    });
  }

  test('invalid variants are refused, each by the data model check with its own code', async () => {
    const base = example();
    const variants: Array<[string, Json, string]> = [
      [
        'no base context first',
        { ...base, '@context': [EXAMPLES_V2, 'https://www.w3.org/ns/credentials/v2'] },
        'context_base_first',
      ],
      [
        'a number as a context',
        { ...base, '@context': ['https://www.w3.org/ns/credentials/v2', 42] },
        'context_item_invalid',
      ],
      [
        'no VerifiableCredential type',
        { ...base, type: ['ExampleDegreeCredential'] },
        'type_not_verifiable_credential',
      ],
      ['id that is not a URL', { ...base, id: 'not a url' }, 'id_not_url'],
      ['no issuer', { ...base, issuer: undefined }, 'issuer_missing'],
      ['issuer that is not a URL', { ...base, issuer: 'Example University' }, 'issuer_not_url'],
      [
        'issuer object without an id',
        { ...base, issuer: { name: 'Example University' } },
        'issuer_id_not_url',
      ],
      ['no credentialSubject', { ...base, credentialSubject: undefined }, 'credential_subject_missing'],
      [
        'an empty credentialSubject',
        { ...base, credentialSubject: [{ id: 'did:example:1', name: 'A' }, {}] },
        'credential_subject_empty',
      ],
      ['validFrom without a time zone', { ...base, validFrom: '2010-01-01T00:00:00' }, 'valid_from_invalid'],
      ['validFrom that is not a date', { ...base, validFrom: '1 January 2010' }, 'valid_from_invalid'],
      [
        'validUntil before validFrom',
        { ...base, validUntil: '2009-01-01T00:00:00Z' },
        'validity_period_reversed',
      ],
      [
        'credentialStatus without a type',
        { ...base, credentialStatus: { id: 'https://example.org/status/1#3' } },
        'credential_status_type_missing',
      ],
      [
        'credentialSchema without an id',
        { ...base, credentialSchema: { type: 'JsonSchema' } },
        'credential_schema_id_not_url',
      ],
      [
        'evidence without a type',
        { ...base, evidence: { id: 'https://example.org/evidence/1' } },
        'evidence_type_missing',
      ],
      [
        'termsOfUse without a type',
        { ...base, termsOfUse: { policyId: 'https://policy.example/1' } },
        'terms_of_use_type_missing',
      ],
      [
        'refreshService without a type',
        { ...base, refreshService: { url: 'https://example.org/refresh' } },
        'refresh_service_type_missing',
      ],
      ['name that is a number', { ...base, name: 42 }, 'name_invalid'],
    ];
    const signed = await sign(base);
    for (const [what, variant, code] of variants) {
      const doc = JSON.parse(JSON.stringify({ ...variant, proof: signed.proof })) as Json;
      const report = await verifyCredential(doc, deps());
      assert.equal(report.verified, false, what);
      const check = report.checks.find((c) => c.id === 'data_model');
      assert.equal(check?.code, code, `${what}: ${JSON.stringify(check)}`);
      assert.ok(check?.message && check.message.length > 10, what);
    }
  });

  test('JSON-LD is read in safe mode: a term no context defines is an error, never dropped', async () => {
    // Without @vocab, an undefined property cannot be signed or verified.
    const plain = {
      ...example(),
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        {
          ExampleDegreeCredential: 'https://example.org/ExampleDegreeCredential',
          degree: { '@id': 'https://example.org/degree', '@type': '@json' },
        },
      ],
    };
    const signed = await sign(plain);
    assert.equal((await verifyCredential(signed, deps())).verified, true);
    const report = await verifyCredential({ ...signed, nickname: 'undefined term' }, deps());
    const proof = report.checks.find((c) => c.id === 'proof');
    assert.equal(proof?.code, 'jsonld_invalid');
    assert.match(proof?.message ?? '', /"nickname" is not defined/);
    await assert.rejects(sign({ ...plain, nickname: 'x' }), /"nickname" is not defined/);
  });

  test('the Open Badges checks decide for a credential that says it is a badge', async () => {
    const ob = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:2f6c1e0e-5d0a-4b6f-9a57-1f2a9b3c4d5e',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: 'Council' },
      validFrom: '2026-01-15T10:00:00Z',
      name: 'Trauma-Informed Practice',
      credentialSubject: {
        id: 'did:example:t',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://council.example/a',
          type: ['Achievement'],
          name: 'TIP',
          description: 'Done.',
          criteria: { narrative: 'Did it.' },
        },
      },
    };
    const good = await verifyCredential(await sign(ob), deps());
    assert.equal(good.verified, true, JSON.stringify(good.checks));
    assert.deepEqual(
      good.checks.filter((c) => c.profile).map((c) => c.id),
      ['schema', 'ob3_fields'],
    );
    assert.deepEqual(good.profiles, [{ id: 'open-badges-3.0', claimed: true, ok: true }]);
    // The same badge without its achievement: a valid VC, but not the Open Badge it says it is.
    const noAchievement = await sign({
      ...ob,
      credentialSubject: { id: 'did:example:t', type: ['AchievementSubject'] },
    });
    const bad = await verifyCredential(noAchievement, deps());
    assert.equal(bad.verified, false);
    assert.deepEqual(failed(bad), ['schema:schema_invalid', 'ob3_fields:field_missing']);
    assert.equal(bad.profiles?.[0]?.ok, false);
  });

  test('a VC 1.1 credential signed by Digital Bazaar’s stack verifies (issuanceDate, expirationDate)', async () => {
    const reference = referenceStack(new Map());
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1', { alumniOf: 'https://schema.org/alumniOf' }],
      id: 'urn:uuid:7f2b1c3a-9d8e-4f6a-8b1c-2d3e4f5a6b7c',
      type: ['VerifiableCredential'],
      issuer: did,
      issuanceDate: '2026-01-01T00:00:00Z',
      expirationDate: '2027-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:alumna', alumniOf: 'Example University' },
    };
    const signed = (await reference.issue(
      credential,
      {
        id: verificationMethod,
        controller: did,
        publicKeyMultibase: keys.publicKeyMultibase,
        seed: keys.seed,
      },
      '2026-01-01T00:00:00Z',
    )) as Json;
    assert.equal(
      ((await reference.verify(signed)) as { verified: boolean }).verified,
      true,
      'the reference stack verifies its own',
    );
    const report = await verifyCredential(signed, deps());
    assert.equal(report.verified, true, JSON.stringify(report.checks));
    const later = await verifyCredential(signed, deps({ now: new Date('2027-06-01T00:00:00Z') }));
    assert.deepEqual(failed(later), ['validity_window:expired']);
    const early = await verifyCredential(signed, deps({ now: new Date('2025-06-01T00:00:00Z') }));
    assert.deepEqual(failed(early), ['validity_window:not_yet_valid']);
    // VC 1.1 requires issuanceDate.
    const { issuanceDate: _d, ...undated } = signed;
    assert.ok(failed(await verifyCredential(undated, deps())).includes('data_model:issuance_date_missing'));
  });

  test('Data Integrity proof options: purpose, created, expires', async () => {
    const signed = (await sign(example())) as Json & { proof: Json };
    for (const [proof, code] of [
      [{ ...signed.proof, proofPurpose: 'authentication' }, 'proof_purpose_mismatch'],
      [{ ...signed.proof, created: 'yesterday' }, 'proof_malformed'],
      [{ ...signed.proof, expires: '2026-02-01T00:00:00Z' }, 'proof_expired'],
      [{ ...signed.proof, verificationMethod: 'not a url' }, 'proof_malformed'],
    ] as const) {
      const report = await verifyCredential({ ...signed, proof }, deps());
      assert.equal(report.checks.find((c) => c.id === 'proof')?.code, code, JSON.stringify(report.checks));
    }
  });
});

describe('Bitstring Status List, complete', () => {
  const LIST = 'https://status.example/lists/';
  async function publishList(
    name: string,
    options: {
      purpose: string | string[];
      set?: Array<[number, number]>;
      size?: number;
      bits?: number;
      extra?: Json;
      statusSize?: number;
    },
  ) {
    let bits = emptyBitstring(options.bits ?? 131_072);
    for (const [index, value] of options.set ?? []) {
      const size = options.statusSize ?? 1;
      for (let b = 0; b < size; b++)
        bits = setBit(bits, index * size + b, ((value >> (size - 1 - b)) & 1) === 1);
    }
    const list = await sign(
      JSON.parse(
        JSON.stringify({
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: `${LIST}${name}`,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: did,
          validFrom: '2026-01-01T00:00:00Z',
          credentialSubject: {
            id: `${LIST}${name}#list`,
            type: 'BitstringStatusList',
            statusPurpose: options.purpose,
            encodedList: encodeList(bits),
          },
          ...options.extra,
        }),
      ) as Json,
    );
    lists.set(`${LIST}${name}`, list);
  }
  const entry = (name: string, index: number, purpose: string, extra: Json = {}) => ({
    id: `${LIST}${name}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: `${LIST}${name}`,
    ...extra,
  });
  const MESSAGES = [
    { status: '0x0', message: 'valid' },
    { status: '0x1', message: 'pending review' },
    { status: '0x2', message: 'under investigation' },
    { status: '0x3', message: 'withdrawn by the issuer' },
  ];
  const withStatus = async (credentialStatus: unknown) =>
    verifyCredential(await sign(example({ credentialStatus })), deps());

  test('statusSize 2 with statusMessage: each value reported with its message', async () => {
    await publishList('messages', {
      purpose: 'message',
      statusSize: 2,
      set: [
        [7, 1],
        [8, 2],
        [9, 3],
      ],
    });
    for (const [index, message] of [
      [6, 'valid'],
      [7, 'pending review'],
      [8, 'under investigation'],
      [9, 'withdrawn by the issuer'],
    ] as const) {
      const report = await withStatus(
        entry('messages', index, 'message', {
          statusSize: 2,
          statusMessage: MESSAGES,
          statusReference: 'https://status.example/explained',
        }),
      );
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.deepEqual(report.statuses, [
        {
          purpose: 'message',
          list: `${LIST}messages`,
          index,
          value: MESSAGES.findIndex((m) => m.message === message),
          message,
          references: ['https://status.example/explained'],
        },
      ]);
      assert.match(report.checks.find((c) => c.id === 'status')?.message ?? '', new RegExp(message));
    }
    // statusSize > 1 needs a message for each of its values.
    const report = await withStatus(
      entry('messages', 7, 'message', { statusSize: 2, statusMessage: MESSAGES.slice(0, 2) }),
    );
    assert.deepEqual(failed(report), ['status:status_malformed']);
    assert.deepEqual(failed(await withStatus(entry('messages', 7, 'message', { statusSize: 2 }))), [
      'status:status_malformed',
    ]);
  });

  test('several entries on one credential are each checked: revocation, suspension, refresh', async () => {
    await publishList('revocation', { purpose: 'revocation', set: [[5, 1]] });
    await publishList('suspension', { purpose: 'suspension', set: [[6, 1]] });
    await publishList('refresh', { purpose: 'refresh', set: [[3, 1]] });
    const clean = await withStatus([
      entry('revocation', 1, 'revocation'),
      entry('suspension', 1, 'suspension'),
      entry('refresh', 1, 'refresh'),
    ]);
    assert.equal(clean.verified, true, JSON.stringify(clean.checks));
    assert.deepEqual(
      clean.statuses?.map((s) => [s.purpose, s.value]),
      [
        ['revocation', 0],
        ['suspension', 0],
        ['refresh', 0],
      ],
    );
    // The second entry decides though the first is clear.
    assert.deepEqual(
      failed(await withStatus([entry('revocation', 1, 'revocation'), entry('suspension', 6, 'suspension')])),
      ['status:suspended'],
    );
    assert.deepEqual(
      failed(await withStatus([entry('suspension', 1, 'suspension'), entry('revocation', 5, 'revocation')])),
      ['status:revoked'],
    );
    // Refresh is news, not a failure.
    const refresh = await withStatus([entry('revocation', 1, 'revocation'), entry('refresh', 3, 'refresh')]);
    assert.equal(refresh.verified, true);
    assert.match(refresh.checks.find((c) => c.id === 'status')?.message ?? '', /newer version/);
  });

  test('the list itself: its purpose, its id, its validity period, its length, and the index range', async () => {
    await publishList('both', { purpose: ['revocation', 'suspension'], set: [[2, 1]] });
    assert.deepEqual(
      failed(await withStatus(entry('both', 2, 'suspension'))),
      ['status:suspended'],
      'a list may serve several purposes',
    );
    assert.deepEqual(
      failed(await withStatus(entry('revocation', 1, 'suspension'))),
      ['status:status_unverifiable'],
      'the purpose must match the list',
    );
    await publishList('moved', { purpose: 'revocation', extra: { id: `${LIST}elsewhere` } });
    assert.deepEqual(failed(await withStatus(entry('moved', 1, 'revocation'))), [
      'status:status_unverifiable',
    ]);
    await publishList('unnamed', { purpose: 'revocation', extra: { id: undefined } });
    assert.equal(
      (await withStatus(entry('unnamed', 1, 'revocation'))).verified,
      true,
      'the list id is optional',
    );
    await publishList('expired', { purpose: 'revocation', extra: { validUntil: '2026-03-01T00:00:00Z' } });
    assert.deepEqual(failed(await withStatus(entry('expired', 1, 'revocation'))), [
      'status:status_unverifiable',
    ]);
    await publishList('short', { purpose: 'revocation', bits: 1024 });
    assert.deepEqual(failed(await withStatus(entry('short', 1, 'revocation'))), [
      'status:status_list_too_short',
    ]);
    assert.deepEqual(failed(await withStatus(entry('revocation', 131_072, 'revocation'))), [
      'status:status_out_of_range',
    ]);
    assert.deepEqual(failed(await withStatus(entry('nowhere', 1, 'revocation'))), [
      'status:status_unavailable',
    ]);
    assert.deepEqual(
      failed(await withStatus({ ...entry('revocation', 1, 'revocation'), statusListIndex: 1 })),
      ['status:status_malformed'],
      'statusListIndex is text',
    );
    // A list changed after signing does not verify.
    const forged = structuredClone(lists.get(`${LIST}revocation`)!) as Json & { credentialSubject: Json };
    forged.credentialSubject.encodedList = encodeList(emptyBitstring());
    lists.set(`${LIST}forged`, { ...forged, id: `${LIST}forged` });
    assert.deepEqual(failed(await withStatus(entry('forged', 5, 'revocation'))), [
      'status:status_unverifiable',
    ]);
  });
});
