import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

/** Attempts before a delivery goes dead (the receiver has been down for about a day by then). */
export const DELIVERY_MAX_ATTEMPTS = 8;

/**
 * Sends one webhook delivery. Most are enqueued by the database itself, in the transaction that
 * records the audit event (migration 0020 names this job type); a replay enqueues it from here.
 */
export const deliverWebhook = jobType('webhooks.deliver', z.object({ deliveryId: z.number().int() }));
