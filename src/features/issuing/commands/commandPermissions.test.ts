import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { awardSetup, csvStream } from '../../../testing/awardFixtures.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import type { Storage } from '../../../storage/database.ts';
import type { ApiScope } from '../../../http/apiTokens.ts';
import type { ApiTokenActor, IssuingActor } from '../issuingActor.ts';
import { issueCredential } from './issueCredential.ts';
import { issueSuppliedCredential } from './issueSuppliedCredential.ts';
import { awardCredential } from './awardCredential.ts';
import { createAwardRun, mapAwardRun, requestDryRun, startAwardRun } from './bulkAward.ts';
import { changeCredentialStatus } from './changeCredentialStatus.ts';
import { changeManyCredentialStatuses } from './changeManyCredentialStatuses.ts';

// Every issuing command checks who acts itself, whoever calls it (route, job, CLI or another
// feature): a member of another organisation, an earner and a token without the scope are refused.

const token = (organisationId: number, scopes: ApiScope[]): ApiTokenActor => ({
  kind: 'token',
  userId: null,
  organisationId,
  tokenPublicId: 'tok_test',
  scopes,
  ip: null,
});

/** Refused as the command answers an outsider (not_found), a member without the role (forbidden) or a token without the scope. */
const refused = (code: 'not_found' | 'forbidden' | 'insufficient_scope') => (err: unknown) =>
  (err as { code?: string }).code === code;

async function setup(storage: Storage) {
  const s = await awardSetup(storage);
  const other = await buildOrganisation(storage.db, { kind: 'issuer' });
  const outsider = await buildUser(storage.db);
  await addMember(storage.db, other.id, outsider.id, ['owner']);
  const earner = await buildUser(storage.db);
  const reviewer = await buildUser(storage.db);
  await addMember(storage.db, s.org.id, reviewer.id, ['reviewer']);
  const staff = { userId: s.staff.id, ip: null };
  const issued = await awardCredential(s.deps, {
    actor: staff,
    organisationId: s.org.id,
    email: 'held@example.org',
    microCredential: s.mc.publicId,
  });
  /** Who must be refused, and how (the member of another organisation learns nothing). */
  const strangers = (scope: ApiScope): Array<[string, IssuingActor, ReturnType<typeof refused>]> => [
    ['a member of another organisation', { userId: outsider.id, ip: null }, refused('not_found')],
    ['an earner', { userId: earner.id, ip: null }, refused('not_found')],
    ['a reviewer of the organisation', { userId: reviewer.id, ip: null }, refused('forbidden')],
    [
      'a token without the scope',
      token(s.org.id, ['credentials:read', 'audit:read']),
      refused('insufficient_scope'),
    ],
    ['a token of another organisation', token(other.id, [scope]), refused('not_found')],
  ];
  return { ...s, staffActor: staff, issued, strangers };
}

const achievement = {
  id: 'https://cairn.test/a/permissions',
  name: 'Permissions',
  description: 'Checked by the command.',
  criteria: { narrative: 'Asked for.' },
};

