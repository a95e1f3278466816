import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { CsvError, parseCsv } from '../../../domain/csv.ts';
import { inTransaction, type Db } from '../../../storage/database.ts';
import type { AwardRowState } from '../../../storage/schema.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { checkAwardRun, issueAwardRun } from '../jobTypes.ts';
import type { CredentialServices } from '../../../signing/organisationSigner.ts';
import { organisationIdInput, systemActor, type ActingFor } from '../issuingActor.ts';
import { actFor, AWARD_RUN, type IssuingCommandInput } from '../issuerAccess.ts';
import { parseInput } from '../../../domain/validation.ts';
import { publishedAchievement } from '../awardFacts.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import { checkMapping, checkRow } from './awardRoster.ts';
import { findRun, stateCounts } from '../queries/awardRuns.ts';
import {
  claimRunForChecking,
  deleteAwardRun,
  finishDryRun,
  insertAwardRun,
  insertRosterRows,
  markRepeatedRows,
  markRunQueued,
  microCredentialPublicId,
  rosterRowsAfter,
  runForCheck,
  setRunChecking,
  setRunHeader,
  storeCheckedRows,
} from '../queries/awardRunSteps.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/**
 * Bulk award from a CSV roster: upload (streamed, stored in batches), map columns, dry run with
 * a per-row report, then issue as jobs that take pending rows in batches. Each batch issues its
 * credentials and marks its rows in one transaction, so a crash loses at most the batch in
 * flight, which the restarted job redoes; award keys keep a row from ever being issued twice.
 * The roster's columns and row checks are in awardRoster.ts, the issuing jobs in processAwardRun.ts.
 */

type Deps = CommandDeps & { credentials: CredentialServices };

/** Runs with more rows than this are checked (the dry run) in a job, not inside the request. */
export const INLINE_DRY_RUN_ROWS = 5_000;
/** Rows per issuing transaction. */
export const AWARD_BATCH_SIZE = 500;
/** Jobs per run: they share the pending rows (FOR UPDATE SKIP LOCKED), so two workers use two cores. */
export const AWARD_JOBS_PER_RUN = 2;
/** A running issuing job renews its lease this far ahead after every batch; a killed worker's job is taken over after it. */
export const AWARD_LEASE_MS = 15_000;
export const MAX_AWARD_ROWS = 1_000_000;
const UPLOAD_BATCH = 1_000;

/** Resolves a micro-credential of the organisation by public id (mc_…) or slug. */
async function microCredentialId(db: Db, organisationId: number, idOrSlug: string): Promise<string> {
  const found = await microCredentialPublicId(db, organisationId, idOrSlug.trim());
  if (!found)
    throw new AppError('validation_failed', commandMessage('errors.issuing.award.notPublished'), {
      microCredential: commandMessage('errors.issuing.award.choosePublished'),
    });
  return found;
}

/**
 * Reads the roster: the first record is the header, every other record is stored as it arrives,
 * a thousand at a time. A file that cannot be read deletes the run it was for.
 */
async function storeRosterRows(
  db: Db,
  runId: number,
  source: AsyncIterable<string | Uint8Array>,
): Promise<{ header: string[]; total: number }> {
  let header: string[] | null = null;
  let total = 0;
  let batch: Array<{ run_id: number; row_number: number; cells: string; state: AwardRowState }> = [];
  const flush = async () => {
    await insertRosterRows(db, batch);
    batch = [];
  };
  try {
    for await (const record of parseCsv(source)) {
      if (!header) {
        header = record.cells.map((c, i) => c.trim() || `Column ${i + 1}`);
        const dup = header.find((h, i) => header!.indexOf(h) !== i);
        if (dup)
          throw new AppError(
            'validation_failed',
            commandMessage('errors.issuing.bulk.duplicateColumn', { column: dup }),
            { file: commandMessage('errors.issuing.bulk.distinctColumns') },
          );
        continue;
      }
      total++;
      if (total > MAX_AWARD_ROWS)
        throw new AppError(
          'validation_failed',
          commandMessage('errors.issuing.bulk.tooManyRows', { max: MAX_AWARD_ROWS.toLocaleString('en') }),
          { file: commandMessage('errors.issuing.bulk.tooManyRowsShort') },
        );
      // The row number is the record's first line in the file, so people can find it.
      batch.push({
        run_id: runId,
        row_number: record.line,
        cells: JSON.stringify(record.cells),
        state: 'unchecked',
      });
      if (batch.length >= UPLOAD_BATCH) await flush();
    }
    await flush();
    if (!header)
      throw new AppError('validation_failed', commandMessage('errors.issuing.bulk.emptyFile'), {
        file: commandMessage('errors.issuing.bulk.empty'),
      });
    if (total === 0)
      throw new AppError('validation_failed', commandMessage('errors.issuing.bulk.noRows'), {
        file: commandMessage('errors.issuing.bulk.noRowsShort'),
      });
  } catch (err) {
    await deleteAwardRun(db, runId);
    if (err instanceof CsvError)
      throw new AppError(
        'validation_failed',
        commandMessage('errors.issuing.bulk.notCsv', { reason: err.message }),
        {
          file: err.message,
        },
      );
    throw err;
  }
  return { header, total };
}

