import { z } from 'zod';
import { publishStatusList } from '../../../signing/organisationSigner.ts';
import { PUBLISH_STATUS_LIST } from '../commands/changeCredentialStatus.ts';
import { defineJob, PermanentJobError } from '../../../jobs/definition.ts';

/** Re-signs and republishes a status list after revocations, suspensions or reinstatements. */
export const publishStatusListJob = defineJob({
  type: PUBLISH_STATUS_LIST,
  payload: z.object({ list: z.string() }),
  async handle({ list }, { db, config, clock, credentials }) {
    if (!credentials) throw new PermanentJobError('This worker has no credential services');
    await publishStatusList(db, credentials, config, list, clock.now());
  },
});
