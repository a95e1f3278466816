import { defineJob, PermanentJobError } from '../jobs/definition.ts';
import { deliverMail } from './outbox.ts';
import { retryWhileUnavailable } from '../storage/pg/unavailable.ts';

/** What an outbox row keeps of a delivered message's body. */
export const SENT_BODY = 'Delivered; the body is not kept after delivery (its links are secrets).';

/** How long a sender owns a message it is sending: far longer than the SMTP timeouts. */
export const SENDING_CLAIM_MS = 10 * 60 * 1000;

/**
 * Delivers one outbox message. Idempotent: a message already sent (or kept) is left alone, so a
 * retried or duplicated job never sends twice. An SMTP failure throws, and the queue retries it
 * with backoff: an outage delays mail, never loses it.
 */
export const deliverMailJob = defineJob({
  ...deliverMail,
  maxAttempts: 12,
  async handle({ outboxId }, { db, mailer, config, clock }) {
    const message = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', outboxId)
      .executeTakeFirst();
    if (!message) throw new PermanentJobError(`Outbox message ${outboxId} does not exist`);
    if (message.status === 'sent' || message.status === 'kept') return;
    if (!mailer.delivers) {
      await db
        .updateTable('mail_outbox')
        .set({ status: 'kept' })
        .where('id', '=', outboxId)
        .where('status', '=', 'queued')
        .execute();
      return;
    }
    // Claim the message before talking to SMTP: one sender at a time, and a crashed sender's
    // claim runs out (SENDING_CLAIM_MS, longer than any SMTP exchange) so a retry can send it.
    const now = clock.now();
    const claimed = await db
      .updateTable('mail_outbox')
      .set({ status: 'sending', sending_until: new Date(now.getTime() + SENDING_CLAIM_MS) })
      .where('id', '=', outboxId)
      .where((w) =>
        w.or([
          w('status', '=', 'queued'),
          w.and([w('status', '=', 'sending'), w('sending_until', '<', now)]),
        ]),
      )
      .returning('id')
      .executeTakeFirst();
    if (!claimed) {
      const current = await db
        .selectFrom('mail_outbox')
        .select(['status', 'sending_until'])
        .where('id', '=', outboxId)
        .executeTakeFirstOrThrow();
      if (current.status === 'sending')
        throw new Error(`Outbox message ${outboxId} is being sent by another worker; checking again later`);
      return;
    }
    let messageId: string;
    try {
      ({ messageId } = await mailer.send({
        from: config.mailFrom,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
      }));
    } catch (err) {
      await db
        .updateTable('mail_outbox')
        .set({ status: 'queued', sending_until: null })
        .where('id', '=', outboxId)
        .where('status', '=', 'sending')
        .execute();
      throw err;
    }
    // Once the mail server has it, the body (claim, reset and confirmation links are bearer
    // secrets) is not kept: subject, recipient, template and message id stay for the record.
    // Sent is sent: a database blip here is waited out, or a retry would send it again.
    const sentAt = clock.now();
    await retryWhileUnavailable(
      () =>
        db
          .updateTable('mail_outbox')
          .set({
            status: 'sent',
            sent_at: sentAt,
            message_id: messageId,
            sending_until: null,
            text_body: SENT_BODY,
            html_body: `<p>${SENT_BODY}</p>`,
          })
          .where('id', '=', outboxId)
          .where('status', '=', 'sending')
          .execute(),
      60_000,
    );
  },
});
