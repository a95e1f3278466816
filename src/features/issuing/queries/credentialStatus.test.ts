import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { DAY, ManualClock } from '../../../domain/clock.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { changeCredentialStatus } from '../commands/changeCredentialStatus.ts';
import { statusesOf } from './credentialStatus.ts';

for (const backend of testBackends()) {
  describe(`credential statuses from the status lists (${backend.name})`, () => {
    test('revoked beats suspended beats expired; valid_until only counts when given; nothing asked, nothing read', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, config: testConfig(), clock, credentials: testCredentialServices() };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const issue = (validUntil?: string) =>
        issueCredential(deps, {
          actor: actor,
          organisationId: actor.organisationId,
          recipient: { email: `${unique('s')}@example.org` },
          achievement: {
            id: `https://cairn.test/a/${unique('')}`,
            name: 'Status',
            description: 'd',
            criteria: { narrative: 'n' },
          },
          validUntil,
        });
      const [valid, revoked, suspended, expiring, revokedAndExpiring] = [
        await issue(),
        await issue(),
        await issue(),
        await issue('2026-04-01T00:00:00Z'),
        await issue('2026-04-01T00:00:00Z'),
      ];
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: revoked.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: suspended.publicId,
        action: 'suspend',
        reason: 'Under review',
      });
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: revokedAndExpiring.publicId,
        action: 'suspend',
        reason: 'Under review',
      });
      await changeCredentialStatus(deps, {
        actor,
        organisationId: actor.organisationId,
        credential: revokedAndExpiring.publicId,
        action: 'revoke',
        reason: 'Issued in error',
      });
      const rows = await storage.db
        .selectFrom('credentials')
        .select(['id', 'public_id', 'valid_until'])
        .where(
          'public_id',
          'in',
          [valid, revoked, suspended, expiring, revokedAndExpiring].map((c) => c.publicId),
        )
        .execute();
      const byPublicId = (statuses: Map<number, string>) =>
        Object.fromEntries(rows.map((r) => [r.public_id, statuses.get(r.id)]));

      assert.deepEqual(byPublicId(await statusesOf(storage.db, rows, clock.now())), {
        [valid.publicId]: 'valid',
        [revoked.publicId]: 'revoked',
        [suspended.publicId]: 'suspended',
        [expiring.publicId]: 'valid',
        [revokedAndExpiring.publicId]: 'revoked',
      });
      const later = new Date(clock.now().getTime() + 60 * DAY);
      assert.equal(
        (await statusesOf(storage.db, rows, later)).get(
          rows.find((r) => r.public_id === expiring.publicId)!.id,
        ),
        'expired',
      );
      // Without valid_until, only the status lists count.
      const idsOnly = await statusesOf(
        storage.db,
        rows.map((r) => ({ id: r.id })),
        later,
      );
      assert.equal(idsOnly.get(rows.find((r) => r.public_id === expiring.publicId)!.id), 'valid');
      assert.equal((await statusesOf(storage.db, [], later)).size, 0);
    });
  });
}
