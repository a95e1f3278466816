import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

/** Re-evaluates an earner's pathways after one of their credentials was issued or revoked. */
export const evaluatePathways = jobType(
  'pathways.evaluate',
  z.object({ organisationId: z.number().int(), recipientEmail: z.string() }),
);

/** Re-signs and republishes a status list after revocations, suspensions or reinstatements. */
export const republishStatusList = jobType('status_list.publish', z.object({ list: z.string() }));

/** Issues a bulk award run's pending rows (a run has several of these jobs sharing its rows). */
export const issueAwardRun = jobType(
  'awards.issue',
  z.object({ runId: z.number().int(), part: z.number().int().nonnegative() }),
);

/** The dry run of a large bulk award run (every row checked), off the request. */
export const checkAwardRun = jobType(
  'awards.check',
  z.object({ runId: z.number().int(), mapping: z.record(z.string(), z.string()) }),
);

/** One reminder for badges still unclaimed a week after they were issued (run hourly by a schedule). */
export const sendUnclaimedReminders = jobType(
  'claims.remind',
  z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
);

/** Makes the VC-JWT of credentials issued before every credential got one at issue time (schedule). */
export const fillCredentialJwtsJob = jobType(
  'credentials.fill_jwts',
  z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
);
