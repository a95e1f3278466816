import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

const credential = z.object({ credentialId: z.number().int() });

/** Writes the completion notices of a credential issued for a recognized version or pathway. */
export const notifyRecognizers = jobType('recognition.notify', credential);

/** Reverses the credit of a revoked credential. */
export const reverseCredits = jobType('recognition.reverse_credits', credential);

/** The daily digest of completion notices to recognition officers (enqueued by its schedule). */
export const sendNoticeDigests = jobType(
  'recognition.digest',
  z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
);
