import type { Clock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../storage/database.ts';
import { silentLogger } from '../logger.ts';
import { outboxOnlyMailer } from '../mail/mailer.ts';
import { Worker } from '../jobs/worker.ts';
import type { JobDefinition } from '../jobs/definition.ts';
import { publishStatusListJob } from '../features/issuing/jobs/statusListJobs.ts';
import { testConfig, testCredentialServices } from './http.ts';

/**
 * Runs the queued `status_list.publish` jobs, as a worker would after a status change commits:
 * a status list is signed at write time by this job, and `GET /status/:id` only reads.
 */
export async function publishQueuedStatusLists(db: Db, clock: Clock, config: Config = testConfig()) {
  const worker = new Worker({
    deps: {
      db,
      clock,
      logger: silentLogger,
      mailer: outboxOnlyMailer,
      config,
      credentials: testCredentialServices(),
    },
    jobs: [publishStatusListJob as JobDefinition<unknown>],
    concurrency: 1,
    pollMs: 20,
  });
  await worker.drain();
}
