import { z } from 'zod';
import { defineJob, PermanentJobError } from '../jobs/definition.ts';
import { DELIVER_MAIL } from './outbox.ts';

/**
 * Delivers one outbox message. Idempotent: a message already sent (or kept) is left alone, so a
 * retried or duplicated job never sends twice. An SMTP failure throws, and the queue retries it
 * with backoff: an outage delays mail, never loses it.
 */
export const deliverMailJob = defineJob({
  type: DELIVER_MAIL,
  payload: z.object({ outboxId: z.number().int() }),
  maxAttempts: 12,
  async handle({ outboxId }, { db, mailer, config, clock }) {
    const message = await db.selectFrom('mail_outbox').selectAll().where('id', '=', outboxId).executeTakeFirst();
    if (!message) throw new PermanentJobError(`Outbox message ${outboxId} does not exist`);
    if (message.status !== 'queued') return;
    if (!mailer.delivers) {
      await db.updateTable('mail_outbox').set({ status: 'kept' }).where('id', '=', outboxId).execute();
      return;
    }
    const { messageId } = await mailer.send({ from: config.mailFrom, to: message.to_address, subject: message.subject, text: message.text_body, html: message.html_body });
    await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: clock.now(), message_id: messageId }).where('id', '=', outboxId).where('status', '=', 'queued').execute();
  },
});
