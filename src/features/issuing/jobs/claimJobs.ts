import { remindUnclaimed } from '../commands/claimLinks.ts';
import { defineJob } from '../../../jobs/definition.ts';

import { sendUnclaimedReminders } from '../jobTypes.ts';

/** One reminder for badges still unclaimed a week after they were issued (hourly). */
export const remindUnclaimedJob = defineJob({
  ...sendUnclaimedReminders,
  async handle(_payload, deps) {
    await remindUnclaimed(deps);
  },
});

export const claimSchedules = [
  { name: 'claims-remind', jobType: sendUnclaimedReminders.type, everySeconds: 3600 },
];