/**
 * Creates a run from a CSV stream: the first record is the header, every other record is
 * stored as it arrives, a thousand at a time. A file that cannot be read leaves no run behind.
 */
const createRunInput = organisationIdInput.extend({
  microCredential: z.string().trim().default(''),
  fileName: z.string().trim().default(''),
  /** The CSV, as it arrives (a request body, a file): read once, as a stream. */
  source: z.custom<AsyncIterable<string | Uint8Array>>(
    (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && Symbol.asyncIterator in v),
    commandMessage('errors.issuing.bulk.sendCsv'),
  ),
});

export async function createAwardRun(
  deps: Deps,
  { actor: caller, ...call }: IssuingCommandInput,
): Promise<{ publicId: string; header: string[]; total: number }> {
  const { organisationId, source, ...input } = parseInput(createRunInput, call);
  const actor = await actFor(deps.db, caller, organisationId, AWARD_RUN);
  const { db, clock } = deps;
  const mcPublicId = await microCredentialId(db, actor.organisationId, input.microCredential);
  const { microCredential } = await publishedAchievement(deps, actor.organisationId, mcPublicId);
  const now = clock.now();
  const run = await insertAwardRun(db, {
    publicId: publicId('run'),
    organisationId: actor.organisationId,
    microCredential,
    fileName: (input.fileName || 'roster.csv').slice(0, 200),
    createdBy: actor.userId,
    now,
  });
  const { header, total } = await storeRosterRows(db, run.id, source);
  await setRunHeader(db, run.id, header, total, clock.now());
  await recordAudit(
    db,
    {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'award_run.uploaded',
      subjectType: 'award_run',
      subjectId: run.public_id,
      data: { file: input.fileName, rows: total },
      ip: actor.ip,
    },
    clock.now(),
  );
  return { publicId: run.public_id, header, total };
}

export interface DryRunSummary {
  total: number;
  valid: number;
  invalid: number;
  duplicate: number;
  alreadyIssued: number;
  unusedColumns: string[];
}

/**
 * Saves the mapping and runs the dry run: every row is checked (email, values, cells beyond the
 * header), then rows repeating an earlier row's recipient and external id are marked duplicate
 * and rows whose credential already exists are marked already issued. Nothing is issued.
 */
const mapRunInput = organisationIdInput.extend({
  run: z.string().trim().min(1, commandMessage('errors.issuing.bulk.nameRun')),
  /** The column mapping as sent (checked against the file's header). */
  mapping: z.unknown(),
});

export async function mapAwardRun(
  deps: Deps,
  { actor: caller, ...input }: IssuingCommandInput,
): Promise<DryRunSummary> {
  const { organisationId, run: runPublicId, mapping: rawMapping } = parseInput(mapRunInput, input);
  const actor = await actFor(deps.db, caller, organisationId, AWARD_RUN);
  return checkRoster(deps, actor, runPublicId, rawMapping);
}

