import { z } from 'zod';
import { MINUTE } from '../../domain/clock.ts';
import { purgeExpiredSessions } from '../../storage/sessions.ts';
import { purgeLoginFailures } from './queries/loginFailures.ts';
import { defineJob } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';

const scheduled = z.object({ schedule: z.string().optional(), slot: z.string().optional() });

/** Deletes sessions past their expiry. */
export const purgeSessionsJob = defineJob({
  type: 'sessions.purge_expired',
  payload: scheduled,
  async handle(_payload, { db, clock, logger }) {
    const n = await purgeExpiredSessions(db, clock.now());
    if (n) logger.info('purged expired sessions', { count: n });
  },
});

/** Deletes login failures older than the rate-limit window. */
export const purgeLoginFailuresJob = defineJob({
  type: 'login_failures.purge',
  payload: scheduled,
  async handle(_payload, { db, clock, config }) {
    await purgeLoginFailures(db, new Date(clock.now().getTime() - config.loginWindowMinutes * MINUTE));
  },
});

/** Housekeeping that runs on a timer in whichever worker gets there first. */
export const maintenanceSchedules: ScheduleDefinition[] = [
  { name: 'purge-sessions', jobType: purgeSessionsJob.type, everySeconds: 3600 },
  { name: 'purge-login-failures', jobType: purgeLoginFailuresJob.type, everySeconds: 3600 },
];
