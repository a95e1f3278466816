import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm } from '../../../web/forms.tsx';
import { renderIn } from '../../../web/i18n/catalogueCheck.tsx';
import { translator } from '../../../web/i18n/i18n.ts';
import { verifyCredential, type VerifierDeps } from '../../../credentials/verifier.ts';
import { fastCanonicalizer } from '../../../credentials/proofs/fastCanonicalizer.ts';
import { generateEd25519 } from '../../../credentials/ed25519.ts';
import { didKeyFor } from '../../../credentials/didKey.ts';
import { checkMessages, checkText, detail } from '../../../credentials/checkMessages.ts';
import { failedCheck } from '../../../credentials/verificationReport.ts';
import { verifyResultModel, type VerifyResultModel } from './verifyResult.ts';
import { VerifyView } from './verifyView.tsx';

// What the verifier says about each check reaches the reader in the reader's language: the
// engine's checks carry message keys and values, the page words them from the catalogue.

const key = generateEd25519();
const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);

function deps(status: 'revoked' | 'suspended'): VerifierDeps {
  return {
    canonicalizer: fastCanonicalizer(),
    now: new Date('2026-06-01T12:00:00Z'),
    resolveKey: async () => ({ publicKeyMultibase: key.publicKeyMultibase, controller: did }),
    loadStatusList: async () => Promise.reject(new Error('no status lists here')),
    extraStatus: async () => status,
  };
}

const base = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:6c1b4a52-0000-4000-8000-000000000001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: did, type: ['Profile'], name: 'Council' },
  name: 'Badge',
};
const proof = (cryptosuite: string) => ({
  type: 'DataIntegrityProof',
  cryptosuite,
  created: '2026-01-01T00:00:00Z',
  verificationMethod,
  proofPurpose: 'assertionMethod',
  proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiPnVP3QgYbPXNxEV',
});

/** Not yet valid, no achievement, too many proofs, suspended. */
const early = {
  ...base,
  validFrom: '2030-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:earner', type: ['AchievementSubject'] },
  proof: Array.from({ length: 9 }, () => proof('eddsa-rdfc-2022')),
};
/** Expired, signed with a cryptosuite this verifier does not check, revoked. */
const late = {
  ...base,
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2026-03-15T00:00:00Z',
  credentialSubject: {
    id: 'did:example:earner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'urn:uuid:1',
      type: ['Achievement'],
      name: 'A',
      description: 'D',
      criteria: { narrative: 'N' },
    },
  },
  proof: proof('ecdsa-rdfc-2019'),
};

async function model(credential: Record<string, unknown>, status: 'revoked' | 'suspended') {
  const report = await verifyCredential(credential, deps(status));
  return { report, model: verifyResultModel(report, 'json', 'https://cairn.test') };
}

const page = (locale: 'en' | 'es', result: VerifyResultModel) =>
  renderIn(locale, <VerifyView form={emptyForm} csrf="csrf" result={result} />);

const byId = (result: VerifyResultModel, id: string) => result.checks.find((c) => c.id === id);

