import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { loggedIn, testApp, testConfig, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { completeDesign, publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer } from '../../../mail/mailer.ts';
import { Worker } from '../../../jobs/worker.ts';
import { issuePassedApplicationJob } from '../jobs.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';

for (const backend of testBackends()) {
  describe(`earning: apply, evidence, peer review, resubmission, issue (${backend.name})`, () => {
    test('needs revision with feedback, resubmit, pass, and a verifiable badge; evidence stays private', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, reviewer, staff, earner, otherEarner] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db, { name: 'Rae Reviewer' }),
        buildUser(storage.db),
        buildUser(storage.db, { name: 'Ed Earner' }),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const login = (u: { email: string; password: string }) => loggedIn(app, u);
      const d = await login(designer);
      const design = completeDesign(`Questioning ${unique('')}`, {
        evidenceParts: [
          { prompt: 'Link to your lesson video', kind: 'link', required: true },
          { prompt: 'Reflection', kind: 'text', maxWords: 50, required: true },
        ],
      });
      const mc = (
        (await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials`, design)).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});

      const e = await login(earner);
      const applied = await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {});
      assert.equal(applied.status, 201);
      const appId = (applied.body as { publicId: string }).publicId;
      assert.equal(
        (await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {})).status,
        409,
        'one open application at a time',
      );
      const put = (part: number, value: string) =>
        e.request('PUT', `/api/v1/applications/${appId}/evidence/${part}`, {
          body: JSON.stringify({ value }),
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-csrf-token': e.cookies.get('cairn_csrf')!,
          },
        });
      const missing = await e.postJson(`/api/v1/applications/${appId}/submit`, {});
      assert.equal(missing.status, 422);
      assert.deepEqual(Object.keys((missing.body as { error: { fields: object } }).error.fields), [
        'part0',
        'part1',
      ]);
      assert.equal((await put(0, 'not a url')).status, 422);
      assert.equal((await put(1, 'word '.repeat(60))).status, 422, 'word limit');
      assert.equal((await put(0, 'https://video.example/lesson-1')).status, 200);
      assert.equal((await put(1, 'I waited three seconds after each question.')).status, 200);
      assert.deepEqual((await e.postJson(`/api/v1/applications/${appId}/submit`, {})).body, { attempt: 1 });

      const r = await login(reviewer);
      const queue = (await r.getJson('/api/v1/reviews')).body as {
        queue: Array<{ id: string; attempt: number }>;
      };
      const attemptId = queue.queue.find((q) => q.attempt === 1)?.id;
      assert.ok(attemptId, 'assigned to the least-loaded reviewer');
      const seen = (await r.getJson(`/api/v1/reviews/${attemptId}`)).body as {
        evidence: Array<{ link: string }>;
      };
      assert.equal(seen.evidence[0]?.link, 'https://video.example/lesson-1');
      const contradiction = await r.postJson(`/api/v1/reviews/${attemptId}`, {
        scores: { plan: 'beginning', video: 'beginning' },
        overallFeedback: 'Great!',
        decision: 'passed',
      });
      assert.equal(contradiction.status, 422);
      assert.match(
        (contradiction.body as { error: { message: string } }).error.message,
        /must be “needs revision”/,
      );
      assert.equal(
        (
          await r.postJson(`/api/v1/reviews/${attemptId}`, {
            scores: { plan: 'developing', video: 'proficient' },
            feedback: { plan: 'Show how you taught the routine.' },
            overallFeedback: 'Close: add the plan.',
            decision: 'needs_revision',
          })
        ).status,
        200,
      );
      assert.equal((await lastMailTo(storage.db, earner.email)).mail?.template, 'review_needs_revision');

      // Privacy: another earner, a reviewer who is not assigned, another organisation see nothing.
      const other = await login(otherEarner);
      assert.equal((await other.getJson(`/api/v1/applications/${appId}`)).status, 404);
      assert.equal((await other.getJson(`/api/v1/reviews/${attemptId}`)).status, 404);
      assert.equal(
        (await (await login(designer)).getJson(`/api/v1/reviews/${attemptId}`)).status,
        404,
        'a member who is not the assigned reviewer',
      );
      const foreign = await buildOrganisation(storage.db);
      const foreignAdmin = await buildUser(storage.db);
      await addMember(storage.db, foreign.id, foreignAdmin.id, ['owner']);
      const fa = await login(foreignAdmin);
      assert.equal((await fa.getJson(`/api/v1/orgs/${org.slug}/applications/${appId}`)).status, 404);
      assert.equal((await fa.getJson(`/api/v1/orgs/${foreign.slug}/applications/${appId}`)).status, 404);
      assert.equal(
        (await (await login(staff)).getJson(`/api/v1/orgs/${org.slug}/applications/${appId}`)).status,
        200,
        'the issuer’s staff may read it',
      );

      const mine = (await e.getJson(`/api/v1/applications/${appId}`)).body as {
        status: string;
        history: Array<{ decision: string; feedback: Record<string, string> }>;
      };
      assert.equal(mine.status, 'needs_revision');
      assert.equal(mine.history[0]?.feedback.plan, 'Show how you taught the routine.');
      await put(1, 'I waited three seconds, and here is my plan for teaching it.');
      assert.deepEqual((await e.postJson(`/api/v1/applications/${appId}/submit`, {})).body, { attempt: 2 });
      const second = (
        (await r.getJson('/api/v1/reviews')).body as { queue: Array<{ id: string; attempt: number }> }
      ).queue.find((q) => q.attempt === 2)!;
      assert.equal(
        (
          await r.postJson(`/api/v1/reviews/${second.id}`, {
            scores: { plan: 'proficient', video: 'proficient' },
            overallFeedback: 'Well done.',
            decision: 'passed',
          })
        ).status,
        200,
      );

      const worker = new Worker({
        deps: {
          db: storage.db,
          clock,
          logger: silentLogger,
          mailer: outboxOnlyMailer,
          config: testConfig(),
          credentials: testCredentialServices(),
        },
        jobs: [issuePassedApplicationJob as JobDefinition<unknown>],
        concurrency: 1,
        pollMs: 20,
      });
      await worker.drain();
      const done = (await e.getJson(`/api/v1/applications/${appId}`)).body as {
        status: string;
        credential: string;
        history: unknown[];
      };
      assert.equal(done.status, 'passed');
      assert.equal(done.history.length, 2, 'every attempt and its feedback is kept');
      assert.ok(done.credential);
      const credential = await storage.db
        .selectFrom('credentials')
        .select(['document', 'micro_credential_version'])
        .where('public_id', '=', done.credential)
        .executeTakeFirstOrThrow();
      assert.equal(credential.micro_credential_version, 1);
      const verified = await app.request('/credentials/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiableCredential: JSON.parse(credential.document) }),
      });
      assert.equal(verified.status, 200);
      const doc = JSON.parse(credential.document) as {
        credentialSubject: { result: Array<{ value: string }>; evidence?: unknown };
      };
      assert.equal(doc.credentialSubject.result[0]?.value, 'Passed on attempt 2');
      await worker.drain();
      assert.equal(
        (
          await storage.db
            .selectFrom('credentials')
            .select('id')
            .where('recipient_email', '=', earner.email)
            .execute()
        ).length,
        1,
        'issued once',
      );

      // The issuer's analytics: attempt 1 needed revision, attempt 2 passed.
      const st = await login(staff);
      const csv = await (await st.get(`/orgs/${org.slug}/analytics.csv`)).text();
      const [header, row] = csv.trim().split('\r\n');
      assert.match(
        header!,
        /^micro_credential,title,applications,submissions,passed,expired,first_time_pass_rate,mean_attempts_to_pass/,
      );
      assert.match(row!, new RegExp(`^${mc},[^,]+,1,2,1,0,0,2,`));
      const analytics = await (await st.get(`/orgs/${org.slug}/analytics`)).text();
      assert.match(analytics, /First-time pass rate/);
      // The charts: one application, first-time pass rate 0%, and that application in this month.
      assert.match(analytics, /id="chart-applications-desc">Highest: [^<]+ \(1\)\./);
      assert.match(analytics, /id="chart-pass-rate-desc">Every value is zero\./);
      assert.match(analytics, /id="chart-over-time-desc">Highest: [^<]+ \(1\)\./);
      assert.equal((await st.get(`/orgs/${org.slug}/review-queue`)).status, 200);
      assert.equal(
        (await r.get(`/orgs/${org.slug}/analytics`)).status,
        403,
        'reviewers do not see analytics',
      );
      assert.equal((await fa.get(`/orgs/${org.slug}/review-queue`)).status, 404);

      // Calibration: a second reviewer scores the passed attempt blind; the outcome stands.
      const calibrator = await buildUser(storage.db);
      await addMember(storage.db, org.id, calibrator.id, ['reviewer']);
      const requested = await st.postJson(`/api/v1/orgs/${org.slug}/attempts/${second.id}/second-review`, {});
      assert.equal(requested.status, 201, JSON.stringify(requested.body));
      const calId = (requested.body as { publicId: string }).publicId;
      const cb = await login(calibrator);
      assert.equal(
        (await r.getJson(`/api/v1/second-reviews/${calId}`)).status,
        404,
        'only the second reviewer',
      );
      const blind = (await cb.getJson(`/api/v1/second-reviews/${calId}`)).body as Record<string, unknown>;
      assert.ok(blind.evidence);
      assert.equal(JSON.stringify(blind).includes('Well done'), false, 'the first review is not shown');
      assert.deepEqual(
        (
          await cb.postJson(`/api/v1/second-reviews/${calId}`, {
            scores: { plan: 'proficient', video: 'developing' },
            decision: 'passed',
          })
        ).body,
        { agrees: true },
      );
      assert.deepEqual((await st.getJson(`/api/v1/orgs/${org.slug}/calibration`)).body, {
        reviewed: 1,
        agreed: 1,
      });
      assert.equal(
        ((await e.getJson(`/api/v1/applications/${appId}`)).body as { status: string }).status,
        'passed',
      );
    });
  });
}

for (const backend of testBackends()) {
  describe(`withdrawing and “in review” (${backend.name})`, () => {
    test('the reviewer opening a submission shows “in review”; a withdrawn application cannot be reviewed and may be re-applied', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, reviewer, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const login = (u: { email: string; password: string }) => loggedIn(app, u);
      const d = await login(designer);
      const mc = (
        (
          await d.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign(`Withdraw ${unique('')}`, {
              evidenceParts: [{ prompt: 'Reflection', kind: 'text', required: true }],
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const e = await login(earner);
      const appId = (
        (await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {})).body as { publicId: string }
      ).publicId;
      await e.request('PUT', `/api/v1/applications/${appId}/evidence/0`, {
        body: JSON.stringify({ value: '**Bold** claim' }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': e.cookies.get('cairn_csrf')!,
        },
      });
      await e.postJson(`/api/v1/applications/${appId}/submit`, {});
      const r = await login(reviewer);
      const attempt = ((await r.getJson('/api/v1/reviews')).body as { queue: Array<{ id: string }> })
        .queue[0]!.id;
      const reviewHtml = await (await r.get(`/reviews/${attempt}`)).text();
      assert.match(reviewHtml, /<strong>Bold<\/strong> claim/, 'evidence Markdown is rendered safely');
      assert.equal(
        ((await e.getJson(`/api/v1/applications/${appId}`)).body as { status: string }).status,
        'submitted',
        'opening the review page changes nothing',
      );
      assert.equal((await r.post(`/reviews/${attempt}/start`, {})).status, 303);
      assert.equal(
        ((await e.getJson(`/api/v1/applications/${appId}`)).body as { status: string }).status,
        'in_review',
      );
      assert.equal((await e.postJson(`/api/v1/applications/${appId}/withdraw`, {})).status, 200);
      const late = await r.postJson(`/api/v1/reviews/${attempt}`, {
        scores: { plan: 'proficient', video: 'proficient' },
        overallFeedback: 'ok',
        decision: 'passed',
      });
      assert.equal(late.status, 409);
      assert.equal(
        (await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {})).status,
        201,
        're-applying after withdrawing',
      );
    });

    test('eight parallel applies to one micro-credential: one application, and every answer a 201 or a 409 naming it', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const designer = await buildUser(storage.db);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const mc = await publishedMicroCredential(
        { db: storage.db, clock, config },
        { userId: designer.id, ip: null },
        org.slug,
        `Wait time ${unique('')}`,
      );
      const [apiEarner, formEarner] = await Promise.all([buildUser(storage.db), buildUser(storage.db)]);
      const applicationsOf = (userId: number) =>
        storage.db
          .selectFrom('applications')
          .select('public_id')
          .where('earner_user_id', '=', userId)
          .execute();

      const api = await loggedIn(app, apiEarner);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => api.postJson(`/api/v1/micro-credentials/${mc.publicId}/apply`, {})),
      );
      const statuses = answers.map((a) => a.status);
      assert.ok(
        statuses.every((s) => s === 201 || s === 409),
        JSON.stringify(answers),
      );
      assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
      const [only, ...more] = await applicationsOf(apiEarner.id);
      assert.equal(more.length, 0, 'exactly one application exists');
      for (const a of answers.filter((x) => x.status === 409))
        assert.deepEqual((a.body as { error: { code: string; fields: object } }).error.fields, {
          application: only!.public_id,
        });

      // The same through the form: every answer takes the earner somewhere sensible, never a 500.
      const form = await loggedIn(app, formEarner);
      const pages = await Promise.all(
        Array.from({ length: 8 }, () => form.post(`/catalog/${org.slug}/${mc.slug}/apply`)),
      );
      assert.deepEqual(
        pages.map((p) => p.status),
        Array.from({ length: 8 }, () => 303),
      );
      assert.equal((await applicationsOf(formEarner.id)).length, 1);
    });
  });
}
