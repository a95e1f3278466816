import { z } from 'zod';
import { jobType } from '../../jobs/definition.ts';

/** Deletes the authorization server's expired codes, grants, sessions and tokens (on a schedule). */
export const purgeOauthModels = jobType(
  'oauth.purge_expired',
  z.object({ schedule: z.string().optional(), slot: z.string().optional() }),
);
