import { AppError } from '../../../domain/errors.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { inTransaction, type Db, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { organisationKeys, type CredentialServices } from '../../../signing/organisationSigner.ts';
import { awardContext, type AwardContext } from '../awardFacts.ts';
import {
  isRetryableConflict,
  issueAwardBatch,
  publishNewLists,
  type AwardItem,
  type IndexLane,
} from './issueBatch.ts';
import { AWARD_BATCH_SIZE, AWARD_JOBS_PER_RUN, AWARD_LEASE_MS } from './bulkAward.ts';
import {
  lockPendingRows,
  markRunDone,
  markRunFailed,
  markRunRunning,
  recordBatchOutcomes,
  renewJobLease,
  runToIssue,
} from '../queries/awardRunSteps.ts';

// The issuing jobs of a bulk award run (see bulkAward.ts for upload, mapping, dry run and start).

type Deps = CommandDeps & { credentials: CredentialServices };

/** Marks a run failed (its job gave up); rows already issued stay issued, pending ones can be retried by an administrator. */
export async function failAwardRun(db: Db, runId: number, error: string, now: Date): Promise<void> {
  await markRunFailed(db, runId, error, now);
}

/** Extends a running job's lease (a heartbeat); false when another worker took it over. */
async function renewLease(
  db: Db,
  jobId: number | undefined,
  worker: string | null | undefined,
  now: Date,
): Promise<void> {
  if (jobId === undefined || !worker) return;
  await renewJobLease(db, jobId, worker, new Date(now.getTime() + AWARD_LEASE_MS), now);
}

interface RunToIssue {
  id: number;
  public_id: string;
  organisation_id: number;
  created_by: number | null;
}

/**
 * Marks the run running (a failed run's job retried by an administrator picks it up again) and
 * gathers what its credentials share; null when there is nothing to do or it can no longer issue.
 */
async function startRunning(
  deps: Deps,
  runId: number,
): Promise<{ run: RunToIssue; ctx: AwardContext } | null> {
  const { db, clock } = deps;
  const run = await runToIssue(db, runId);
  if (!run || !['queued', 'running', 'failed'].includes(run.state)) return null;
  await markRunRunning(db, run, clock.now());
  try {
    const ctx = await awardContext(deps, {
      organisationId: run.organisation_id,
      microCredential: run.mc_public_id,
      version: run.micro_credential_version,
      issuedBy: run.created_by,
    });
    return { run, ctx };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The micro-credential or organisation can no longer issue: the run fails, with the reason.
    await markRunFailed(db, run.id, err.message, clock.now(), { always: true });
    return null;
  }
}

/** The next pending rows of the run, locked (rows another job holds are skipped), as award items. */
async function takePendingRows(tx: Tx, runId: number, batchSize: number): Promise<AwardItem[]> {
  const rows = await lockPendingRows(tx, runId, batchSize);
  return rows.map((r) => {
    const evidence =
      r.evidence_url || r.narrative
        ? [
            {
              ...(r.evidence_url ? { id: r.evidence_url } : {}),
              ...(r.narrative ? { narrative: r.narrative } : {}),
            },
          ]
        : undefined;
    return {
      ref: r.row_number,
      email: r.email!,
      externalId: r.external_id ?? '',
      name: r.name ?? undefined,
      creditsEarned: r.credits ?? undefined,
      validFrom: r.issued_on ?? undefined,
      evidence,
    };
  });
}

/**
 * Issues one batch of pending rows and marks them, in one transaction (redone on a lost race for
 * an award key or a status index); false when no pending row was left.
 */
async function issueOneBatch(
  deps: Deps,
  run: RunToIssue,
  ctx: AwardContext,
  batch: { size: number; lane: IndexLane },
): Promise<boolean> {
  const { db, clock } = deps;
  for (let attempt = 1; ; attempt++) {
    try {
      // The signing key, read once per batch (outside its transaction) and handed down.
      const keys = await organisationKeys(db, deps.credentials.vault, run.organisation_id, clock.now());
      const result = await inTransaction(db, async (tx) => {
        const items = await takePendingRows(tx, run.id, batch.size);
        if (items.length === 0) return null;
        const { outcomes, newLists } = await issueAwardBatch(deps, tx, {
          ctx,
          items,
          keys,
          lane: batch.lane,
        });
        const marks = outcomes.map((o) => ({
          n: o.ref,
          state: o.state,
          credential_id: o.state === 'invalid' ? null : o.credentialId,
          error: o.state === 'invalid' ? o.error : o.state === 'skipped' ? o.reason : null,
        }));
        const count = (s: string) => outcomes.filter((o) => o.state === s).length;
        await recordBatchOutcomes(
          tx,
          run.id,
          marks,
          { issued: count('issued'), skipped: count('skipped'), invalid: count('invalid') },
          clock.now(),
        );
        return { newLists };
      });
      if (!result) return false;
      await publishNewLists(db, deps, result.newLists, keys);
      return true;
    } catch (err) {
      // Another batch won a race for an award key or a status index: redo this batch.
      if (isRetryableConflict(err) && attempt < 5) continue;
      throw err;
    }
  }
}

/** Marks the run done once no pending row is left (only one of its jobs does), with an audit entry. */
async function finishRun(db: Db, run: RunToIssue, now: Date): Promise<void> {
  const totals = await markRunDone(db, run.id, now);
  if (!totals) return;
  await recordAudit(
    db,
    {
      organisationId: run.organisation_id,
      actorUserId: run.created_by,
      action: 'award_run.finished',
      subjectType: 'award_run',
      subjectId: run.public_id,
      data: { issued: totals.issued_rows, skipped: totals.skipped_rows },
      ip: null,
    },
    now,
  );
}

/**
 * The issuing job's work: takes pending rows of the run in batches (rows locked by another job
 * are skipped, so several jobs share a run), issues each batch and marks its rows in one
 * transaction, and marks the run done when no pending row is left. Safe to run again after a
 * crash at any point: committed batches are not pending any more, and award keys refuse repeats.
 */
export async function processAwardRun(
  deps: Deps,
  runId: number,
  job?: { id: number; worker: string | null },
  options: { batchSize?: number; part?: number } = {},
): Promise<void> {
  const size = options.batchSize ?? AWARD_BATCH_SIZE;
  // Each of a run's jobs picks status indexes in its own lane, so concurrent batches never collide.
  const lane = { lane: (options.part ?? 0) % AWARD_JOBS_PER_RUN, of: AWARD_JOBS_PER_RUN };
  const { db, clock } = deps;
  await renewLease(db, job?.id, job?.worker, clock.now());
  const started = await startRunning(deps, runId);
  if (!started) return;
  const { run, ctx } = started;
  for (;;) {
    const more = await issueOneBatch(deps, run, ctx, { size, lane });
    await renewLease(db, job?.id, job?.worker, clock.now());
    if (!more) break;
  }
  await finishRun(db, run, clock.now());
}
