import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

const scheduled = z.object({ schedule: z.string().optional(), slot: z.string().optional() });

/** Emails one notification (enqueued by the database when the notification is made, migration 0025). */
export const sendNotificationEmail = jobType(
  'notifications.email',
  z.object({ notificationId: z.number().int() }),
);

/** The daily digest of notifications for people who chose one. */
export const sendNotificationDigests = jobType('notifications.digest', scheduled);
