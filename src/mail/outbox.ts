import { publicId } from '../domain/ids.ts';
import type { Queryable } from '../storage/database.ts';
import type { MailMessageRow } from '../storage/schema.ts';
import { z } from 'zod';
import { jobType } from '../jobs/definition.ts';
import type { RenderedMail } from './templates.tsx';

export const DELIVER_MAIL = 'mail.deliver';

/** The delivery of one outbox message (the handler is deliverJob.ts). */
export const deliverMail = jobType(DELIVER_MAIL, z.object({ outboxId: z.number().int() }));

/** The options every delivery job is queued with: one per message, twelve attempts. */
export const deliveryOptions = (mailPublicId: string, organisationId: number | null) => ({
  idempotencyKey: `mail:${mailPublicId}`,
  maxAttempts: 12,
  organisationId,
});

/**
 * Stores a message in the outbox and enqueues its delivery, in the caller's transaction when
 * given one: the mail exists exactly when the work that caused it commits.
 */
export async function queueMail(
  db: Queryable,
  to: string,
  mail: RenderedMail,
  now: Date,
  options: { organisationId?: number | null } = {},
): Promise<{ publicId: string; outboxId: number }> {
  const id = publicId('mail');
  const row = await db
    .insertInto('mail_outbox')
    .values({
      public_id: id,
      organisation_id: options.organisationId ?? null,
      template: mail.template,
      to_address: to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deliverMail.enqueue(
    db,
    { outboxId: row.id },
    now,
    deliveryOptions(id, options.organisationId ?? null),
  );
  return { publicId: id, outboxId: row.id };
}

/** Recent messages, newest first, optionally to one address. */
export async function listOutbox(
  db: Queryable,
  options: { limit: number; to?: string },
): Promise<MailMessageRow[]> {
  let q = db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.to) q = q.where('to_address', '=', options.to);
  return q.execute();
}

/** One message by public id. */
export async function findOutboxMessage(db: Queryable, id: string): Promise<MailMessageRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('public_id', '=', id).executeTakeFirst();
}
