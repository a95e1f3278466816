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
import { deliverMailJob, SENDING_CLAIM_MS, SENT_BODY } from './deliverJob.ts';
import { confirmEmailMail, invitationMail, passwordChangedMail, resetPasswordMail } from './templates.tsx';
import type { Storage } from '../storage/database.ts';

const worker = (storage: Storage, clock: ManualClock, mailer: Mailer) =>
  new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer,
      config: testConfig({ MAIL_FROM: 'Cairn <badges@cairn.test>' }),
    },
    jobs: [deliverMailJob as JobDefinition<unknown>],
    concurrency: 2,
    pollMs: 20,
  });

for (const backend of testBackends()) {
  describe(`mail through a real SMTP server (${backend.name})`, () => {
    test('a queued message is delivered by a job with its HTML and text parts', async () => {
      const storage = await backend.storage();
      const smtp = await startSmtpSink();
      const clock = new ManualClock(new Date());
      const to = `${unique('ada')}@example.org`;
      await queueMail(
        storage.db,
        to,
        confirmEmailMail({
          name: 'Ada <Lovelace>',
          link: 'http://cairn.test/confirm-email/abc',
          newAddress: false,
        }),
        clock.now(),
      );
      await worker(storage, clock, smtpMailer(smtp.url)).drain();
      const got = smtp.received.filter(
        (m) => m.subject && (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)),
      );
      assert.equal(got.length, 1);
      const mail = got[0]!;
      assert.match(mail.from?.text ?? '', /badges@cairn\.test/);
      assert.match(mail.text ?? '', /http:\/\/cairn\.test\/confirm-email\/abc/);
      assert.match(String(mail.html), /href="http:\/\/cairn\.test\/confirm-email\/abc"/);
      assert.match(String(mail.html), /Ada &lt;Lovelace&gt;/);
      const [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'sent');
      assert.ok(row?.message_id);
      assert.equal(row?.text_body, SENT_BODY, 'the link is not kept once the mail server has it');
      assert.doesNotMatch(row?.html_body ?? '', /confirm-email/);
      await smtp.close();
    });

    test('an SMTP outage delays mail and never loses or duplicates it', async () => {
      const storage = await backend.storage();
      let down = true;
      const smtp = await startSmtpSink({
        rejectWith: () => (down ? 'Service unavailable, try later' : null),
      });
      const clock = new ManualClock(new Date());
      const to = `${unique('bo')}@example.org`;
      await queueMail(
        storage.db,
        to,
        resetPasswordMail({ name: 'Bo', link: 'http://cairn.test/reset-password/xyz' }),
        clock.now(),
      );
      const w = worker(storage, clock, smtpMailer(smtp.url));
      await w.drain();
      let [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'queued', 'still waiting after a refused delivery');
      const job = await storage.db
        .selectFrom('jobs')
        .selectAll()
        .where('type', '=', DELIVER_MAIL)
        .where('payload', '@>', JSON.stringify({ outboxId: row!.id }) as never)
        .executeTakeFirstOrThrow();
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

    test('two deliveries of one message at once (a lease that ran out during a slow SMTP exchange) send it once; a crashed sender’s claim runs out', async () => {
      const storage = await backend.storage();
      const smtp = await startSmtpSink();
      const clock = new ManualClock(new Date());
      const to = `${unique('dee')}@example.org`;
      const real = smtpMailer(smtp.url);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let sends = 0;
      const slow: Mailer = { delivers: true, send: async (mail) => (sends++, await gate, real.send(mail)) };
      const { outboxId } = await queueMail(
        storage.db,
        to,
        resetPasswordMail({ name: 'Dee', link: 'http://cairn.test/reset-password/slow' }),
        clock.now(),
      );
      const jobOf = (id: number) =>
        storage.db
          .selectFrom('jobs')
          .selectAll()
          .where('type', '=', DELIVER_MAIL)
          .where('payload', '@>', JSON.stringify({ outboxId: id }) as never)
          .executeTakeFirstOrThrow();
      const deps = {
        db: storage.db,
        clock,
        logger: silentLogger,
        mailer: slow,
        config: testConfig({ MAIL_FROM: 'Cairn <badges@cairn.test>' }),
        job: await jobOf(outboxId),
      };
      const first = deliverMailJob.handle({ outboxId }, deps);
      await new Promise((r) => setTimeout(r, 50));
      await assert.rejects(deliverMailJob.handle({ outboxId }, deps), /being sent by another worker/);
      release();
      await first;
      assert.equal(sends, 1);
      assert.equal(smtp.received.filter((m) => (m.text ?? '').includes('reset-password/slow')).length, 1);
      // A sender that died mid-send leaves a claim; once it runs out, a retry sends the message.
      const { outboxId: orphan } = await queueMail(
        storage.db,
        to,
        resetPasswordMail({ name: 'Dee', link: 'http://cairn.test/reset-password/orphan' }),
        clock.now(),
      );
      await storage.db
        .updateTable('mail_outbox')
        .set({ status: 'sending', sending_until: new Date(clock.now().getTime() + SENDING_CLAIM_MS) })
        .where('id', '=', orphan)
        .execute();
      const retry = { ...deps, mailer: real, job: await jobOf(orphan) };
      await assert.rejects(
        deliverMailJob.handle({ outboxId: orphan }, retry),
        /being sent by another worker/,
      );
      clock.advance(SENDING_CLAIM_MS + 1000);
      await deliverMailJob.handle({ outboxId: orphan }, retry);
      const [row] = await listOutbox(storage.db, { limit: 1, to });
      assert.equal(row?.status, 'sent');
      assert.equal(smtp.received.filter((m) => (m.text ?? '').includes('reset-password/orphan')).length, 1);
      await smtp.close();
    });

    test('without SMTP_URL mail is kept in the outbox for the developer mailbox', async () => {
      const storage = await backend.storage();
      const clock = new ManualClock(new Date());
      const to = `${unique('cy')}@example.org`;
      await queueMail(
        storage.db,
        to,
        passwordChangedMail({ name: 'Cy', resetLink: 'http://cairn.test/forgot-password' }),
        clock.now(),
      );
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
    invitationMail({
      organisationName: 'Union <script>',
      inviterName: 'Maria',
      roles: ['Reviewer', 'Designer'],
      link,
      expiresInDays: 14,
    }),
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
