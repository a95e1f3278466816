import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { testConfig } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { ManualClock, DAY } from '../../../domain/clock.ts';
import { createMicroCredential } from '../../catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../../catalog/commands/publishDraft.ts';
import { updateDraft } from '../../catalog/commands/updateDraft.ts';
import { applyForMicroCredential } from './applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from './submitEvidence.ts';
import { sweepApplications } from './sweepApplications.ts';

for (const backend of testBackends()) {
  describe(`deadlines, reminders and reassignment (${backend.name})`, () => {
    test('reminders 30, 7 and 1 days ahead (once each), expiry at the deadline, re-applying, stale reviews reassigned', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date('2026-01-01T12:00:00Z'));
      const deps = { db: storage.db, clock, config: testConfig({ REVIEW_TURNAROUND_DAYS: '14' }) };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, r1, r2, earner, second] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, r1.id, ['reviewer']);
      await addMember(storage.db, org.id, r2.id, ['reviewer']);
      const actor = { userId: designer.id, ip: null };
      const { publicId: mc } = await createMicroCredential(deps, {
        actor: actor,
        orgSlug: org.slug,
        title: `Deadlines ${unique('')}`,
      });
      await updateDraft(deps, {
        actor: actor,
        orgSlug: org.slug,
        microCredentialId: mc,
        ...completeDesign('Deadlines', {
          applicationWindowMonths: 2,
          evidenceParts: [{ prompt: 'Reflection', kind: 'text', required: true }],
        }),
      });
      await publishDraft(deps, { actor: actor, orgSlug: org.slug, microCredentialId: mc });
      const { publicId: app, deadline } = await applyForMicroCredential(deps, {
        actor: { userId: earner.id, ip: null },
        microCredential: mc,
      });
      assert.equal(deadline.toISOString(), '2026-03-01T12:00:00.000Z', 'two months');
      const mails = async () =>
        (
          await storage.db
            .selectFrom('mail_outbox')
            .select('subject')
            .where('to_address', '=', earner.email)
            .where('template', '=', 'deadline_reminder')
            .orderBy('id')
            .execute()
        ).map((m) => m.subject);

      await sweepApplications(deps);
      assert.deepEqual(await mails(), []);
      clock.set(new Date(deadline.getTime() - 29 * DAY));
      await sweepApplications(deps);
      await sweepApplications(deps);
      assert.equal((await mails()).length, 1, 'the 30-day reminder, once');
      clock.set(new Date(deadline.getTime() - 6.5 * DAY));
      await sweepApplications(deps);
      clock.set(new Date(deadline.getTime() - 0.5 * DAY));
      await sweepApplications(deps);
      await sweepApplications(deps);
      assert.deepEqual(
        (await mails()).map((s) => s.split(' ').slice(0, 2).join(' ')),
        ['30 days', '7 days', '1 day'],
      );

      await saveEvidence(deps, {
        actor: { userId: earner.id, ip: null },
        application: app,
        part: 0,
        value: 'My reflection, kept even if it expires.',
      });
      clock.set(new Date(deadline.getTime() + 1000));
      assert.equal((await sweepApplications(deps)).expired, 1);
      const expired = await storage.db
        .selectFrom('applications')
        .select(['status', 'id'])
        .where('public_id', '=', app)
        .executeTakeFirstOrThrow();
      assert.equal(expired.status, 'expired');
      assert.equal(
        (
          await storage.db
            .selectFrom('evidence_items')
            .select('text_value')
            .where('application_id', '=', expired.id)
            .executeTakeFirstOrThrow()
        ).text_value,
        'My reflection, kept even if it expires.',
      );
      await assert.rejects(
        submitApplication(deps, { actor: { userId: earner.id, ip: null }, application: app }),
        /cannot be submitted/,
      );
      const again = await applyForMicroCredential(deps, {
        actor: { userId: earner.id, ip: null },
        microCredential: mc,
      });
      assert.notEqual(again.publicId, app, 'the earner may apply again');

      // A submission nobody reviews within the turnaround goes to the other reviewer.
      const { publicId: app2 } = await applyForMicroCredential(deps, {
        actor: { userId: second.id, ip: null },
        microCredential: mc,
      });
      await saveEvidence(deps, {
        actor: { userId: second.id, ip: null },
        application: app2,
        part: 0,
        value: 'Evidence',
      });
      await submitApplication(deps, { actor: { userId: second.id, ip: null }, application: app2 });
      const before = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select('a.reviewer_user_id')
        .where('p.public_id', '=', app2)
        .executeTakeFirstOrThrow();
      clock.advance(15 * DAY);
      assert.equal((await sweepApplications(deps)).reassigned, 1);
      const after = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select('a.reviewer_user_id')
        .where('p.public_id', '=', app2)
        .executeTakeFirstOrThrow();
      assert.notEqual(after.reviewer_user_id, before.reviewer_user_id);
      assert.ok([r1.id, r2.id].includes(after.reviewer_user_id!));
    });
  });
}
