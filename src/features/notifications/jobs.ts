import { defineJob, type JobDefinition } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';
import { inTransaction } from '../../storage/database.ts';
import { queueMail } from '../../mail/outbox.ts';
import {
  digestItemsOf,
  digestRecipients,
  notificationForEmail,
  personForDigest,
  setEmailState,
} from './queries.ts';
import { digestMail, notificationMail } from './mail.tsx';
import { sendNotificationDigests, sendNotificationEmail } from './jobTypes.ts';

/**
 * Emails one notification through the outbox. Idempotent: the notification is locked and only a
 * `pending` one is mailed (then marked `sent`), so a retried job never queues the mail twice.
 */
export const notificationEmailJob = defineJob({
  ...sendNotificationEmail,
  async handle({ notificationId }, { db, clock, config }) {
    await inTransaction(db, async (tx) => {
      const n = await notificationForEmail(tx, notificationId);
      if (!n || n.email !== 'pending') return;
      const now = clock.now();
      if (!n.address || n.deleted_at) {
        await setEmailState(tx, [n.id], 'none', now);
        return;
      }
      await queueMail(
        tx,
        n.address,
        notificationMail({ publicUrl: config.publicUrl, name: n.name, kind: n.kind, data: n.data }),
        now,
        { organisationId: n.organisation_id },
      );
      await setEmailState(tx, [n.id], 'sent', now);
    });
  },
});

/**
 * The daily digest: for each person with digest items made before now, one email listing them,
 * queued in the transaction that marks them `digested` — an item is in one digest only.
 */
export const notificationDigestJob = defineJob({
  ...sendNotificationDigests,
  async handle(_payload, { db, clock, config }) {
    const now = clock.now();
    for (const userId of await digestRecipients(db, now)) {
      await inTransaction(db, async (tx) => {
        const items = await digestItemsOf(tx, userId, now);
        if (!items.length) return;
        const person = await personForDigest(tx, userId);
        const ids = items.map((i) => i.id);
        if (!person?.address || person.deleted_at) {
          await setEmailState(tx, ids, 'none', now);
          return;
        }
        await queueMail(
          tx,
          person.address,
          digestMail({ publicUrl: config.publicUrl, name: person.name, items }),
          now,
        );
        await setEmailState(tx, ids, 'digested', now);
      });
    }
  },
});

export const notificationJobs = [notificationEmailJob, notificationDigestJob] as JobDefinition<unknown>[];

/** The digest goes out once a day, whichever process ticks first. */
export const notificationSchedules: ScheduleDefinition[] = [
  { name: 'notification-digest', jobType: sendNotificationDigests.type, everySeconds: 86_400 },
];
