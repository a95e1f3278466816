import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildClrCredential, validateClrCredential } from './clr.ts';

const ob = (id: string, achievement: string) => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:cairn.test:orgs:union', type: ['Profile'], name: 'Union' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: achievement,
      type: ['Achievement'],
      name: achievement,
      description: 'Did it.',
      criteria: { narrative: 'Do it.' },
    },
  },
});

describe('CLR 2.0 transcripts', () => {
  test('a ClrSubject gathers the credentials, their achievements (once each) and pathway associations', () => {
    const clr = buildClrCredential({
      issuer: { id: 'did:web:cairn.test:orgs:board', name: 'State Board' },
      name: 'Educator license transcript',
      validFrom: '2026-11-24T09:00:00Z',
      recipient: { email: 'maya@example.org', salt: 'pepper' },
      credentials: [
        ob('urn:uuid:1', 'https://cairn.test/catalog/a/v/1'),
        ob('urn:uuid:2', 'https://cairn.test/catalog/a/v/1'),
        ob('urn:uuid:3', 'https://cairn.test/pathways/u/cm'),
      ],
      associations: [
        {
          associationType: 'isChildOf',
          sourceId: 'https://cairn.test/catalog/a/v/1',
          targetId: 'https://cairn.test/pathways/u/cm',
        },
      ],
    });
    assert.deepEqual(clr.type, ['VerifiableCredential', 'ClrCredential']);
    assert.deepEqual((clr['@context'] as string[]).slice(0, 2), [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    ]);
    const subject = clr.credentialSubject as {
      type: string[];
      verifiableCredential: unknown[];
      achievement: Array<{ id: string }>;
      association: Array<Record<string, string>>;
      identifier: Array<{ identityHash: string }>;
    };
    assert.deepEqual(subject.type, ['ClrSubject']);
    assert.equal(subject.verifiableCredential.length, 3);
    assert.deepEqual(
      subject.achievement.map((a) => a.id),
      ['https://cairn.test/catalog/a/v/1', 'https://cairn.test/pathways/u/cm'],
    );
    assert.deepEqual(subject.association, [
      {
        type: 'Association',
        associationType: 'isChildOf',
        sourceId: 'https://cairn.test/catalog/a/v/1',
        targetId: 'https://cairn.test/pathways/u/cm',
      },
    ]);
    assert.match(subject.identifier[0]!.identityHash, /^sha256\$[0-9a-f]{64}$/);
    assert.deepEqual(validateClrCredential(clr), { valid: true, errors: [] });
  });

  test('validation names what a ClrCredential lacks', () => {
    const clr = buildClrCredential({
      issuer: { id: 'did:web:x', name: 'X' },
      name: 'T',
      validFrom: '2026-01-01T00:00:00Z',
      recipient: { did: 'did:example:1' },
      credentials: [ob('urn:uuid:1', 'urn:a')],
    });
    const broken = {
      ...clr,
      credentialSubject: {
        type: ['ClrSubject'],
        id: 'did:example:1',
        verifiableCredential: [],
        association: [
          { type: 'Association', associationType: 'isCousinOf', sourceId: 'urn:a', targetId: 'urn:b' },
        ],
      },
    };
    const result = validateClrCredential(broken);
    assert.equal(result.valid, false);
    assert.ok(result.errors.some((e) => /verifiableCredential must hold at least one/.test(e)));
    assert.ok(result.errors.some((e) => /association\/0/.test(e)));
    assert.throws(
      () =>
        buildClrCredential({
          issuer: { id: 'did:web:x', name: 'X' },
          name: 'T',
          validFrom: '2026-01-01T00:00:00Z',
          recipient: {},
          credentials: [],
        }),
      /learner/,
    );
  });

  test('the official CLR 2.0 JSON Schema decides: the 1EdTech vector passes; what only the schema requires is caught', () => {
    const vector = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../test/vectors/1edtech/clrv2p0/test-vector.json'),
        'utf8',
      ),
    ) as { signedCredential: Record<string, unknown>; unsignedCredential: Record<string, unknown> };
    assert.deepEqual(validateClrCredential(vector.signedCredential), { valid: true, errors: [] });
    assert.deepEqual(validateClrCredential(vector.unsignedCredential), { valid: true, errors: [] });
    // An achievement without description or criteria, and a gathered credential without issuer
    // or validFrom: the data-model checks alone let these through; the schema does not.
    const thin = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:9',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: 'urn:a', type: ['Achievement'], name: 'A' },
      },
    };
    const clr = buildClrCredential({
      issuer: { id: 'did:web:x', name: 'X' },
      name: 'T',
      validFrom: '2026-01-01T00:00:00Z',
      recipient: { did: 'did:example:1' },
      credentials: [thin],
    });
    const result = validateClrCredential(clr);
    assert.equal(result.valid, false);
    assert.ok(
      result.errors.some((e) =>
        /achievement\/0 must have required property 'criteria' \(CLR 2.0 schema\)/.test(e),
      ),
      result.errors.join('\n'),
    );
    assert.ok(
      result.errors.some((e) => /verifiableCredential\/0 must have required property 'issuer'/.test(e)),
    );
    assert.ok(
      result.errors.some((e) => /verifiableCredential\/0 must have required property 'validFrom'/.test(e)),
    );
  });
});
