import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

const scheduled = z.object({ schedule: z.string().optional(), slot: z.string().optional() });

/** Deletes sessions past their expiry (on a schedule). */
export const purgeSessions = jobType('sessions.purge_expired', scheduled);

/** Deletes login failures older than the rate-limit window (on a schedule). */
export const purgeLoginFailures = jobType('login_failures.purge', scheduled);
