import { evaluatePathways as evaluatePathwaysJobType } from '../jobTypes.ts';
import { evaluatePathways } from '../commands/awardPathways.ts';
import { defineJob, PermanentJobError } from '../../../jobs/definition.ts';

/** Re-evaluates an earner's pathways after one of their credentials was issued or revoked. */
export const evaluatePathwaysJob = defineJob({
  ...evaluatePathwaysJobType,
  async handle({ organisationId, recipientEmail }, deps) {
    if (!deps.credentials) throw new PermanentJobError('This worker has no credential services');
    await evaluatePathways({ ...deps, credentials: deps.credentials }, organisationId, recipientEmail);
  },
});
