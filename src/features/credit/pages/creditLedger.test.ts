import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../../testing/databases.ts';
import { TestBrowser, loggedIn, testApp, testCredentialServices } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { ledgerConfig, ledgerScenario } from '../../../testing/ledgerFixtures.ts';
import { verifyWithCairn } from '../../verification/commands/verifyCredential.ts';

const services = testCredentialServices();

for (const backend of testBackends()) {
  describe(`license records, notices, roster and transcript pages (${backend.name})`, () => {
    test('earner links a license, officer confirms, reviews a notice, posts credit; roster CSV; transcript verifies; outsiders get 404', async () => {
      const storage = await backend.storage();
      const s = await ledgerScenario(storage, { posting: 'review' });
      const { app } = testApp(storage, { config: ledgerConfig, clock: s.clock });
      const earner = await loggedIn(app, s.earner);
      const officer = await loggedIn(app, s.officer);

      // Bad input is re-shown with the field's message and what was typed.
      let res = await earner.post('/me/licenses', {
        program: s.programPublicId,
        licenseNumber: 'EDU-77',
        cycleStart: '01/07/2025',
      });
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(html, /as YYYY-MM-DD/);
      assert.match(html, /value="EDU-77"/);
      res = await earner.post('/me/licenses', {
        program: s.programPublicId,
        licenseNumber: 'EDU-77',
        cycleStart: '2025-07-01',
      });
      assert.equal(res.status, 303);
      html = await (await earner.get('/me/licenses')).text();
      assert.match(html, /EDU-77/);
      assert.match(html, /Waiting for confirmation/);

      html = await (await officer.get(`/orgs/${s.board.slug}/recognition/licenses`)).text();
      const licenseId = /\/recognition\/licenses\/(lic_[a-z0-9]+)\/confirm/.exec(html)?.[1];
      assert.ok(licenseId, 'the pending link is listed with a confirm form');
      res = await officer.post(`/orgs/${s.board.slug}/recognition/licenses/${licenseId}/reject`, {
        reason: '',
      });
      assert.equal(res.status, 422, 'a rejection needs a reason');
      res = await officer.post(`/orgs/${s.board.slug}/recognition/licenses/${licenseId}/confirm`, {
        cycleStart: '2025-07-01',
      });
      assert.equal(res.status, 303);

      const issued = await s.issue();
      await s.worker.drain();
      html = await (await officer.get(`/orgs/${s.board.slug}/recognition/notices`)).text();
      const noticeId = /\/recognition\/notices\/(notice_[a-z0-9]+)"/.exec(html)?.[1];
      assert.ok(noticeId, 'the inbox lists the new notice');
      html = await (await officer.get(`/orgs/${s.board.slug}/recognition/notices/${noticeId}`)).text();
      assert.match(html, /<strong>Verified<\/strong>/);
      assert.match(html, /EDU-77/);
      const readAt = async (): Promise<Date | null> =>
        (
          await storage.db
            .selectFrom('completion_notices')
            .select('read_at')
            .where('public_id', '=', noticeId)
            .executeTakeFirstOrThrow()
        ).read_at;
      assert.equal(await readAt(), null, 'opening a notice writes nothing');
      res = await officer.post(`/orgs/${s.board.slug}/recognition/notices/${noticeId}/read`);
      assert.equal(res.status, 303);
      assert.notEqual(await readAt(), null, 'marking it read is a POST');
      const doc = await officer.get(`/orgs/${s.board.slug}/recognition/notices/${noticeId}/credential.json`);
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
      res = await officer.post(`/orgs/${s.board.slug}/recognition/notices/${noticeId}/post`);
      assert.equal(res.status, 303);
      assert.deepEqual(
        (await s.entries()).map((e) => [e.hours, e.posted_by_user_id]),
        [[0.5, s.officer.id]],
      );
      res = await officer.post(`/orgs/${s.board.slug}/recognition/notices/${noticeId}/post`);
      assert.equal(res.status, 303, 'posting twice explains instead of failing');
      assert.match(
        await (await officer.get(res.headers.get('location')!)).text(),
        /Credit for this notice is already posted/,
      );
      assert.equal((await s.entries()).length, 1);

      // The issuer sees that the notice went out.
      const staff = await loggedIn(app, s.staff);
      assert.match(
        await (await staff.get(`/orgs/${s.issuerOrg.slug}/credentials`)).text(),
        /Completion notice sent to State Board on \d{4}-\d{2}-\d{2}/,
      );

      // Renewal progress, roster and CSV.
      html = await (await earner.get(`/me/licenses/${licenseId}`)).text();
      assert.match(html, /<strong>0.5 h<\/strong> of 2 h earned/);
      assert.match(html, /1.5 h to go/);
      // The same hours as a ring, named by its percentage, with the numbers beside it.
      assert.match(html, /<svg [^>]*role="img" aria-label="25% complete">/);
      const list = await (await earner.get('/me/licenses')).text();
      assert.match(list, /aria-label="25% complete"/);
      assert.match(list, /<strong>0.5 h of 2 h<\/strong><span>1.5 h to go<\/span>/);
      html = await (await officer.get(`/orgs/${s.board.slug}/recognition/roster?short=1`)).text();
      assert.match(html, /EDU-77/);
      const csv = await officer.get(`/orgs/${s.board.slug}/recognition/roster.csv?short=1`);
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(await csv.text(), /EDU-77,Maya Teacher,.*,confirmed,2025-07-01,2030-06-30,0.5,2,1.5\r\n$/);

      // The transcript: a signed CLR 2.0 download and a printable page.
      const transcript = await earner.get(`/me/licenses/${licenseId}/transcript.json`);
      assert.equal(transcript.status, 200);
      const clr = await transcript.text();
      const report = await verifyWithCairn(clr, {
        db: storage.db,
        config: ledgerConfig,
        services,
        now: s.clock.now(),
      });
      assert.equal(report.verified, true, JSON.stringify(report.checks));
      assert.ok(clr.includes(String(issued.credential.id)));
      // The public /verify page accepts the transcript too.
      const verifyPage = await (await new TestBrowser(app).post('/verify', { text: clr })).text();
      assert.match(verifyPage, /Every check passed\./);
      assert.match(verifyPage, /data-check="embedded" data-ok="true"/);
      html = await (await earner.get(`/me/licenses/${licenseId}/transcript`)).text();
      assert.match(html, /signed by State Board as a CLR 2.0 credential/);
      assert.match(html, /Restorative circles/);

      // Webhook settings: a bad URL is explained; a good one shows its signing secret once.
      html = await (await officer.get(`/orgs/${s.board.slug}/recognition/notices`)).text();
      assert.match(html, new RegExp(`/recognition/programs/${s.programPublicId}/webhook`));
      res = await officer.post(`/orgs/${s.board.slug}/recognition/programs/${s.programPublicId}/webhook`, {
        url: 'ftp://board.example/hook',
      });
      assert.equal(res.status, 422);
      assert.match(await res.text(), /Use an http\(s\) URL/);
      res = await officer.post(`/orgs/${s.board.slug}/recognition/programs/${s.programPublicId}/webhook`, {
        url: 'https://board.example/hook',
      });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<code id="webhook-secret">whsec_[A-Za-z0-9_-]+<\/code>/);
      assert.doesNotMatch(
        await (
          await officer.get(`/orgs/${s.board.slug}/recognition/programs/${s.programPublicId}/webhook`)
        ).text(),
        /whsec_/,
        'the secret is shown once',
      );

      // Tenancy: another organisation's officer and another earner see nothing.
      const other = await buildOrganisation(storage.db, { kind: 'recognizer' });
      const stranger = await buildUser(storage.db);
      await addMember(storage.db, other.id, stranger.id, ['recognition_officer']);
      const strangerBrowser = await loggedIn(app, stranger);
      for (const path of [
        `/orgs/${s.board.slug}/recognition/notices`,
        `/orgs/${s.board.slug}/recognition/notices/${noticeId}`,
        `/orgs/${s.board.slug}/recognition/notices/${noticeId}/credential.json`,
        `/orgs/${s.board.slug}/recognition/roster`,
        `/orgs/${s.board.slug}/recognition/roster.csv`,
        `/orgs/${s.board.slug}/recognition/licenses`,
        `/orgs/${other.slug}/recognition/notices/${noticeId}`,
        `/me/licenses/${licenseId}`,
        `/me/licenses/${licenseId}/transcript.json`,
      ]) {
        assert.equal((await strangerBrowser.get(path)).status, 404, path);
      }
      assert.equal(
        (await strangerBrowser.post(`/orgs/${s.board.slug}/recognition/notices/${noticeId}/dismiss`)).status,
        404,
      );
      assert.equal(
        (await strangerBrowser.post(`/orgs/${other.slug}/recognition/licenses/${licenseId}/confirm`)).status,
        404,
      );
    });
  });
}
