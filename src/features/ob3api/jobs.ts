import { defineJob } from '../../jobs/definition.ts';
import type { ScheduleDefinition } from '../../jobs/schedules.ts';
import { purgeExpiredModels } from './queries.ts';
import { purgeOauthModels } from './jobTypes.ts';

/** Deletes the authorization server's expired codes, grants, sessions and tokens. */
export const purgeOauthModelsJob = defineJob({
  ...purgeOauthModels,
  async handle(_payload, { db, clock, logger }) {
    const n = await purgeExpiredModels(db, clock.now());
    if (n) logger.info('purged expired OAuth records', { count: n });
  },
});

export const ob3Jobs = [purgeOauthModelsJob];
export const ob3Schedules: ScheduleDefinition[] = [
  { name: 'purge-oauth-models', jobType: purgeOauthModelsJob.type, everySeconds: 3600 },
];
