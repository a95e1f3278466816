import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { referenceStack } from '../../../testing/referenceStack.ts';
import { ManualClock, DAY } from '../../../domain/clock.ts';
import { issueCredential } from './issueCredential.ts';
import { changeCredentialStatus } from './changeCredentialStatus.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import { didDocumentFor, documentHash, publishStatusList } from '../../../signing/organisationSigner.ts';
import { rotateIssuerKey, revokeIssuerKey } from '../../../signing/issuerKeys.ts';
import { validateAchievementCredential } from '../../../credentials/schema.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { signEddsaRdfc2022 } from '../../../credentials/proofs/eddsaRdfc2022.ts';
import { ed25519FromSeed } from '../../../credentials/ed25519.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import type { Storage } from '../../../storage/database.ts';

const achievement = {
  id: 'https://cairn.test/achievements/classroom-routines',
  name: 'Classroom Routines',
  description: 'Designs and teaches routines that give students more time to learn.',
  criteria: {
    narrative:
      'Submit a lesson video, a routine plan and a reflection; a peer reviewer scores them against the rubric.',
  },
  achievementType: 'MicroCredential',
  creditsAvailable: 0.5,
  tag: ['classroom management'],
  alignment: [
    { targetName: 'InTASC Standard 3', targetUrl: 'https://ccsso.org/intasc/3', targetFramework: 'InTASC' },
  ],
};

const failed = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.code);

async function setup(storage: Storage) {
  const config = testConfig();
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const services = testCredentialServices();
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Riverside Educators’ Union' });
  const staff = await buildUser(storage.db);
  await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
  const deps = { db: storage.db, config, clock, credentials: services };
  const actor = { organisationId: org.id, userId: staff.id, ip: null };
  const verify = (input: string | Record<string, unknown>) =>
    verifyWithCairn(input, { db: storage.db, config, services, now: clock.now() });
  return { config, clock, services, org, deps, actor, verify };
}

