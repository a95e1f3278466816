import { AWARD_LEASE_MS, checkAwardRunJob } from '../commands/bulkAward.ts';
import { failAwardRun, processAwardRun } from '../commands/processAwardRun.ts';
import { checkAwardRun, issueAwardRun } from '../jobTypes.ts';
import { defineJob, PermanentJobError } from '../../../jobs/definition.ts';

/**
 * Issues a bulk award run's pending rows. A run has several of these jobs sharing its rows;
 * each renews its lease after every batch, so a killed worker's job is taken over within
 * AWARD_LEASE_MS and finishes the run.
 */
export const issueAwardRunJob = defineJob({
  ...issueAwardRun,
  maxAttempts: 50,
  leaseMs: AWARD_LEASE_MS,
  async handle({ runId, part }, ctx) {
    if (!ctx.credentials) throw new PermanentJobError('This worker has no credential services');
    try {
      await processAwardRun(
        { ...ctx, credentials: ctx.credentials },
        runId,
        { id: ctx.job.id, worker: ctx.job.locked_by },
        { part },
      );
    } catch (err) {
      // The last attempt: the run is marked failed (with the reason) instead of showing "issuing" for ever.
      if (ctx.job.attempts >= ctx.job.max_attempts)
        await failAwardRun(ctx.db, runId, (err as Error).message, ctx.clock.now());
      throw err;
    }
  },
});

/** The dry run of a large bulk award run (every row checked), off the request. */
export const checkAwardRunJobDefinition = defineJob({
  ...checkAwardRun,
  maxAttempts: 5,
  async handle({ runId, mapping }, ctx) {
    if (!ctx.credentials) throw new PermanentJobError('This worker has no credential services');
    await checkAwardRunJob({ ...ctx, credentials: ctx.credentials }, runId, mapping);
  },
});