describe('the verifier’s specifics on /verify', () => {
  test('a Spanish reader reads each failing check’s specifics in Spanish, and none of the engine’s English', async () => {
    for (const [credential, status] of [
      [early, 'suspended'],
      [late, 'revoked'],
    ] as const) {
      const { report, model: result } = await model(credential, status);
      const es = page('es', result);
      for (const check of report.checks.filter((c) => c.message && c.details?.every((d) => !d.quoted)))
        assert.ok(!es.includes(check.message!), `no English: ${check.message}`);
      if (credential === early) {
        assert.equal(byId(result, 'ob3_fields')?.code, 'field_missing');
        assert.ok(es.includes('Falta: credentialSubject.achievement.'), 'the missing field, named');
        assert.equal(byId(result, 'validity_window')?.code, 'not_yet_valid');
        assert.ok(es.includes('Válida desde el 1 ene 2030.'), 'the date, the Spanish way');
        assert.equal(byId(result, 'proof')?.code, 'too_many_proofs');
        assert.ok(
          es.includes('La credencial lleva 9 pruebas; se comprueban como mucho 8'),
          'the proof limit',
        );
        assert.ok(
          es.includes('El emisor suspendió esta credencial.'),
          'El emisor suspendió esta credencial.',
        );
      } else {
        assert.equal(byId(result, 'validity_window')?.code, 'expired');
        assert.ok(es.includes('Caducó el 15 mar 2026.'), 'the expiry date, the Spanish way');
        assert.equal(byId(result, 'proof')?.code, 'proof_malformed');
        assert.ok(es.includes('Prueba no admitida: DataIntegrityProof/ecdsa-rdfc-2019.'), 'the cryptosuite');
        assert.ok(es.includes('El emisor revocó esta credencial.'), 'El emisor revocó esta credencial.');
      }
    }
  });

  test('an English reader reads what the VC API says, worded the same', async () => {
    const { report, model: result } = await model(late, 'revoked');
    const en = page('en', result);
    assert.ok(en.includes('Expired Mar 15, 2026.'), 'Expired Mar 15, 2026.');
    assert.ok(
      en.includes('Unsupported proof DataIntegrityProof/ecdsa-rdfc-2019.'),
      'Unsupported proof DataIntegrityProof/ecdsa-rdfc-2019.',
    );
    const window = report.checks.find((c) => c.id === 'validity_window')!;
    assert.equal(window.message, 'Expired 2026-03-15T00:00:00Z');
    assert.deepEqual(window.details, [{ key: 'expiredOn', values: { date: '2026-03-15T00:00:00Z' } }]);
    const early_ = await model(early, 'suspended');
    const fields = early_.report.checks.find((c) => c.id === 'ob3_fields')!;
    assert.equal(fields.message, 'Missing: credentialSubject.achievement');
    assert.ok(
      page('en', early_.model).includes('Missing: credentialSubject.achievement.'),
      'Missing: credentialSubject.achievement.',
    );
  });

  test('transcript and presentation limits, and several missing fields, with plurals and lists', () => {
    const result: VerifyResultModel = {
      verdict: 'failed',
      verified: false,
      readFrom: { format: 'json', proof: 'ldp' },
      genericVc: false,
      summary: [],
      checks: [
        failedCheck('embedded', 'embedded_too_many', detail('embeddedTooMany', { max: 200, count: 1234 })),
        failedCheck(
          'embedded',
          'embedded_invalid',
          detail('innerFailedNamed', {
            index: 2,
            name: 'Algebra',
            codes: ['proof_invalid', 'expired'],
            checks: ['proof', 'validity_window'],
          }),
        ),
        failedCheck('ob3_fields', 'field_missing', detail('missingFields', { fields: ['name', 'criteria'] })),
        failedCheck(
          'presentation_proof' as 'proof',
          'too_many_proofs',
          detail('presentationTooManyProofs', { count: 1, max: 8 }),
        ),
        failedCheck(
          'proof',
          'proof_malformed',
          detail('proofAt', {
            proof: 2,
            proofs: 3,
            text: detail('unsupportedProof', { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023' }),
          }),
        ),
      ].map((c) => ({ id: c.id, ok: c.ok, code: c.code ?? null, details: c.details ?? [] })),
    };
    const es = page('es', result);
    assert.ok(
      es.includes(
        'Un expediente puede llevar como mucho 200 credenciales para verificar aquí; este lleva 1234.',
      ),
      'Un expediente puede llevar como mucho 200 credenciales para ',
    );
    assert.ok(
      es.includes('La n.º 2 (Algebra) falla en: Firma y Fechas.'),
      'the failed checks by their Spanish titles',
    );
    assert.ok(es.includes('Falta: name y criteria.'), 'a Spanish list');
    assert.ok(es.includes('La presentación lleva 1 prueba; se comprueban como mucho 8.'), 'the singular');
    assert.ok(
      es.includes('Prueba 2 de 3: Prueba no admitida: DataIntegrityProof/bbs-2023.'),
      'Prueba 2 de 3: Prueba no admitida: DataIntegrityProof/bbs-20',
    );
    const en = page('en', result);
    assert.ok(en.includes('Missing: name and criteria.'), 'Missing: name and criteria.');
    assert.ok(en.includes('#2 (Algebra) Signature and Dates.'), 'the failed checks by their titles');
  });

  test('the engine’s English is the catalogue’s English, value for value', () => {
    const t = translator('en').t;
    const values = {
      kind: 'PNG',
      url: 'https://example.org/x',
      count: 12345,
      max: 8,
      min: 131072,
      date: '2026-01-01T00:00:00Z',
      field: 'validFrom',
      key: 'did:key:z6Mk#z6Mk',
      issuer: 'did:web:example.org',
      holder: 'did:example:holder',
      owner: 'https://example.org/issuer',
      proof: 1,
      proofs: 2,
      index: 3,
      name: 'Algebra',
      purpose: 'revocation',
      expected: 'assertionMethod',
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      listId: 'https://example.org/other',
      value: '0x2',
      step: 'status',
      what: 'issuer',
      code: 'proof_invalid',
      fields: 'name, criteria',
      ids: 'urn:a',
      types: 'X',
      purposes: 'suspension',
      codes: 'proof_invalid',
      text: 'It is not a URL',
      open: '{',
      close: '}',
    } as const;
    for (const key of Object.keys(checkMessages) as (keyof typeof checkMessages)[]) {
      const { fields, ids, types, purposes, codes, text: _text, open: _o, close: _c, ...rest } = values;
      const engine = checkText(key, {
        ...rest,
        kind: 'PNG',
        step: 'status',
        what: 'issuer',
        fields: fields.split(', '),
        ids: [ids],
        types: [types],
        purposes: [purposes],
        codes: [codes],
        text: detail('verificationMethodNotUrl'),
      });
      const catalogue = t(`verification.checkDetails.${key}`, {
        ...values,
        text: 'Its verificationMethod is not a URL',
      });
      assert.equal(engine, catalogue, key);
    }
  });
});
