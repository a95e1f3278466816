import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';

for (const backend of testBackends()) {
  describe(`other earning modes: assessment, attendance, course completion (${backend.name})`, () => {
    test('staff record outcomes; an assessment issues only at or above its passing score', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'both' });
      const [designer, staff, reviewer] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const login = (u: { email: string; password: string }) => loggedIn(app, u);
      const d = await login(designer);
      const publish = async (extra: Record<string, unknown>) => {
        const { body } = await d.postJson(
          `/api/v1/orgs/${org.slug}/micro-credentials`,
          completeDesign(`Mode ${unique('')}`, { evidenceParts: [], rubric: undefined, ...extra }),
        );
        const id = (body as { publicId: string }).publicId;
        const published = await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${id}/publish`, {});
        return { id, published };
      };
      const noScore = await publish({ earningMode: 'assessment' });
      assert.equal(noScore.published.status, 422, 'an assessment needs a passing score');
      const quiz = await publish({ earningMode: 'assessment', passingScore: 80 });
      const session = await publish({ earningMode: 'attendance', validityMonths: 36 });
      const reviewed = await publish({
        earningMode: 'reviewed_evidence',
        evidenceParts: [{ prompt: 'x', kind: 'text', required: true }],
        rubric: completeDesign('x').rubric,
      });
      const s = await login(staff);
      const out = (id: string, json: unknown) =>
        s.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${id}/outcomes`, json);
      const low = await out(quiz.id, { email: 'low@example.org', score: 79 });
      assert.deepEqual(low.body, {
        issued: false,
        reason: 'A score of 79 is below the passing score of 80.',
      });
      const high = await out(quiz.id, { email: 'high@example.org', score: 92 });
      assert.equal(high.status, 201);
      const attended = await out(session.id, { email: 'therapist@example.org', completedOn: '2026-04-02' });
      assert.equal(attended.status, 201);
      const doc = await storage.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', (attended.body as { credential: string }).credential)
        .executeTakeFirstOrThrow();
      const parsed = JSON.parse(doc.document) as {
        validFrom: string;
        validUntil: string;
        credentialSubject: { result: Array<{ value: string }>; activityEndDate: string };
      };
      assert.equal(
        new Date(parsed.validUntil).getUTCFullYear() - new Date(parsed.validFrom).getUTCFullYear(),
        3,
        'expiry follows the 36-month validity',
      );
      const subject = parsed.credentialSubject;
      assert.deepEqual(
        [subject.result[0]?.value, subject.activityEndDate],
        ['Attended', '2026-04-02T00:00:00Z'],
      );
      assert.equal((await out(reviewed.id, { email: 'x@example.org' })).status, 409);
      assert.equal((await out(quiz.id, { email: 'x@example.org' })).status, 422, 'a score is required');
      assert.equal(
        (
          await (
            await login(reviewer)
          ).postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${quiz.id}/outcomes`, {
            email: 'y@example.org',
            score: 99,
          })
        ).status,
        403,
      );
    });
  });
}
