import { MINUTE } from '../../domain/clock.ts';
import { purgeExpiredSessions } from '../../storage/sessions.ts';
import { purgeLoginFailures as deleteOldLoginFailures } from './queries/loginFailures.ts';
import { purgeLoginFailures, purgeSessions } from './jobTypes.ts';
import { defineJob } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';

/** Deletes sessions past their expiry. */
export const purgeSessionsJob = defineJob({
  ...purgeSessions,
  async handle(_payload, { db, clock, logger }) {
    const n = await purgeExpiredSessions(db, clock.now());
    if (n) logger.info('purged expired sessions', { count: n });
  },
});

/** Deletes login failures older than the rate-limit window. */
export const purgeLoginFailuresJob = defineJob({
  ...purgeLoginFailures,
  async handle(_payload, { db, clock, config }) {
    await deleteOldLoginFailures(db, new Date(clock.now().getTime() - config.loginWindowMinutes * MINUTE));
  },
});

/** Housekeeping that runs on a timer in whichever worker gets there first. */
export const maintenanceSchedules: ScheduleDefinition[] = [
  { name: 'purge-sessions', jobType: purgeSessionsJob.type, everySeconds: 3600 },
  { name: 'purge-login-failures', jobType: purgeLoginFailuresJob.type, everySeconds: 3600 },
];
