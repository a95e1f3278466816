import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

/** Re-evaluates an earner's pathways after one of their credentials was issued or revoked. */
export const evaluatePathways = jobType(
  'pathways.evaluate',
  z.object({ organisationId: z.number().int(), recipientEmail: z.string() }),
);