/** The dry run itself, for an actor already checked. */
async function checkRoster(
  deps: Deps,
  actor: ActingFor,
  runPublicId: string,
  rawMapping: unknown,
): Promise<DryRunSummary> {
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  const header = run.header;
  const { mapping, unusedColumns } = checkMapping(header, rawMapping);
  // Claim the run for checking first: a run that started issuing meanwhile (another tab) is left
  // alone, and starting cannot begin while its rows are being rewritten.
  if (!(await claimRunForChecking(db, run.id, clock.now())))
    throw new AppError('conflict', commandMessage('errors.issuing.bulk.started'));
  let after = 0;
  for (;;) {
    const rows = await rosterRowsAfter(db, run.id, after, UPLOAD_BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.row_number;
    const checked = rows.map((r) => checkRow(header, mapping, r.row_number, r.cells));
    await storeCheckedRows(db, run.id, checked);
  }
  await markRepeatedRows(db, run);
  const counts = await stateCounts(db, run.id);
  const summary: DryRunSummary = {
    total: run.total_rows,
    valid: counts.pending ?? 0,
    invalid: counts.invalid ?? 0,
    duplicate: counts.duplicate ?? 0,
    alreadyIssued: counts.already_issued ?? 0,
    unusedColumns,
  };
  await finishDryRun(db, run.id, { mapping, ...summary }, clock.now());
  return summary;
}

/**
 * The mapping form's action: checks the mapping against the header at once (errors go back to
 * the form), then runs the dry run here for a small file, or queues it as a job for a large one
 * (the run shows as checking until the job is done). Returns the summary when it ran here.
 */
const dryRunInput = organisationIdInput.extend({
  run: z.string().trim().min(1),
  /** The column mapping as the form or API sent it (checked against the file's header below). */
  mapping: z.unknown(),
  inlineLimit: z.number().int().nonnegative().default(INLINE_DRY_RUN_ROWS),
});

export async function requestDryRun(
  deps: Deps,
  { actor: caller, ...input }: IssuingCommandInput,
): Promise<DryRunSummary | null> {
  const {
    organisationId,
    run: runPublicId,
    mapping: rawMapping,
    inlineLimit,
  } = parseInput(dryRunInput, input);
  const actor = await actFor(deps.db, caller, organisationId, AWARD_RUN);
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  if (run.state === 'checking')
    throw new AppError('conflict', commandMessage('errors.issuing.bulk.stillChecking'));
  if (!['uploaded', 'dry_run'].includes(run.state))
    throw new AppError('conflict', commandMessage('errors.issuing.bulk.started'));
  const { mapping } = checkMapping(run.header, rawMapping);
  if (run.total_rows <= inlineLimit) return checkRoster(deps, actor, runPublicId, mapping);
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    await setRunChecking(tx, run.id, mapping, now);
    await checkAwardRun.enqueue(tx, { runId: run.id, mapping }, now, {
      organisationId: run.organisation_id,
      maxAttempts: 5,
    });
  });
  return null;
}

/** The dry-run job of a large run (see requestDryRun). */
export async function checkAwardRunJob(
  deps: Deps,
  runId: number,
  mapping: Record<string, string>,
): Promise<void> {
  const run = await runForCheck(deps.db, runId);
  if (!run || run.state !== 'checking') return;
  await mapAwardRun(deps, {
    actor: systemActor('award-runs.check'),
    organisationId: run.organisation_id,
    run: run.public_id,
    mapping,
  });
}

/** Starts issuing a dry-run run: queues its jobs (once, however often this is called). */
const startInput = organisationIdInput.extend({ run: z.string().trim().min(1) });

export async function startAwardRun(
  deps: Deps,
  { actor: caller, ...input }: IssuingCommandInput,
): Promise<{ queued: number }> {
  const { organisationId, run: runPublicId } = parseInput(startInput, input);
  const actor = await actFor(deps.db, caller, organisationId, AWARD_RUN);
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  if (run.state === 'uploaded' || run.state === 'checking')
    throw new AppError('conflict', commandMessage('errors.issuing.bulk.mapFirst'));
  if (run.state !== 'dry_run') return { queued: 0 }; // already started: starting again changes nothing
  if (run.valid_rows === 0)
    throw new AppError('conflict', commandMessage('errors.issuing.bulk.nothingToIssue'));
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    if (!(await markRunQueued(tx, run.id, now))) return;
    const parts = Array.from({ length: AWARD_JOBS_PER_RUN }, (_, part) => ({ runId: run.id, part }));
    await issueAwardRun.enqueueMany(tx, parts, now, (p) => ({
      idempotencyKey: `award-run:${run.public_id}:${p.part}`,
      maxAttempts: 50,
      organisationId: run.organisation_id,
    }));
    await recordAudit(
      tx,
      {
        organisationId: run.organisation_id,
        actorUserId: actor.userId,
        action: 'award_run.started',
        subjectType: 'award_run',
        subjectId: run.public_id,
        data: { rows: run.valid_rows },
        ip: actor.ip,
      },
      now,
    );
  });
  return { queued: run.valid_rows };
}
