import { publishStatusList } from '../../../signing/organisationSigner.ts';
import { republishStatusList } from '../jobTypes.ts';
import { defineJob, PermanentJobError } from '../../../jobs/definition.ts';

/** Re-signs and republishes a status list after revocations, suspensions or reinstatements. */
export const publishStatusListJob = defineJob({
  ...republishStatusList,
  async handle({ list }, { db, config, clock, credentials }) {
    if (!credentials) throw new PermanentJobError('This worker has no credential services');
    await publishStatusList(db, credentials, config, list, clock.now());
  },
});
