import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { completeDesign, publishedMicroCredential } from '../../../testing/catalogFixtures.ts';
import { createMicroCredential } from '../../catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../../catalog/commands/publishDraft.ts';
import { reviseMicroCredential } from '../../catalog/commands/reviseMicroCredential.ts';
import { updateDraft } from '../../catalog/commands/updateDraft.ts';
import { issueCredential } from '../../issuing/commands/issueCredential.ts';
import {
  byLabel,
  checkboxLabelled,
  formOfButton,
  linkHref,
  optionsNamed,
  optionsOf,
  pageText,
  tableAfter,
} from '../../../testing/pageQueries.ts';
import { recognitionPaths } from '../paths.ts';
import { loadSubmissionPage } from './submissionLoader.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';

for (const backend of testBackends()) {
  describe(`recognition pages (${backend.name})`, () => {
    test('program form → submit → request changes → resubmit → approve in the browser; catalog, filter, endorsement, badge page, tenancy', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config };
      const board = await buildOrganisation(storage.db, {
        kind: 'recognizer',
        name: `Licensing Board ${unique('')}`,
      });
      const issuer = await buildOrganisation(storage.db, {
        kind: 'issuer',
        name: `Teachers Union ${unique('')}`,
      });
      const otherIssuer = await buildOrganisation(storage.db, { kind: 'issuer' });
      const officer = await buildUser(storage.db, { name: 'Olive Officer' });
      const designer = await buildUser(storage.db, { name: 'Dana Designer' });
      const stranger = await buildUser(storage.db, { name: 'Sam Stranger' });
      await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
      // A second officer who reads Spanish: the board's mail reaches each officer in their own language.
      const oficial = await buildUser(storage.db, { name: 'Olga Oficial' });
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', oficial.id).execute();
      await addMember(storage.db, board.id, oficial.id, ['recognition_officer']);
      await addMember(storage.db, issuer.id, designer.id, ['designer', 'issuing_staff']);
      await addMember(storage.db, otherIssuer.id, stranger.id, ['owner']);
      const word = unique('quokka');
      const mc = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        issuer.slug,
        `Routines ${word}`,
      );
      const mcSlug = mc.slug;

      const officerB = await loggedIn(app, officer);
      const designerB = await loggedIn(app, designer);
      const strangerB = await loggedIn(app, stranger);

      // Recognizer set-up: a bad form keeps what was typed and explains each problem.
      const bad = await officerB.post(`/orgs/${board.slug}/recognition/programs`, {
        name: 'Educator license renewal',
        licenseName: 'Educator license',
        cycleYears: '50',
        hoursRequired: '150',
        unitRule: 'fixed',
        fixedHours: '',
      });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(byLabel(badHtml, 'Renewal cycle (years)').error ?? '', /1 to 20 years/);
      assert.match(
        byLabel(badHtml, 'Hours per approved micro-credential').error ?? '',
        /give the hours each approved micro-credential counts for/,
      );
      assert.equal(
        byLabel(badHtml, 'Program name').value,
        'Educator license renewal',
        'what was typed is kept',
      );
      const created = await officerB.post(`/orgs/${board.slug}/recognition/programs`, {
        name: 'Educator license renewal',
        licenseName: 'Educator license',
        cycleYears: '5',
        hoursRequired: '150',
        unitRule: 'fixed',
        fixedHours: '0.5',
        posting: 'automatic',
      });
      assert.equal(created.status, 303);
      const programsHtml = await (await officerB.get(`/orgs/${board.slug}/recognition/programs`)).text();
      assert.deepEqual(
        tableAfter(programsHtml, `Recognition programs of ${board.name}`).map((row) => [row[0], row[3]]),
        [['Educator license renewal', '0.5 h per micro-credential']],
      );
      const program = await storage.db
        .selectFrom('recognition_programs')
        .select('public_id')
        .where('organisation_id', '=', board.id)
        .executeTakeFirstOrThrow();

      // Tenancy: recognizer pages are 404 for non-members; an issuer's own pages for another org too.
      for (const path of [
        `/orgs/${board.slug}/recognition/programs`,
        `/orgs/${board.slug}/recognition/queue`,
        `/orgs/${board.slug}/recognition/programs/${program.public_id}`,
      ]) {
        assert.equal((await designerB.get(path)).status, 404, path);
      }

      // The issuer submits from the designer page's link.
      const designerPage = await (
        await designerB.get(`/orgs/${issuer.slug}/micro-credentials/${mc.publicId}`)
      ).text();
      assert.equal(
        linkHref(designerPage, 'Submit for recognition'),
        recognitionPaths.submit(issuer.slug, mc.publicId),
      );
      const form = await (await designerB.get(recognitionPaths.submit(issuer.slug, mc.publicId))).text();
      assert.ok(
        optionsOf(form, 'Recognition program').some(
          (o) =>
            o.value === program.public_id && o.text.startsWith(`${board.name} — Educator license renewal`),
        ),
      );
      assert.equal(byLabel(form, 'What to submit').value, `mc:${mc.publicId}`, 'the link chose it');
      const missing = await designerB.post(`/orgs/${issuer.slug}/recognition/submit`, {
        program: program.public_id,
        subject: `mc:${mc.publicId}`,
        statement: '',
      });
      assert.equal(missing.status, 422);
      const missingPage = await missing.text();
      assert.match(
        byLabel(missingPage, 'Statement: how competency is verified and endorsed').error ?? '',
        /Explain how competency is verified/,
      );
      // A program that never approved anything like this is an "Other" one: its recognizer is named.
      assert.equal(checkboxLabelled(missingPage, `Yes, send it to ${board.name}`)?.value, program.public_id);
      assert.equal(byLabel(missingPage, 'Recognition program').error?.includes('Tick the box'), true);
      const submitted = await designerB.post(`/orgs/${issuer.slug}/recognition/submit`, {
        program: program.public_id,
        subject: `mc:${mc.publicId}`,
        statement: 'Two trained reviewers score every submission.',
        otherRecognizer: program.public_id,
      });
      assert.equal(submitted.status, 303);
      const subUrl = submitted.headers.get('location')!;
      const subId = subUrl.split('/').pop()!;
      const officerMail = await lastMailTo(storage.db, officer.email);
      assert.equal(officerMail.mail?.template, 'recognition_submitted');
      assert.equal(officerMail.path, `/orgs/${board.slug}/recognition/submissions/${subId}`);
      assert.equal(
        officerMail.mail?.subject,
        `${issuer.name} submitted “Routines ${word}” (version 1) for recognition`,
      );
      const spanish = await lastMailTo(storage.db, oficial.email);
      assert.equal(
        spanish.mail?.subject,
        `${issuer.name} ha solicitado el reconocimiento de «Routines ${word}» (versión 1)`,
      );
      assert.match(spanish.mail?.html_body ?? '', /<html lang="es">/);

      // Another issuer's staff cannot see it, under either organisation's address.
      assert.equal((await strangerB.get(subUrl)).status, 404);
      assert.equal(
        (await strangerB.get(`/orgs/${otherIssuer.slug}/recognition/submissions/${subId}`)).status,
        404,
      );
      assert.equal(
        (
          await strangerB.post(`/orgs/${otherIssuer.slug}/recognition/submissions/${subId}/comment`, {
            body: 'hi',
          })
        ).status,
        404,
      );

      // The officer's queue and the thread.
      const queue = await (await officerB.get(`/orgs/${board.slug}/recognition/queue`)).text();
      assert.deepEqual(
        tableAfter(queue, `Recognition queue of ${board.name}`).map((row) => row[0]),
        [`Routines ${word} (version 1)`],
      );
      const officerUrl = `/orgs/${board.slug}/recognition/submissions/${subId}`;
      assert.equal((await officerB.post(`${officerUrl}/request-changes`, { changes: '' })).status, 422);
      assert.equal(
        (
          await officerB.post(`${officerUrl}/request-changes`, {
            changes: 'Add a reflection on student outcomes.',
          })
        ).status,
        303,
      );
      assert.equal(
        (await designerB.post(`${subUrl}/approve`, { hours: '5' })).status,
        404,
        'the issuer cannot approve its own submission',
      );
      const asIssuer = { actor: { userId: designer.id, ip: null }, orgSlug: issuer.slug, submission: subId };
      const issuerView = await loadSubmissionPage(deps, asIssuer);
      assert.deepEqual(issuerView.thread.map((m) => [m.kind, m.body]).at(-1), [
        'changes_requested',
        'Add a reflection on student outcomes.',
      ]);
      assert.equal(issuerView.submission.status, 'changes_requested');
      assert.equal(issuerView.resubmitVersion, 1);
      assert.equal(
        linkHref(await (await designerB.get(subUrl)).text(), 'Resubmit version 1'),
        recognitionPaths.submissionStep(issuer.slug, subId, 'resubmit'),
      );

      // Revise: a new draft the recognizer must not see, then publish it and resubmit version 2.
      await reviseMicroCredential(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      await updateDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
        ...completeDesign(`Routines ${word}`, { description: `Secret draft ${word}` }),
      });
      const asOfficer = { actor: { userId: officer.id, ip: null }, orgSlug: board.slug, submission: subId };
      assert.equal((await loadSubmissionPage(deps, asOfficer)).surroundings.version?.version, 1);
      assert.ok(
        !pageText(await (await officerB.get(officerUrl)).text()).includes(`Secret draft ${word}`),
        'the recognizer sees only the submitted version',
      );
      await updateDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
        ...completeDesign(`Routines ${word}`, { description: 'With a reflection on student outcomes.' }),
      });
      await publishDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      assert.equal((await loadSubmissionPage(deps, asIssuer)).resubmitVersion, 2);
      const resubmitForm = await (await designerB.get(`${subUrl}/resubmit`)).text();
      assert.equal(
        byLabel(resubmitForm, 'Statement: how competency is verified and endorsed').value,
        'Two trained reviewers score every submission.',
        'the statement is carried over',
      );
      assert.equal(formOfButton(resubmitForm, 'Resubmit for recognition')?.hidden.previousSubmission, subId);
      const resubmitted = await designerB.post(`/orgs/${issuer.slug}/recognition/submit`, {
        program: program.public_id,
        subject: `mc:${mc.publicId}`,
        statement: 'Two trained reviewers; reflection part added.',
        previousSubmission: subId,
        otherRecognizer: program.public_id,
      });
      assert.equal(resubmitted.status, 303);
      const sub2 = resubmitted.headers.get('location')!.split('/').pop()!;
      const officerUrl2 = `/orgs/${board.slug}/recognition/submissions/${sub2}`;
      const badApprove = await officerB.post(`${officerUrl2}/approve`, { hours: 'half an hour', endsOn: '' });
      assert.equal(badApprove.status, 422);
      assert.match(
        byLabel(await badApprove.text(), 'Credit hours granted').error ?? '',
        /Give the credit hours granted/,
      );
      assert.equal(
        (await officerB.post(`${officerUrl2}/approve`, { hours: '0.5', endsOn: '', approveNote: '' })).status,
        303,
      );
      assert.equal((await lastMailTo(storage.db, designer.email)).mail?.template, 'recognition_approved');

      // Catalog: the listed version 2 is recognized; the filter finds it on the page and in the API.
      const textOf = async (path: string) => pageText(await (await app.request(path)).text());
      const recognized = `Recognized by ${board.name} for 0.5 hours`;
      assert.ok((await textOf(`/catalog/${issuer.slug}/${mcSlug}`)).includes(recognized));
      assert.ok(
        !(await textOf(`/catalog/${issuer.slug}/${mcSlug}/v/1`)).includes('Recognized by'),
        'version 1 was never approved',
      );
      const filtered = await (await app.request(`/catalog?q=${word}&recognizedBy=${board.slug}`)).text();
      assert.match(pageText(filtered), /\b1 micro-credential\b/);
      assert.deepEqual(
        optionsNamed(filtered, 'recognizedBy')
          .filter((o) => o.selected)
          .map((o) => o.value),
        [board.slug],
      );
      assert.ok(pageText(filtered).includes(recognized), 'search results say so too');
      const api = (await (
        await app.request(`/api/v1/catalog?q=${word}&recognizedBy=${board.slug}`)
      ).json()) as { total: number };
      assert.equal(api.total, 1);
      const none = (await (
        await app.request(`/api/v1/catalog?q=${word}&recognizedBy=${otherIssuer.slug}`)
      ).json()) as { total: number };
      assert.equal(none.total, 0);

      // A badge of version 2, then version 3: the catalog stops showing the recognition, the v2 page keeps it.
      const badge = await issueCredential(
        { ...deps, credentials: testCredentialServices() },
        {
          actor: { userId: designer.id, ip: null },
          organisationId: issuer.id,
          recipient: { email: `${unique('earner')}@example.org` },
          microCredential: mc.publicId,
          microCredentialVersion: 2,
        },
      );
      await reviseMicroCredential(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      await publishDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      assert.ok(
        !(await textOf(`/catalog/${issuer.slug}/${mcSlug}`)).includes('Recognized by'),
        'version 3 is not recognized until approved',
      );
      assert.ok((await textOf(`/catalog/${issuer.slug}/${mcSlug}/v/2`)).includes(recognized));
      assert.equal(
        (
          (await (await app.request(`/api/v1/catalog?q=${word}&recognizedBy=${board.slug}`)).json()) as {
            total: number;
          }
        ).total,
        0,
      );
      assert.ok(
        !(await textOf(`/catalog?q=${word}`)).includes(`Recognized by ${board.name} for`),
        'nor do the search results for version 3',
      );

      // The endorsement: issued from the submission page, public, verified, shown on catalog and badge pages.
      assert.equal(
        (await officerB.post(`${officerUrl2}/endorse`, { comment: 'Meets the board’s renewal standards.' }))
          .status,
        303,
      );
      const endorsement = await storage.db
        .selectFrom('endorsements')
        .select(['public_id'])
        .executeTakeFirstOrThrow();
      const doc = await app.request(`/endorsements/${endorsement.public_id}`);
      assert.equal(doc.status, 200);
      const text = await doc.text();
      const report = await verifyWithCairn(text, {
        db: storage.db,
        config,
        services: testCredentialServices(),
        now: clock.now(),
      });
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.ok(
        (await textOf(`/catalog/${issuer.slug}/${mcSlug}/v/2`)).includes(
          `Endorsed by ${board.name}: “Meets the board’s renewal standards.”`,
        ),
      );
      const badgePage = pageText(await (await new TestBrowser(app).get(`/badges/${badge.publicId}`)).text());
      assert.ok(badgePage.includes(`Endorsed by ${board.name}`));
      assert.ok(badgePage.includes(recognized));

      // Both audit logs show every step.
      for (const org of [board, issuer]) {
        const actions = (
          await storage.db
            .selectFrom('audit_events')
            .select('action')
            .where('organisation_id', '=', org.id)
            .where('subject_type', '=', 'program_submission')
            .orderBy('id')
            .execute()
        ).map((a) => a.action);
        assert.deepEqual(actions, [
          'recognition.submitted',
          'recognition.changes_requested',
          'recognition.resubmitted',
          'recognition.approved',
          'recognition.endorsed',
        ]);
      }
    });

    test('the JSON API: programs, submit, thread, approve; 404 outside the two organisations', async () => {
      const storage = await backend.storage();
      const { app, clock, config } = testApp(storage);
      const deps = { db: storage.db, clock, config };
      const board = await buildOrganisation(storage.db, { kind: 'recognizer' });
      const issuer = await buildOrganisation(storage.db, { kind: 'issuer' });
      const officer = await buildUser(storage.db);
      const designer = await buildUser(storage.db);
      const stranger = await buildUser(storage.db);
      await addMember(storage.db, board.id, officer.id, ['admin']);
      await addMember(storage.db, issuer.id, designer.id, ['designer']);
      await addMember(storage.db, issuer.id, stranger.id, ['reviewer']);
      const mc = await createMicroCredential(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        title: `Routines ${unique('')}`,
      });
      await updateDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
        ...completeDesign('Routines'),
      });
      await publishDraft(deps, {
        actor: { userId: designer.id, ip: null },
        orgSlug: issuer.slug,
        microCredentialId: mc.publicId,
      });
      const officerB = await loggedIn(app, officer);
      const designerB = await loggedIn(app, designer);
      const reviewerB = await loggedIn(app, stranger);

      const bad = await officerB.postJson(`/api/v1/orgs/${board.slug}/recognition/programs`, {
        name: 'Renewal',
        licenseName: 'License',
        cycleYears: 0,
        hoursRequired: 100,
        unitRule: 'fixed',
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(
        Object.keys((bad.body as { error: { fields: Record<string, string> } }).error.fields).sort(),
        ['cycleYears', 'fixedHours'],
      );
      const created = await officerB.postJson(`/api/v1/orgs/${board.slug}/recognition/programs`, {
        name: 'Renewal',
        licenseName: 'License',
        cycleYears: 5,
        hoursRequired: 100,
        unitRule: 'credit_hours',
      });
      assert.equal(created.status, 201);
      const programId = (created.body as { publicId: string }).publicId;
      const listed = (await officerB.getJson(`/api/v1/orgs/${board.slug}/recognition/programs`)).body as {
        programs: Array<{ id: string; unitRule: string; cycleYears: number }>;
      };
      assert.deepEqual(
        listed.programs.map((p) => [p.id, p.unitRule, p.cycleYears]),
        [[programId, 'credit_hours', 5]],
      );
      assert.equal((await designerB.getJson(`/api/v1/orgs/${board.slug}/recognition/programs`)).status, 404);
      const impostor = await designerB.postJson(`/api/v1/orgs/${board.slug}/recognition/programs`, {
        name: 'Impostor',
        licenseName: 'License',
        cycleYears: 5,
        hoursRequired: 100,
        unitRule: 'credit_hours',
        actor: { userId: officer.id, ip: null },
        orgSlug: board.slug,
      });
      assert.equal(impostor.status, 404, 'a body naming another actor does not act as them');

      const sub = await designerB.postJson(`/api/v1/orgs/${issuer.slug}/recognition/submissions`, {
        program: programId,
        microCredential: mc.publicId,
        statement: 'Peer reviewed.',
      });
      assert.equal(sub.status, 201);
      const id = (sub.body as { publicId: string }).publicId;
      assert.equal(
        (await reviewerB.getJson(`/api/v1/orgs/${issuer.slug}/recognition/submissions/${id}`)).status,
        403,
        'a reviewer of the issuer has no recognition role',
      );
      assert.equal(
        (await reviewerB.getJson(`/api/v1/orgs/${board.slug}/recognition/submissions/${id}`)).status,
        404,
      );
      const approved = await officerB.postJson(
        `/api/v1/orgs/${board.slug}/recognition/submissions/${id}/approve`,
        { hours: 0.5 },
      );
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const seen = (await designerB.getJson(`/api/v1/orgs/${issuer.slug}/recognition/submissions/${id}`))
        .body as { status: string; hoursGranted: number; side: string; thread: Array<{ kind: string }> };
      assert.deepEqual(
        [seen.status, seen.hoursGranted, seen.side, seen.thread.map((t) => t.kind)],
        ['approved', 0.5, 'issuer', ['submitted', 'approved']],
      );
      const received = (
        await officerB.getJson(`/api/v1/orgs/${board.slug}/recognition/submissions?status=approved`)
      ).body as { submissions: Array<{ id: string; subject: { version: number } }> };
      assert.deepEqual(
        received.submissions.map((s) => [s.id, s.subject.version]),
        [[id, 1]],
      );
      const endorsed = await officerB.postJson(
        `/api/v1/orgs/${board.slug}/recognition/submissions/${id}/endorse`,
        {},
      );
      assert.equal(endorsed.status, 200);
      assert.deepEqual((endorsed.body as { credential: { type: string[] } }).credential.type, [
        'VerifiableCredential',
        'EndorsementCredential',
      ]);
    });
  });
}
