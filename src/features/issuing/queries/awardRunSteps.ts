import { sql } from 'kysely';
import type { Db, Queryable, Tx } from '../../../storage/database.ts';
import type { AwardRowState } from '../../../storage/schema.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

// The writes (and the reads they go with) of a bulk award run, step by step: upload, dry run,
// start, the issuing jobs and the end. The list and progress reads are in awardRuns.ts.

/** A micro-credential of the organisation by public id (mc_…) or slug: its public id. */
export async function microCredentialPublicId(
  db: Queryable,
  organisationId: number,
  idOrSlug: string,
): Promise<string | undefined> {
  const m = await db
    .selectFrom('micro_credentials')
    .select('public_id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('public_id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  return m?.public_id;
}

/** A new run, before its rows are read (state uploaded, no header yet). */
export function insertAwardRun(
  db: Queryable,
  run: {
    publicId: string;
    organisationId: number;
    microCredential: { id: number; version: number };
    fileName: string;
    createdBy: number | null;
    now: Date;
  },
): Promise<{ id: number; public_id: string }> {
  return db
    .insertInto('award_runs')
    .values({
      public_id: run.publicId,
      organisation_id: run.organisationId,
      micro_credential_id: run.microCredential.id,
      micro_credential_version: run.microCredential.version,
      file_name: run.fileName,
      header: JSON.stringify([]),
      state: 'uploaded',
      created_by: run.createdBy,
      created_at: run.now,
      updated_at: run.now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}

/** Roster rows as read from the file (not checked yet). */
export async function insertRosterRows(
  db: Queryable,
  rows: Array<{ run_id: number; row_number: number; cells: string; state: AwardRowState }>,
): Promise<void> {
  if (rows.length) await db.insertInto('award_rows').values(rows).execute();
}

/** A run whose file could not be read, with its rows. */
export async function deleteAwardRun(db: Queryable, runId: number): Promise<void> {
  await db.deleteFrom('award_runs').where('id', '=', runId).execute();
}

/** The file's header and row count, once it is read. */
export async function setRunHeader(
  db: Queryable,
  runId: number,
  header: string[],
  total: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('award_runs')
    .set({ header: JSON.stringify(header), total_rows: total, updated_at: now })
    .where('id', '=', runId)
    .execute();
}

/** Claims a run for its dry run (state checking); false when it started issuing meanwhile. */
export async function claimRunForChecking(db: Queryable, runId: number, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('award_runs')
    .set({ state: 'checking', updated_at: now })
    .where('id', '=', runId)
    .where('state', 'in', ['uploaded', 'checking', 'dry_run'])
    .executeTakeFirst();
  return claimed.numUpdatedRows > 0n;
}

/** The run's rows after `after` (row number), as read from the file, in order. */
export function rosterRowsAfter(db: Queryable, runId: number, after: number, limit: number) {
  return db
    .selectFrom('award_rows')
    .select(['row_number', 'cells'])
    .where('run_id', '=', runId)
    .where('row_number', '>', after)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** Stores the checked rows (values, state and error of each), one statement per batch. */
export async function storeCheckedRows(db: Queryable, runId: number, checked: unknown[]): Promise<void> {
  await sql`
    update award_rows as r set
      email = v.email, name = v.name, external_id = v.external_id, credits = v.credits, issued_on = v.issued_on,
      evidence_url = v.evidence_url, narrative = v.narrative, state = v.state, error = v.error, credential_id = null
    from jsonb_to_recordset(${JSON.stringify(checked)}::jsonb) as v(n integer, email text, name text, external_id text, credits double precision, issued_on text, evidence_url text, narrative text, state text, error text)
    where r.run_id = ${runId} and r.row_number = v.n`.execute(db);
}

/**
 * Marks rows repeating an earlier row's recipient and external id duplicate, then rows whose
 * credential already exists (an award key) already issued.
 */
export async function markRepeatedRows(
  db: Queryable,
  run: { id: number; organisation_id: number; micro_credential_id: number; micro_credential_version: number },
): Promise<void> {
  // The catalogue's English with the earlier row's number put in by the database.
  const sameAs = commandMessage('errors.issuing.rows.duplicate', { row: '{row}' });
  const sameIdAs = commandMessage('errors.issuing.rows.duplicateExternalId', { row: '{row}' });
  await sql`
    update award_rows as r set state = 'duplicate',
      error = replace(case when r.external_id is null then ${sameAs}::text else ${sameIdAs}::text end, '{row}', d.first::text)
    from (
      select row_number, min(row_number) over (partition by email, coalesce(external_id, '')) as first
      from award_rows where run_id = ${run.id} and state = 'pending'
    ) as d
    where r.run_id = ${run.id} and r.row_number = d.row_number and d.first <> d.row_number`.execute(db);
  await sql`
    update award_rows as r set state = 'already_issued', credential_id = k.credential_id, error = ${commandMessage('errors.issuing.rows.alreadyHolds')}
    from award_keys as k
    where r.run_id = ${run.id} and r.state = 'pending'
      and k.organisation_id = ${run.organisation_id} and k.micro_credential_id = ${run.micro_credential_id}
      and k.micro_credential_version = ${run.micro_credential_version}
      and k.recipient_email = r.email and k.external_id = coalesce(r.external_id, '')`.execute(db);
}

/** The dry run's result: the mapping, the counts, state dry_run (only if still checking). */
export async function finishDryRun(
  db: Queryable,
  runId: number,
  result: {
    mapping: Record<string, string>;
    valid: number;
    invalid: number;
    duplicate: number;
    alreadyIssued: number;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('award_runs')
    .set({
      mapping: JSON.stringify(result.mapping),
      state: 'dry_run',
      valid_rows: result.valid,
      invalid_rows: result.invalid,
      duplicate_rows: result.duplicate,
      already_issued_rows: result.alreadyIssued,
      updated_at: now,
    })
    .where('id', '=', runId)
    .where('state', '=', 'checking')
    .execute();
}

/** A large run's dry run is queued: the mapping saved, state checking. */
export async function setRunChecking(
  tx: Tx,
  runId: number,
  mapping: Record<string, string>,
  now: Date,
): Promise<void> {
  await tx
    .updateTable('award_runs')
    .set({ mapping: JSON.stringify(mapping), state: 'checking', updated_at: now })
    .where('id', '=', runId)
    .execute();
}

/** What the dry-run job needs of its run. */
export function runForCheck(db: Queryable, runId: number) {
  return db
    .selectFrom('award_runs')
    .select(['public_id', 'organisation_id', 'created_by', 'state'])
    .where('id', '=', runId)
    .executeTakeFirst();
}

/** A dry-run run starts issuing (state queued); false when it had already started. */
export async function markRunQueued(tx: Tx, runId: number, now: Date): Promise<boolean> {
  const moved = await tx
    .updateTable('award_runs')
    .set({ state: 'queued', updated_at: now })
    .where('id', '=', runId)
    .where('state', '=', 'dry_run')
    .executeTakeFirst();
  return moved.numUpdatedRows > 0n;
}

/** Marks a run failed with the reason (only while queued or running, unless `always`). */
export async function markRunFailed(
  db: Queryable,
  runId: number,
  error: string,
  now: Date,
  options: { always?: boolean } = {},
): Promise<void> {
  let q = db
    .updateTable('award_runs')
    .set({ state: 'failed', error: error.slice(0, 1000), finished_at: now, updated_at: now })
    .where('id', '=', runId);
  if (!options.always) q = q.where('state', 'in', ['queued', 'running']);
  await q.execute();
}

/** Extends a running job's lease until `until` (a heartbeat), only while this worker holds it. */
export async function renewJobLease(
  db: Queryable,
  jobId: number,
  worker: string,
  until: Date,
  now: Date,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ locked_until: until, updated_at: now })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('locked_by', '=', worker)
    .execute();
}

/** A run to issue, with its micro-credential's public id. */
export function runToIssue(db: Queryable, runId: number) {
  return db
    .selectFrom('award_runs as r')
    .innerJoin('micro_credentials as m', 'm.id', 'r.micro_credential_id')
    .selectAll('r')
    .select('m.public_id as mc_public_id')
    .where('r.id', '=', runId)
    .executeTakeFirst();
}

/** The run is running (a failed run retried by an administrator too). */
export async function markRunRunning(
  db: Queryable,
  run: { id: number; started_at: Date | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('award_runs')
    .set({
      state: 'running',
      error: null,
      started_at: run.started_at ?? now,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', run.id)
    .where('state', 'in', ['queued', 'failed'])
    .execute();
}

/** The next pending rows of the run, locked (rows another job holds are skipped). */
export function lockPendingRows(tx: Tx, runId: number, limit: number) {
  return tx
    .selectFrom('award_rows')
    .select([
      'row_number',
      'email',
      'name',
      'external_id',
      'credits',
      'issued_on',
      'evidence_url',
      'narrative',
    ])
    .where('run_id', '=', runId)
    .where('state', '=', 'pending')
    .orderBy('row_number')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The outcome of each row of a batch, and the run's counts moved by it. */
export async function recordBatchOutcomes(
  tx: Tx,
  runId: number,
  marks: Array<{ n: number; state: string; credential_id: number | null; error: string | null }>,
  counts: { issued: number; skipped: number; invalid: number },
  now: Date,
): Promise<void> {
  await sql`
    update award_rows as r set state = v.state, credential_id = v.credential_id, error = v.error
    from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as v(n integer, state text, credential_id bigint, error text)
    where r.run_id = ${runId} and r.row_number = v.n`.execute(tx);
  await tx
    .updateTable('award_runs')
    .set((eb) => ({
      issued_rows: eb('issued_rows', '+', counts.issued),
      skipped_rows: eb('skipped_rows', '+', counts.skipped),
      invalid_rows: eb('invalid_rows', '+', counts.invalid),
      valid_rows: eb('valid_rows', '-', counts.invalid),
      updated_at: now,
    }))
    .where('id', '=', runId)
    .execute();
}

/** Marks a running run done when no pending row is left; its totals, or null when not (yet, or by another job). */
export async function markRunDone(
  db: Db,
  runId: number,
  now: Date,
): Promise<{ issued_rows: number; skipped_rows: number } | null> {
  const finished = await db
    .updateTable('award_runs')
    .set({ state: 'done', finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('state', '=', 'running')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('award_rows')
            .select('row_number')
            .where('run_id', '=', runId)
            .where('state', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  if (finished.numUpdatedRows === 0n) return null;
  return db
    .selectFrom('award_runs')
    .select(['issued_rows', 'skipped_rows'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
}
