import { defineJob, PermanentJobError } from '../../../jobs/definition.ts';
import { fillCredentialJwts } from '../commands/fillCredentialJwts.ts';
import { fillCredentialJwtsJob } from '../jobTypes.ts';

/** Fills in the VC-JWTs credentials issued before every credential got one at issue time. */
export const fillCredentialJwtsJobDefinition = defineJob({
  ...fillCredentialJwtsJob,
  async handle(_payload, { db, credentials }) {
    if (!credentials) throw new PermanentJobError('This worker has no credential services');
    await fillCredentialJwts({ db, vault: credentials.vault });
  },
});

/** Runs when a process first starts after the upgrade (a new schedule is due at once), then daily. */
export const credentialJwtSchedules = [
  { name: 'credentials-fill-jwts', jobType: fillCredentialJwtsJob.type, everySeconds: 86_400 },
];