for (const backend of testBackends()) {
  describe(`issuing commands check who acts (${backend.name})`, () => {
    test('issueCredential, awardCredential and issueSuppliedCredential', async () => {
      const s = await setup(await backend.storage());
      for (const [who, actor, check] of s.strangers('credentials:issue')) {
        await assert.rejects(
          issueCredential(s.deps, {
            actor,
            organisationId: s.org.id,
            recipient: { email: 'x@example.org' },
            achievement,
          }),
          check,
          `issueCredential: ${who}`,
        );
        await assert.rejects(
          awardCredential(s.deps, {
            actor,
            organisationId: s.org.id,
            email: 'x@example.org',
            microCredential: s.mc.publicId,
          }),
          check,
          `awardCredential: ${who}`,
        );
        await assert.rejects(
          issueSuppliedCredential(s.deps, {
            actor,
            organisationId: s.org.id,
            credential: { credentialSubject: { id: 'did:example:x' } },
          }),
          check,
          `issueSuppliedCredential: ${who}`,
        );
      }
      // The organisation's own token with the scope, and its issuing staff, may.
      const byToken = await awardCredential(s.deps, {
        actor: token(s.org.id, ['credentials:issue']),
        organisationId: s.org.id,
        email: 'token@example.org',
        microCredential: s.mc.publicId,
      });
      assert.match(byToken.publicId, /^cred_/);
      // Only Cairn's own jobs mark a claim accepted for an account.
      await assert.rejects(
        issueCredential(s.deps, {
          actor: s.staffActor,
          organisationId: s.org.id,
          recipient: { email: 'x@example.org' },
          achievement,
          acceptedByUserId: s.staff.id,
        }),
        refused('forbidden'),
      );
    });

    test('bulk awards: createAwardRun, mapAwardRun, requestDryRun and startAwardRun', async () => {
      const s = await setup(await backend.storage());
      const run = await createAwardRun(s.deps, {
        actor: s.staffActor,
        organisationId: s.org.id,
        microCredential: s.mc.publicId,
        fileName: 'roster.csv',
        source: csvStream('Email\nada@example.org\n'),
      });
      for (const [who, actor, check] of s.strangers('awards:run')) {
        await assert.rejects(
          createAwardRun(s.deps, {
            actor,
            organisationId: s.org.id,
            microCredential: s.mc.publicId,
            fileName: 'roster.csv',
            source: csvStream('Email\nbo@example.org\n'),
          }),
          check,
          `createAwardRun: ${who}`,
        );
        const mapping = { email: 'Email' };
        const address = { organisationId: s.org.id, run: run.publicId };
        await assert.rejects(
          mapAwardRun(s.deps, { actor, ...address, mapping }),
          check,
          `mapAwardRun: ${who}`,
        );
        await assert.rejects(
          requestDryRun(s.deps, { actor, ...address, mapping }),
          check,
          `requestDryRun: ${who}`,
        );
        await assert.rejects(startAwardRun(s.deps, { actor, ...address }), check, `startAwardRun: ${who}`);
      }
      const summary = await mapAwardRun(s.deps, {
        actor: token(s.org.id, ['awards:run']),
        organisationId: s.org.id,
        run: run.publicId,
        mapping: { email: 'Email' },
      });
      assert.equal(summary.valid, 1);
    });

    test('changeCredentialStatus and changeManyCredentialStatuses', async () => {
      const s = await setup(await backend.storage());
      for (const [who, actor, check] of s.strangers('credentials:status')) {
        await assert.rejects(
          changeCredentialStatus(s.deps, {
            actor,
            organisationId: s.org.id,
            credential: s.issued.publicId,
            action: 'suspend',
          }),
          check,
          `changeCredentialStatus: ${who}`,
        );
        await assert.rejects(
          changeManyCredentialStatuses(s.deps, {
            actor,
            organisationId: s.org.id,
            ids: [s.issued.publicId],
            action: 'suspend',
          }),
          check,
          `changeManyCredentialStatuses: ${who}`,
        );
      }
      // A token with credentials:issue only may issue, not change statuses.
      await assert.rejects(
        changeCredentialStatus(s.deps, {
          actor: token(s.org.id, ['credentials:issue']),
          organisationId: s.org.id,
          credential: s.issued.publicId,
          action: 'suspend',
        }),
        refused('insufficient_scope'),
      );
      await changeCredentialStatus(s.deps, {
        actor: token(s.org.id, ['credentials:status']),
        organisationId: s.org.id,
        credential: s.issued.publicId,
        action: 'suspend',
      });
      await changeCredentialStatus(s.deps, {
        actor: s.staffActor,
        organisationId: s.org.id,
        credential: s.issued.publicId,
        action: 'reinstate',
      });
    });
  });
}
