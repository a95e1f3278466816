import { z } from 'zod';
import { remindUnclaimed } from '../commands/claimCredential.ts';
import { defineJob } from '../../../jobs/definition.ts';

export const REMIND_UNCLAIMED = 'claims.remind';

/** One reminder for badges still unclaimed a week after they were issued (hourly). */
export const remindUnclaimedJob = defineJob({
  type: REMIND_UNCLAIMED,
  payload: z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
  async handle(_payload, deps) {
    await remindUnclaimed(deps);
  },
});

export const claimSchedules = [{ name: 'claims-remind', jobType: REMIND_UNCLAIMED, everySeconds: 3600 }];
