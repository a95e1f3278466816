import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import {
  byLabel,
  fieldsetError,
  hasLabel,
  linkHref,
  pageText,
  tableAfter,
  textsWithRole,
} from '../../../testing/pageQueries.ts';
import { loadOutcomes } from './pages.tsx';

for (const backend of testBackends()) {
  describe(`recording outcomes from the staff page (${backend.name})`, () => {
    test('an assessment: the pass mark is shown, a low score issues nothing, a pass issues the badge; both are listed', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db, { name: 'Sam Staff' });
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const quiz = await publishedMicroCredential(
        deps,
        { userId: staff.id, ip: null },
        org.slug,
        `Quiz ${unique('')}`,
        { earningMode: 'assessment', passingScore: 80, evidenceParts: [], rubric: undefined },
      );
      const browser = await loggedIn(app, staff);

      const mcPage = await (await browser.get(`/orgs/${org.slug}/micro-credentials/${quiz.publicId}`)).text();
      const path = `/orgs/${org.slug}/micro-credentials/${quiz.publicId}/outcomes`;
      assert.equal(
        linkHref(mcPage, 'Record outcomes'),
        path,
        'the micro-credential page links to its outcomes',
      );

      const empty = await browser.get(path);
      assert.equal(empty.status, 200);
      const html = await empty.text();
      assert.equal(byLabel(html, 'The person’s email').value, '');
      assert.equal(hasLabel(html, 'Score (0–100)'), true);
      assert.ok(pageText(html).includes('Pass mark: 80.'), 'the pass mark is shown beside the score');
      assert.equal(hasLabel(html, 'Date completed'), false, 'an assessment asks for a score, not a date');
      assert.deepEqual((await loadOutcomes(storage.db, staff.id, org.slug, quiz.publicId)).outcomes, []);

      const low = await browser.post(path, { email: 'low@example.org', score: '79' });
      assert.equal(low.status, 303);
      const afterLow = await (await browser.get(low.headers.get('location') ?? '')).text();
      assert.deepEqual(textsWithRole(afterLow, 'status'), [
        'Recorded for low@example.org: A score of 79 is below the passing score of 80. No badge was issued.',
      ]);

      const high = await browser.post(path, { email: 'high@example.org', score: '92' });
      assert.equal(high.status, 303);
      const listed = await (await browser.get(path)).text();
      assert.deepEqual(textsWithRole(listed, 'status'), [
        'Recorded. The badge was issued to high@example.org.',
      ]);
      const rows = tableAfter(listed, 'Outcomes recorded so far').map((r) => r.slice(1));
      assert.deepEqual(rows, [
        ['high@example.org', 'Score 92', 'Issued', 'Sam Staff'],
        ['low@example.org', 'Score 79 (below the pass mark)', 'Not issued', 'Sam Staff'],
      ]);
      const credentials = await storage.db
        .selectFrom('credentials')
        .select('recipient_email')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.deepEqual(
        credentials.map((c) => c.recipient_email),
        ['high@example.org'],
      );

      // The view model says the same.
      const model = await loadOutcomes(storage.db, staff.id, org.slug, quiz.publicId);
      assert.equal(model.passingScore, 80);
      assert.deepEqual(
        model.outcomes.map((o) => [o.email, o.issued]),
        [
          ['high@example.org', true],
          ['low@example.org', false],
        ],
      );
    });

    test('errors are shown beside the fields with what was typed kept', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const as = { userId: staff.id, ip: null };
      const quiz = await publishedMicroCredential(deps, as, org.slug, `Quiz ${unique('')}`, {
        earningMode: 'assessment',
        passingScore: 70,
        evidenceParts: [],
        rubric: undefined,
      });
      const session = await publishedMicroCredential(deps, as, org.slug, `Session ${unique('')}`, {
        earningMode: 'attendance',
        evidenceParts: [],
        rubric: undefined,
      });
      const browser = await loggedIn(app, staff);

      const noScore = await browser.post(`/orgs/${org.slug}/micro-credentials/${quiz.publicId}/outcomes`, {
        email: 'ada@example.org',
        score: '',
      });
      assert.equal(noScore.status, 422);
      const html = await noScore.text();
      assert.equal(byLabel(html, 'The person’s email').value, 'ada@example.org', 'the email typed is kept');
      const score = byLabel(html, 'Score (0–100)');
      assert.equal(score.error, 'Enter the score (0–100).');
      assert.equal(score.invalid, true);

      const words = await (
        await browser.post(`/orgs/${org.slug}/micro-credentials/${quiz.publicId}/outcomes`, {
          email: 'not an email',
          score: 'ninety',
        })
      ).text();
      assert.equal(byLabel(words, 'Score (0–100)').error, 'Enter the score as a number from 0 to 100.');
      assert.equal(byLabel(words, 'Score (0–100)').value, 'ninety');

      const sessionPath = `/orgs/${org.slug}/micro-credentials/${session.publicId}/outcomes`;
      const form = await (await browser.get(sessionPath)).text();
      assert.equal(byLabel(form, 'Yes').checked, true, 'attendance defaults to yes');
      const absent = await browser.post(sessionPath, {
        email: 'bo@example.org',
        attended: 'no',
        completedOn: '2026-04-02',
      });
      assert.equal(absent.status, 422);
      const absentHtml = await absent.text();
      assert.equal(
        fieldsetError(absentHtml, 'Did they attend?'),
        'A badge is issued for attendance only: choose Yes if they attended.',
      );
      assert.equal(byLabel(absentHtml, 'No').checked, true, 'the choice is kept');
      assert.equal(byLabel(absentHtml, 'Date attended').value, '2026-04-02');
      const badDate = await (
        await browser.post(sessionPath, { email: 'bo@example.org', attended: 'yes', completedOn: '2 April' })
      ).text();
      assert.equal(byLabel(badDate, 'Date attended').error, 'Use a date like 2026-05-01.');
      const noDate = await (
        await browser.post(sessionPath, { email: 'bo@example.org', attended: 'yes', completedOn: '' })
      ).text();
      assert.equal(byLabel(noDate, 'Date attended').error, 'Enter the date they attended, like 2026-05-01.');
      assert.equal(
        await storage.db
          .selectFrom('credentials')
          .select('id')
          .where('organisation_id', '=', org.id)
          .executeTakeFirst(),
        undefined,
        'nothing was issued',
      );

      const ok = await browser.post(sessionPath, {
        email: 'bo@example.org',
        attended: 'yes',
        completedOn: '2026-04-02',
      });
      assert.equal(ok.status, 303);
      assert.deepEqual(
        tableAfter(await (await browser.get(sessionPath)).text(), 'Outcomes recorded so far').map((r) =>
          r.slice(1, 4),
        ),
        [['bo@example.org', 'Attended', 'Issued']],
      );
    });

    test('a peer-reviewed micro-credential has nothing to record; other organisations and other roles are refused', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config, credentials: testCredentialServices() };
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const other = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      const designerOnly = await buildUser(storage.db);
      const foreignDesigner = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      await addMember(storage.db, org.id, designerOnly.id, ['designer']);
      await addMember(storage.db, other.id, foreignDesigner.id, ['designer', 'issuing_staff', 'admin']);
      const as = { userId: staff.id, ip: null };
      const reviewed = await publishedMicroCredential(deps, as, org.slug, `Reviewed ${unique('')}`);
      const course = await publishedMicroCredential(deps, as, org.slug, `Course ${unique('')}`, {
        earningMode: 'course_completion',
        evidenceParts: [],
        rubric: undefined,
      });
      const browser = await loggedIn(app, staff);

      const reviewedPath = `/orgs/${org.slug}/micro-credentials/${reviewed.publicId}`;
      assert.equal(
        linkHref(await (await browser.get(reviewedPath)).text(), 'Record outcomes'),
        null,
        'no link where there is nothing to record',
      );
      const none = await (await browser.get(`${reviewedPath}/outcomes`)).text();
      const reviewedModel = await loadOutcomes(storage.db, staff.id, org.slug, reviewed.publicId);
      assert.deepEqual([reviewedModel.recordable, reviewedModel.mode], [false, 'reviewed_evidence']);
      assert.equal(hasLabel(none, 'The person’s email'), false);
      assert.equal((await browser.post(`${reviewedPath}/outcomes`, { email: 'x@example.org' })).status, 409);

      const coursePath = `/orgs/${org.slug}/micro-credentials/${course.publicId}/outcomes`;
      assert.equal(hasLabel(await (await browser.get(coursePath)).text(), 'Date completed'), true);
      const foreign = await loggedIn(app, foreignDesigner);
      assert.equal((await foreign.get(coursePath)).status, 404, 'another organisation’s staff find nothing');
      assert.equal(
        (await foreign.post(coursePath, { email: 'x@example.org', completedOn: '2026-01-01' })).status,
        404,
      );
      assert.equal(
        (await foreign.get(`/orgs/${other.slug}/micro-credentials/${course.publicId}/outcomes`)).status,
        404,
        'nor under their own organisation',
      );
      const designer = await loggedIn(app, designerOnly);
      assert.equal(
        (await designer.get(coursePath)).status,
        403,
        'designers without the issuing role may not record',
      );
    });
  });
}