for (const backend of testBackends()) {
  describe(`issuing and verifying credentials (${backend.name})`, () => {
    test('an issued credential is schema-valid, stored verbatim with its hash, and verifies (JSON and JWS)', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify, config, org } = await setup(storage);
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'Ada@Example.org' },
        achievement,
        creditsEarned: 0.5,
        licenseNumber: 'TX-1234',
        formats: ['ldp', 'jwt'],
        evidence: [{ id: 'https://cairn.test/evidence/1', narrative: 'Lesson video and reflection.' }],
      });
      const c = issued.credential as Record<string, unknown> & {
        credentialSubject: Record<string, unknown>;
        issuer: Record<string, unknown>;
      };
      assert.equal(c.issuer.id, organisationDid(config.publicUrl, org.slug));
      assert.deepEqual(validateAchievementCredential(c), { valid: true, errors: [] });
      const row = await storage.db
        .selectFrom('credentials')
        .selectAll()
        .where('public_id', '=', issued.publicId)
        .executeTakeFirstOrThrow();
      assert.equal(row.document, JSON.stringify(issued.credential));
      assert.equal(row.document_sha256, documentHash(row.document));
      assert.equal(row.recipient_email, 'ada@example.org');
      const identity = (c.credentialSubject.identifier as Array<Record<string, string>>)[0]!;
      assert.equal(identity.identityType, 'emailAddress');
      assert.match(identity.identityHash!, /^sha256\$[0-9a-f]{64}$/);

      const report = await verify(row.document);
      assert.deepEqual(failed(report), [], JSON.stringify(report.checks));
      assert.equal(report.verified, true);
      assert.deepEqual(
        report.checks.map((x) => x.id),
        ['parse', 'data_model', 'schema', 'ob3_fields', 'issuer_key', 'proof', 'validity_window', 'status'],
      );
      const jwtReport = await verify(issued.jwt!);
      assert.equal(jwtReport.format, 'jwt');
      assert.deepEqual(failed(jwtReport), []);
    });

    test('RS256 VC-JWTs for verifiers that only know RSA: key published in the DID document, verified', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify, config, org } = await setup(storage);
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'rsa@example.org' },
        achievement,
        formats: ['ldp', 'jwt-rs256'],
      });
      const header = JSON.parse(Buffer.from(issued.jwt!.split('.')[0]!, 'base64url').toString()) as {
        alg: string;
        kid: string;
      };
      assert.equal(header.alg, 'RS256');
      const did = await didDocumentFor(storage.db, config, org);
      const method = (
        did.verificationMethod as Array<{ id: string; type: string; publicKeyJwk?: { kty: string } }>
      ).find((m) => m.id === header.kid);
      assert.equal(method?.type, 'JsonWebKey');
      assert.equal(method?.publicKeyJwk?.kty, 'RSA');
      assert.deepEqual(failed(await verify(issued.jwt!)), []);
      const forged = issued.jwt!.replace(
        /\.[^.]+\./,
        `.${Buffer.from(JSON.stringify({ ...issued.credential, name: 'Forged' })).toString('base64url')}.`,
      );
      assert.ok(failed(await verify(forged)).includes('proof_invalid'));
      // The Ed25519 Data Integrity proof still verifies with the Digital Bazaar stack beside an RSA key.
      const reference = referenceStack(new Map([[organisationDid(config.publicUrl, org.slug), did]]));
      assert.equal((await reference.verify(issued.credential)).verified, true);
    });

    test('tampering with any signed field is detected', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify } = await setup(storage);
      const { credential } = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'bo@example.org' },
        achievement,
      });
      // Sets the value at a path of keys and array indexes in a copy of the credential.
      const tamper = (path: Array<string | number>, value: unknown | ((old: unknown) => unknown)) => {
        const copy = structuredClone(credential);
        let node = copy as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        const last = path.at(-1)!;
        if (value === undefined) delete node[last];
        else
          node[last] = typeof value === 'function' ? (value as (old: unknown) => unknown)(node[last]) : value;
        return verify(copy);
      };
      const cases: Record<string, [Array<string | number>, unknown]> = {
        'tampered-name': [['name'], 'Master Teacher'],
        'tampered-recipient': [
          ['credentialSubject', 'identifier', 0, 'identityHash'],
          `sha256$${'0'.repeat(64)}`,
        ],
        'tampered-valid-from': [['validFrom'], '2020-01-01T00:00:00Z'],
        'tampered-issuer-name': [['issuer', 'name'], 'Another Union'],
        'tampered-achievement': [
          ['credentialSubject', 'achievement', 'criteria', 'narrative'],
          'Nothing needed.',
        ],
        'tampered-credits': [['credentialSubject', 'achievement', 'creditsAvailable'], 5],
        'tampered-proof-value': [
          ['proof', 'proofValue'],
          (v: unknown) => `${String(v).slice(0, -2)}${String(v).endsWith('A') ? 'BB' : 'AA'}`,
        ],
        'tampered-proof-created': [['proof', 'created'], '2027-01-01T00:00:00Z'],
      };
      for (const [name, [path, value]] of Object.entries(cases)) {
        const report = await tamper(path, value);
        assert.equal(report.verified, false, name);
        assert.ok(
          failed(report).some((code) => code === 'proof_invalid' || code === 'proof_malformed'),
          `${name}: ${JSON.stringify(failed(report))}`,
        );
      }
      const otherIssuer = await tamper(['issuer', 'id'], 'did:web:evil.example');
      assert.ok(failed(otherIssuer).includes('issuer_mismatch'), JSON.stringify(failed(otherIssuer)));
      const noProof = await tamper(['proof'], undefined);
      assert.ok(failed(noProof).includes('proof_missing'));
      const garbage = await verify('not a credential');
      assert.deepEqual(failed(garbage), ['parse_failed']);
    });

    test('revoke, suspend and reinstate show in every verification', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify, services, config, clock } = await setup(storage);
      const a = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'a@example.org' },
        achievement,
      });
      const b = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'b@example.org' },
        achievement,
      });
      await assert.rejects(
        changeCredentialStatus(deps, {
          actor,
          organisationId: actor.organisationId,
          credential: a.publicId,
          action: 'revoke',
        }),
        /Say why/,
      );
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: a.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: b.publicId,
        action: 'suspend',
        reason: 'Under review',
      });
      assert.deepEqual(failed(await verify(a.credential)), ['revoked']);
      assert.deepEqual(failed(await verify(b.credential)), ['suspended']);
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: b.publicId,
        action: 'reinstate',
      });
      assert.deepEqual(failed(await verify(b.credential)), []);
      await assert.rejects(
        changeCredentialStatus(deps, {
          actor,
          organisationId: actor.organisationId,
          credential: a.publicId,
          action: 'reinstate',
        }),
        /permanent/,
      );
      // The published list credential is signed and carries the bit.
      const lists = await storage.db
        .selectFrom('status_lists')
        .select(['public_id', 'signed_document', 'size'])
        .where('organisation_id', '=', actor.organisationId)
        .execute();
      for (const l of lists) {
        await publishStatusList(storage.db, services, config, l.public_id, clock.now());
        assert.equal(l.size, 131072);
      }
      // No two credentials share a slot of one list (lists of other organisations reuse indexes).
      const indexes = await storage.db
        .selectFrom('status_entries')
        .select(['status_list_id', 'list_index'])
        .execute();
      assert.equal(new Set(indexes.map((i) => `${i.status_list_id}:${i.list_index}`)).size, indexes.length);
    });

    test('validity window follows the injected clock', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify, clock } = await setup(storage);
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'c@example.org' },
        achievement,
        validFrom: '2026-03-10T00:00:00Z',
        validUntil: '2027-03-10T00:00:00Z',
      });
      assert.deepEqual(failed(await verify(issued.credential)), ['not_yet_valid']);
      clock.advance(30 * DAY);
      assert.deepEqual(failed(await verify(issued.credential)), []);
      clock.advance(400 * DAY);
      assert.deepEqual(failed(await verify(issued.credential)), ['expired']);
    });

    test('key rotation keeps old badges valid; a revoked key invalidates what it signed', async () => {
      const storage = await backend.storage();
      const { deps, actor, verify, services, clock, config, org } = await setup(storage);
      const before = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'd@example.org' },
        achievement,
      });
      const oldKey = await storage.db
        .selectFrom('issuer_keys')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      await rotateIssuerKey(storage.db, org.id, services.vault, clock.now());
      const after = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'd@example.org' },
        achievement,
      });
      const vm = (x: Record<string, unknown>) =>
        (x.proof as { verificationMethod: string }).verificationMethod;
      assert.notEqual(vm(before.credential), vm(after.credential));
      assert.deepEqual(failed(await verify(before.credential)), []);
      const did = await didDocumentFor(storage.db, config, org);
      assert.equal((did.assertionMethod as string[]).length, 2);
      await revokeIssuerKey(storage.db, org.id, oldKey.public_id, 'laptop stolen', clock.now());
      assert.deepEqual(failed(await verify(before.credential)), ['key_revoked']);
      assert.deepEqual(failed(await verify(after.credential)), []);
      assert.equal((await didDocumentFor(storage.db, config, org)).assertionMethod instanceof Array, true);
    });

    test('the Digital Bazaar stack verifies Cairn credentials, and produces the very same proof', async () => {
      const storage = await backend.storage();
      const { deps, actor, services, config, org } = await setup(storage);
      const issued = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: 'e@example.org' },
        achievement,
      });
      const did = organisationDid(config.publicUrl, org.slug);
      const reference = referenceStack(new Map([[did, await didDocumentFor(storage.db, config, org)]]));
      const result = await reference.verify(issued.credential);
      assert.equal(result.verified, true, JSON.stringify(result.error ?? result.results));

      const key = await storage.db
        .selectFrom('issuer_keys')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      const seed = services.vault.open(key.private_key_encrypted);
      const { proof, ...unsigned } = issued.credential as Record<string, unknown> & {
        proof: { created: string; verificationMethod: string; proofValue: string };
      };
      const theirs = await reference.issue(
        structuredClone(unsigned),
        {
          id: proof.verificationMethod,
          controller: did,
          publicKeyMultibase: key.public_key_multibase!,
          seed,
        },
        proof.created,
      );
      assert.deepEqual(theirs, issued.credential, 'byte-identical document and proofValue');
      const ours = await signEddsaRdfc2022(unsigned, {
        privateKey: ed25519FromSeed(seed).privateKey,
        verificationMethod: proof.verificationMethod,
        created: proof.created,
        canonicalizer: services.canonicalizer,
      });
      assert.equal(JSON.stringify(ours), JSON.stringify(theirs));
    });
  });
}
