import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../testing/databases.ts';
import { testConfig } from '../testing/http.ts';
import { startSmtpSink } from '../testing/smtp.ts';
import { ManualClock, HOUR } from '../domain/clock.ts';
import { silentLogger } from '../logger.ts';
import { Worker } from '../jobs/worker.ts';
import type { JobDefinition } from '../jobs/definition.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { outboxOnlyMailer, smtpMailer, type Mailer } from './mailer.ts';
import { DELIVER_MAIL, listOutbox, queueMail } from './outbox.ts';
import { deliverMailJob } from './deliverJob.ts';
import { confirmEmailMail, invitationMail, passwordChangedMail, resetPasswordMail } from './templates.tsx';
import type { Storage } from '../storage/database.ts';

const worker = (storage: Storage, clock: ManualClock, mailer: Mailer) =>
  new Worker({ deps: { db: storage.db, clock, logger: silentLogger, mailer, config: testConfig({ MAIL_FROM: 'Cairn <badges@cairn.test>' }) }, jobs: [deliverMailJob as JobDefinition<unknown>], concurrency: 2, pollMs: 20 });

for (const backend of testBackends()) {
  describe(`mail through a real SMTP server (${backend.name})`, () => {
    test('a queued message is delivered by a job with its HTML and text parts', async () => {
      const storage = await backend.storage();
      const smtp = await startSmtpSink();
      const clock = new ManualClock(new Date());
      const to = `${unique('ada')}@example.org`;
      await queueMail(storage.db, to, confirmEmailMail({ name: 'Ada <Lovelace>', link: 'http://cairn.test/confirm-email/abc', newAddress: false }), clock.now());
      await worker(storage, clock, smtpMailer(smtp.url)).drain();
      const got = smtp.received.filter((m) => m.subject && (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)));
      assert.equal(got.length, 1);
      const mail = got[0]!;
      assert.match(mail.from?.text ?? '', /badges@cairn\.test/);
      assert.match(mail.text ?? '', /http:\/\/cairn\.test\/confirm-email\/abc/);
      assert.match(String(mail.html), /href="http:\/\/cairn\.test\/confirm-email\/abc"/);
      assert.match(String(mail.html), /Ada &lt;Lovelace&gt;/);
      const [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'sent');
      assert.ok(row?.message_id);
      await smtp.close();
    });

    test('an SMTP outage delays mail and never loses or duplicates it', async () => {
      const storage = await backend.storage();
      let down = true;
      const smtp = await startSmtpSink({ rejectWith: () => (down ? 'Service unavailable, try later' : null) });
      const clock = new ManualClock(new Date());
      const to = `${unique('bo')}@example.org`;
      await queueMail(storage.db, to, resetPasswordMail({ name: 'Bo', link: 'http://cairn.test/reset-password/xyz' }), clock.now());
      const w = worker(storage, clock, smtpMailer(smtp.url));
      await w.drain();
      let [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'queued', 'still waiting after a refused delivery');
      const job = await storage.db.selectFrom('jobs').selectAll().where('type', '=', DELIVER_MAIL).where('payload', '@>', JSON.stringify({ outboxId: row!.id }) as never).executeTakeFirstOrThrow();
      assert.equal(job.status, 'queued');
      assert.match(job.last_error ?? '', /Service unavailable/);
      down = false;
      clock.advance(HOUR);
      await w.drain();
      [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'sent');
      // A duplicate delivery job (e.g. re-enqueued by hand) does not send again.
      await enqueueJob(storage.db, DELIVER_MAIL, { outboxId: row!.id }, clock.now());
      await w.drain();
      assert.equal(smtp.received.filter((m) => (m.text ?? '').includes('reset-password/xyz')).length, 1);
      await smtp.close();
    });

    test('without SMTP_URL mail is kept in the outbox for the developer mailbox', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date());
      const to = `${unique('cy')}@example.org`;
      await queueMail(storage.db, to, passwordChangedMail({ name: 'Cy', resetLink: 'http://cairn.test/forgot-password' }), clock.now());
      await worker(storage, clock, outboxOnlyMailer).drain();
      const [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'kept');
      assert.equal(row?.template, 'password_changed');
    });
  });
}

test('every template has a subject, a text and an HTML part with its link, and escapes what people typed', () => {
  const link = 'http://cairn.test/x?a=1&b=2';
  const mails = [
    confirmEmailMail({ name: '<b>Zoë</b>', link, newAddress: true }),
    resetPasswordMail({ name: '<b>Zoë</b>', link }),
    passwordChangedMail({ name: '<b>Zoë</b>', resetLink: link }),
    invitationMail({ organisationName: 'Union <script>', inviterName: 'Maria', roles: ['Reviewer', 'Designer'], link, expiresInDays: 14 }),
  ];
  for (const m of mails) {
    assert.ok(m.subject.length > 10, m.template);
    assert.ok(m.text.includes(link), `${m.template} text has the link`);
    assert.ok(m.html.includes('http://cairn.test/x?a=1&amp;b=2'), `${m.template} html has the escaped link`);
    assert.doesNotMatch(m.html, /<b>Zoë<\/b>|<script>/, `${m.template} escapes`);
  }
  assert.match(mails[3]!.text, /Reviewer, Designer/);
  assert.match(mails[3]!.subject, /Maria invited you to join Union <script>/);
});
