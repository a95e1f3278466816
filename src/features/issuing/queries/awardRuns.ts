import { notFound } from '../../../domain/errors.ts';
import type { Db } from '../../../storage/database.ts';
import type { AwardRowState, AwardRunState } from '../../../storage/schema.ts';

// The reads of bulk award runs: one run, its row counts, where it stands, its problem rows, the list.

/** One run of the organisation by its public id, or not found. */
export async function findRun(db: Db, organisationId: number, runPublicId: string) {
  const run = await db
    .selectFrom('award_runs')
    .selectAll()
    .where('public_id', '=', runPublicId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!run) throw notFound('awardRun');
  return run;
}

/** How many rows of a run are in each state. */
export async function stateCounts(db: Db, runId: number): Promise<Partial<Record<AwardRowState, number>>> {
  const rows = await db
    .selectFrom('award_rows')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export interface AwardProgress {
  run: string;
  state: AwardRunState;
  fileName: string;
  total: number;
  valid: number;
  invalid: number;
  duplicate: number;
  alreadyIssued: number;
  issued: number;
  skipped: number;
  /** Rows of the dry run's valid ones dealt with (issued or skipped), 0–100. */
  percent: number;
  error: string | null;
}

/** Where a run stands (the progress bar and the CLI). */
export async function awardProgress(
  db: Db,
  organisationId: number,
  runPublicId: string,
): Promise<AwardProgress> {
  const run = await findRun(db, organisationId, runPublicId);
  const handled = run.issued_rows + run.skipped_rows;
  return {
    run: run.public_id,
    state: run.state,
    fileName: run.file_name,
    total: run.total_rows,
    valid: run.valid_rows,
    invalid: run.invalid_rows,
    duplicate: run.duplicate_rows,
    alreadyIssued: run.already_issued_rows,
    issued: run.issued_rows,
    skipped: run.skipped_rows,
    percent:
      run.state === 'done'
        ? 100
        : run.valid_rows
          ? Math.min(100, Math.floor((handled / run.valid_rows) * 100))
          : 0,
    error: run.error,
  };
}

/** The dry run's problem rows (and, after issuing, rows that failed), first ones first. */
export async function awardProblems(db: Db, organisationId: number, runPublicId: string, limit = 200) {
  const run = await findRun(db, organisationId, runPublicId);
  return db
    .selectFrom('award_rows')
    .select(['row_number', 'email', 'state', 'error', 'cells'])
    .where('run_id', '=', run.id)
    .where('state', 'in', ['invalid', 'duplicate', 'already_issued'])
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** The organisation's runs, newest first. */
export async function listAwardRuns(db: Db, organisationId: number, limit = 50) {
  return db
    .selectFrom('award_runs as r')
    .innerJoin('micro_credentials as m', 'm.id', 'r.micro_credential_id')
    .select([
      'r.public_id',
      'r.file_name',
      'r.state',
      'r.total_rows',
      'r.valid_rows',
      'r.issued_rows',
      'r.skipped_rows',
      'r.created_at',
      'r.micro_credential_version',
      'm.public_id as mc_public_id',
    ])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** A run's header and saved mapping (null until mapped), for its mapping form. */
export function runHeaderAndMapping(db: Db, organisationId: number, runPublicId: string) {
  return db
    .selectFrom('award_runs')
    .select(['header', 'mapping'])
    .where('public_id', '=', runPublicId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
}
