import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { ledgerConfig, ledgerScenario } from '../../../testing/ledgerFixtures.ts';
import { byLabel, formOfButton, imageNames, linkHref, pageText } from '../../../testing/pageQueries.ts';
import type { Storage } from '../../../storage/database.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';
import { ledgerPaths } from '../paths.ts';
import { loadMyLicense, loadMyLicenses } from './earnerLicenses.tsx';
import { loadNotice, loadNotices } from './notices.tsx';
import { loadOfficerLicenses } from './officerLicenses.tsx';
import { loadRoster } from './roster.tsx';

const services = testCredentialServices();
const DOWNLOAD = 'Download signed transcript';

/** How many transcripts were signed for a license (each is audited). */
const transcriptsAudited = async (storage: Storage, licensePublicId: string) =>
  (
    await storage.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'transcript.issued')
      .where('subject_id', '=', licensePublicId)
      .execute()
  ).length;

for (const backend of testBackends()) {
  describe(`license records, notices, roster and transcript pages (${backend.name})`, () => {
    test('earner links a license, officer confirms, reviews a notice, posts credit; roster CSV; outsiders get 404', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { posting: 'review' });
      const deps = { db: storage.db, config: ledgerConfig, clock: s.clock, credentials: services };
      const { app } = testApp(storage, { config: ledgerConfig, clock: s.clock });
      const earner = await loggedIn(app, s.earner);
      const officer = await loggedIn(app, s.officer);
      const earnerActor = { userId: s.earner.id, ip: null };
      const officerTarget = { actor: s.officerActor, orgSlug: s.board.slug, csrfToken: 'x' };

      // Bad input is re-shown with the field's message and what was typed.
      let res = await earner.post(ledgerPaths.myLicenses(), {
        program: s.programPublicId,
        licenseNumber: 'EDU-77',
        cycleStart: '01/07/2025',
      });
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(byLabel(html, 'Your current renewal cycle began on').error ?? '', /as YYYY-MM-DD/);
      assert.equal(byLabel(html, 'License or certification number').value, 'EDU-77');
      res = await earner.post(ledgerPaths.myLicenses(), {
        program: s.programPublicId,
        licenseNumber: 'EDU-77',
        cycleStart: '2025-07-01',
      });
      assert.equal(res.status, 303);
      const mine = await loadMyLicenses(deps, { actor: earnerActor });
      assert.deepEqual(
        mine.licenses.map((l) => [l.licenseNumber, l.state]),
        [['EDU-77', 'pending']],
      );
      assert.match(
        pageText(await (await earner.get(ledgerPaths.myLicenses())).text()),
        /Waiting for confirmation/,
      );

      const waiting = await loadOfficerLicenses(deps, officerTarget);
      assert.deepEqual(
        waiting.pending.map((l) => l.licenseNumber),
        ['EDU-77'],
      );
      const licenseId = waiting.pending[0]!.publicId;
      html = await (await officer.get(ledgerPaths.licenses(s.board.slug))).text();
      assert.equal(
        formOfButton(html, 'Confirm license EDU-77')?.action,
        ledgerPaths.decideLicense(s.board.slug, licenseId, 'confirm'),
      );
      res = await officer.post(ledgerPaths.decideLicense(s.board.slug, licenseId, 'reject'), { reason: '' });
      assert.equal(res.status, 422, 'a rejection needs a reason');
      res = await officer.post(ledgerPaths.decideLicense(s.board.slug, licenseId, 'confirm'), {
        cycleStart: '2025-07-01',
      });
      assert.equal(res.status, 303);

      await s.issue();
      await s.worker.drain();
      const inbox = await loadNotices(deps, { actor: s.officerActor, orgSlug: s.board.slug, state: 'new' });
      assert.equal(inbox.rows.length, 1, 'the inbox lists the new notice');
      const noticeId = inbox.rows[0]!.public_id;
      html = await (await officer.get(ledgerPaths.notices(s.board.slug))).text();
      assert.ok(linkHref(html, inbox.rows[0]!.achievement_name)?.endsWith(noticeId));
      const notice = await loadNotice(deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        notice: noticeId,
        csrfToken: 'x',
      });
      assert.equal(notice.verified, true, notice.problems);
      assert.equal(notice.notice.license_number, 'EDU-77');
      html = await (await officer.get(ledgerPaths.notice(s.board.slug, noticeId))).text();
      assert.match(pageText(html), /Verified: the signed credential checks out/);
      const readAt = async (): Promise<Date | null> =>
        (
          await storage.db
            .selectFrom('completion_notices')
            .select('read_at')
            .where('public_id', '=', noticeId)
            .executeTakeFirstOrThrow()
        ).read_at;
      assert.equal(await readAt(), null, 'opening a notice writes nothing');
      const markRead = formOfButton(html, 'Mark as read');
      assert.equal(markRead?.method, 'post');
      res = await officer.post(markRead!.action);
      assert.equal(res.status, 303);
      assert.notEqual(await readAt(), null, 'marking it read is a POST');
      const doc = await officer.get(ledgerPaths.noticeAction(s.board.slug, noticeId, 'credential.json'));
      assert.equal(
        (
          await verifyWithCairn(await doc.text(), {
            db: storage.db,
            config: ledgerConfig,
            services,
            now: s.clock.now(),
          })
        ).verified,
        true,
      );
      res = await officer.post(ledgerPaths.noticeAction(s.board.slug, noticeId, 'post'));
      assert.equal(res.status, 303);
      assert.deepEqual(
        (await s.entries()).map((e) => [e.hours, e.posted_by_user_id]),
        [[0.5, s.officer.id]],
      );
      res = await officer.post(ledgerPaths.noticeAction(s.board.slug, noticeId, 'post'));
      assert.equal(res.status, 303, 'posting twice explains instead of failing');
      assert.match(
        pageText(await (await officer.get(res.headers.get('location')!)).text()),
        /Credit for this notice is already posted/,
      );
      assert.equal((await s.entries()).length, 1);

      // The issuer sees that the notice went out.
      const staff = await loggedIn(app, s.staff);
      assert.match(
        pageText(await (await staff.get(`/orgs/${s.issuerOrg.slug}/credentials`)).text()),
        /Completion notice sent to State Board on [A-Z][a-z]{2} \d{1,2}, \d{4}/,
      );

      // Renewal progress, roster and CSV.
      const license = await loadMyLicense(deps, { actor: earnerActor, license: licenseId, csrfToken: 'x' });
      assert.deepEqual(
        [license.license.progress.earned, license.license.progress.shortfall, license.transcriptReady],
        [0.5, 1.5, true],
      );
      // The same hours as a ring, named by its percentage, with the numbers beside it.
      for (const path of [ledgerPaths.myLicense(licenseId), ledgerPaths.myLicenses()])
        assert.ok(imageNames(await (await earner.get(path)).text()).includes('25% complete'), path);
      const roster = await loadRoster(deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        filter: { shortOnly: true },
      });
      assert.deepEqual(
        roster.rows.map((r) => r.licenseNumber),
        ['EDU-77'],
      );
      const csv = await officer.get(ledgerPaths.rosterCsv(s.board.slug, 'short=1'));
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(await csv.text(), /EDU-77,Maya Teacher,.*,confirmed,2025-07-01,2030-06-30,0.5,2,1.5\r\n$/);

      // Webhook settings: a bad URL is explained; a good one shows its signing secret once.
      const webhook = ledgerPaths.programWebhook(s.board.slug, s.programPublicId);
      assert.equal(
        linkHref(await (await officer.get(ledgerPaths.notices(s.board.slug))).text(), 'webhook settings'),
        webhook,
      );
      res = await officer.post(webhook, { url: 'ftp://board.example/hook' });
      assert.equal(res.status, 422);
      assert.match(byLabel(await res.text(), 'Webhook URL').error ?? '', /Use an http\(s\) URL/);
      res = await officer.post(webhook, { url: 'https://board.example/hook' });
      assert.equal(res.status, 200);
      assert.match(
        pageText(await res.text()),
        /Signing secret \(shown once, keep it in your receiver\): whsec_/,
      );
      assert.doesNotMatch(
        pageText(await (await officer.get(webhook)).text()),
        /whsec_/,
        'the secret is shown once',
      );

      // Tenancy: another organisation's officer and another earner see nothing.
      const other = await buildOrganisation(storage.db, { kind: 'recognizer' });
      const stranger = await buildUser(storage.db);
      await addMember(storage.db, other.id, stranger.id, ['recognition_officer']);
      const strangerBrowser = await loggedIn(app, stranger);
      for (const path of [
        ledgerPaths.notices(s.board.slug),
        ledgerPaths.notice(s.board.slug, noticeId),
        ledgerPaths.noticeAction(s.board.slug, noticeId, 'credential.json'),
        ledgerPaths.roster(s.board.slug),
        ledgerPaths.rosterCsv(s.board.slug),
        ledgerPaths.licenses(s.board.slug),
        ledgerPaths.notice(other.slug, noticeId),
        ledgerPaths.myLicense(licenseId),
        ledgerPaths.myTranscript(licenseId),
      ]) {
        assert.equal((await strangerBrowser.get(path)).status, 404, path);
      }
      for (const path of [
        ledgerPaths.noticeAction(s.board.slug, noticeId, 'dismiss'),
        ledgerPaths.decideLicense(other.slug, licenseId, 'confirm'),
        ledgerPaths.myTranscriptDownload(licenseId),
      ])
        assert.equal((await strangerBrowser.post(path)).status, 404, path);
      assert.equal(await transcriptsAudited(storage, licenseId), 0, 'nobody signed a transcript');
    });

    test('the signed transcript is made by a POST from the license page; reading the pages signs and records nothing', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage);
      const deps = { db: storage.db, config: ledgerConfig, clock: s.clock, credentials: services };
      const { app } = testApp(storage, { config: ledgerConfig, clock: s.clock });
      const earner = await loggedIn(app, s.earner);
      await earner.post(ledgerPaths.myLicenses(), {
        program: s.programPublicId,
        licenseNumber: 'EDU-88',
        cycleStart: '2025-07-01',
      });
      const [pending] = (await loadMyLicenses(deps, { actor: { userId: s.earner.id, ip: null } })).licenses;
      const licenseId = pending!.publicId;

      // Not confirmed yet: no button, and a POST explains on the license page instead of failing.
      let html = await (await earner.get(ledgerPaths.myLicense(licenseId))).text();
      assert.equal(formOfButton(html, DOWNLOAD), null);
      assert.match(pageText(html), /A transcript is available once your license is confirmed/);
      let res = await earner.post(ledgerPaths.myTranscriptDownload(licenseId));
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), ledgerPaths.myLicense(licenseId));
      assert.match(
        pageText(await (await earner.get(ledgerPaths.myLicense(licenseId))).text()),
        /A transcript is available once the recognizer confirms your license\./,
      );

      const officer = await loggedIn(app, s.officer);
      await officer.post(ledgerPaths.decideLicense(s.board.slug, licenseId, 'confirm'), {
        cycleStart: '2025-07-01',
      });
      const issued = await s.issue();
      await s.worker.drain();
      assert.equal((await s.entries()).length, 1, 'the automatic program posted the credit');

      // The license page and the printable page offer the button; reading them writes nothing.
      html = await (await earner.get(ledgerPaths.myLicense(licenseId))).text();
      const form = formOfButton(html, DOWNLOAD);
      assert.ok(form, 'the license page has the download button');
      assert.equal(form.method, 'post');
      assert.equal(form.action, ledgerPaths.myTranscriptDownload(licenseId));
      assert.ok(form.hidden._csrf, 'the form carries the CSRF token');
      assert.equal(linkHref(html, 'Printable transcript'), ledgerPaths.myTranscript(licenseId));
      html = await (await earner.get(ledgerPaths.myTranscript(licenseId))).text();
      assert.equal(formOfButton(html, DOWNLOAD)?.action, ledgerPaths.myTranscriptDownload(licenseId));
      assert.match(pageText(html), /Restorative circles/);
      assert.equal(await transcriptsAudited(storage, licenseId), 0, 'GET pages sign nothing');
      assert.equal(
        (await earner.get(ledgerPaths.myTranscriptDownload(licenseId))).status,
        404,
        'no GET download',
      );

      // Without the CSRF token the POST is refused; with it, a signed file comes back and is audited.
      res = await earner.post(ledgerPaths.myTranscriptDownload(licenseId), {}, { csrf: null });
      assert.equal(res.status, 403);
      assert.equal(await transcriptsAudited(storage, licenseId), 0);
      res = await earner.post(form.action, form.hidden, { csrf: null });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/vc+ld+json; charset=utf-8');
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="transcript-EDU-88\.json"$/,
      );
      const clr = await res.text();
      const report = await verifyWithCairn(clr, {
        db: storage.db,
        config: ledgerConfig,
        services,
        now: s.clock.now(),
      });
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.ok(clr.includes(String(issued.credential.id)));
      assert.equal(await transcriptsAudited(storage, licenseId), 1, 'one signature, one audit entry');
      // The public /verify page accepts the transcript too.
      const verifyPage = pageText(await (await new TestBrowser(app).post('/verify', { text: clr })).text());
      assert.match(verifyPage, /Every check passed\./);
    });
  });
}
