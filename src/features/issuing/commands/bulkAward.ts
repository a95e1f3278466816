import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { emailSchema } from '../../accounts/index.ts';
import { CsvError, parseCsv } from '../../../domain/csv.ts';
import { inTransaction, type Db } from '../../../storage/database.ts';
import type { AwardRowState, AwardRunState } from '../../../storage/schema.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { checkAwardRun, issueAwardRun } from '../jobTypes.ts';
import { organisationKeys, type CredentialServices } from '../../../signing/organisationSigner.ts';
import type { IssuingActor } from './issueCredential.ts';
import { requireIssuingPermission, type IssuingCommandInput } from '../issuerAccess.ts';
import { parseInput } from '../../../domain/validation.ts';
import { awardContext, publishedAchievement } from '../awardFacts.ts';
import { isRetryableConflict, issueAwardBatch, publishNewLists, type AwardItem } from './issueBatch.ts';
import type { CommandDeps } from '../../../domain/commands.ts';

/**
 * Bulk award from a CSV roster: upload (streamed, stored in batches), map columns, dry run with
 * a per-row report, then issue as jobs that take pending rows in batches. Each batch issues its
 * credentials and marks its rows in one transaction, so a crash loses at most the batch in
 * flight, which the restarted job redoes; award keys keep a row from ever being issued twice.
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

/** The fields a column can be mapped to; only email is required. */
export const AWARD_FIELDS = {
  email: 'Recipient email',
  name: 'Recipient name',
  externalId: 'External id (e.g. student number)',
  credits: 'Credits earned',
  issuedOn: 'Issue date',
  evidenceUrl: 'Evidence URL',
  narrative: 'Evidence narrative',
} as const;
export type AwardField = keyof typeof AWARD_FIELDS;
export type AwardMapping = Partial<Record<AwardField, string>>;

const SUGGESTIONS: Record<AwardField, RegExp> = {
  email: /^(e-?mail|email address|e-mail address|recipient email|mail)$/i,
  name: /^(name|full name|recipient|recipient name|participant|attendee)$/i,
  externalId:
    /^(id|external id|external_id|student id|student number|employee id|member id|participant id)$/i,
  credits: /^(credits?|credit hours|hours|ceus?|credits earned)$/i,
  issuedOn: /^(date|issue date|issued on|issued|completed|completed on|completion date|attended on)$/i,
  evidenceUrl: /^(evidence|evidence url|url|link|evidence link)$/i,
  narrative: /^(narrative|notes?|comments?|evidence narrative)$/i,
};

/** A mapping guessed from the header's names (what the mapping form shows first). */
export function suggestMapping(header: readonly string[]): AwardMapping {
  const out: AwardMapping = {};
  for (const field of Object.keys(SUGGESTIONS) as AwardField[]) {
    const column = header.find((h) => SUGGESTIONS[field].test(h.trim()));
    if (column !== undefined) out[field] = column;
  }
  return out;
}

async function findRun(db: Db, organisationId: number, runPublicId: string) {
  const run = await db
    .selectFrom('award_runs')
    .selectAll()
    .where('public_id', '=', runPublicId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!run) throw notFound('That award run');
  return run;
}

/** Resolves a micro-credential of the organisation by public id (mc_…) or slug. */
async function microCredentialId(db: Db, organisationId: number, idOrSlug: string): Promise<string> {
  const m = await db
    .selectFrom('micro_credentials')
    .select('public_id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('public_id', '=', idOrSlug.trim()), eb('slug', '=', idOrSlug.trim())]))
    .executeTakeFirst();
  if (!m)
    throw new AppError('validation_failed', 'That micro-credential is not published by this organisation.', {
      microCredential: 'Choose a published micro-credential.',
    });
  return m.public_id;
}

/**
 * Creates a run from a CSV stream: the first record is the header, every other record is
 * stored as it arrives, a thousand at a time. A file that cannot be read leaves no run behind.
 */
export async function createAwardRun(
  deps: Deps,
  actor: IssuingActor,
  input: { microCredential: string; fileName: string },
  source: AsyncIterable<string | Uint8Array>,
): Promise<{ publicId: string; header: string[]; total: number }> {
  const { db, clock } = deps;
  const mcPublicId = await microCredentialId(db, actor.organisationId, input.microCredential ?? '');
  const { microCredential } = await publishedAchievement(deps, actor.organisationId, mcPublicId);
  const now = clock.now();
  const run = await db
    .insertInto('award_runs')
    .values({
      public_id: publicId('run'),
      organisation_id: actor.organisationId,
      micro_credential_id: microCredential.id,
      micro_credential_version: microCredential.version,
      file_name: (input.fileName || 'roster.csv').slice(0, 200),
      header: JSON.stringify([]),
      state: 'uploaded',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
  let header: string[] | null = null;
  let total = 0;
  let batch: Array<{ run_id: number; row_number: number; cells: string; state: AwardRowState }> = [];
  const flush = async () => {
    if (batch.length) await db.insertInto('award_rows').values(batch).execute();
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
            `The header names the column “${dup}” twice. Give every column a different name.`,
            { file: 'Column names must be different.' },
          );
        continue;
      }
      total++;
      if (total > MAX_AWARD_ROWS)
        throw new AppError(
          'validation_failed',
          `The file has more than ${MAX_AWARD_ROWS.toLocaleString('en')} rows. Split it into several files.`,
          { file: 'Too many rows.' },
        );
      // The row number is the record's first line in the file, so people can find it.
      batch.push({
        run_id: run.id,
        row_number: record.line,
        cells: JSON.stringify(record.cells),
        state: 'unchecked',
      });
      if (batch.length >= UPLOAD_BATCH) await flush();
    }
    await flush();
    if (!header)
      throw new AppError(
        'validation_failed',
        'The file is empty. Upload a CSV file whose first line names the columns.',
        { file: 'The file is empty.' },
      );
    if (total === 0)
      throw new AppError('validation_failed', 'The file has a header but no rows.', {
        file: 'No rows below the header.',
      });
  } catch (err) {
    await db.deleteFrom('award_runs').where('id', '=', run.id).execute();
    if (err instanceof CsvError)
      throw new AppError('validation_failed', `The file could not be read as CSV. ${err.message}`, {
        file: err.message,
      });
    throw err;
  }
  await db
    .updateTable('award_runs')
    .set({ header: JSON.stringify(header), total_rows: total, updated_at: clock.now() })
    .where('id', '=', run.id)
    .execute();
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

const mappingInput = z.record(z.string(), z.string().optional());

/** The mapping as given (form fields or --map), without blanks. */
function cleanMapping(raw: unknown): AwardMapping {
  const parsed = mappingInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError('validation_failed', 'Map the columns of the file.', {
      email: 'Choose the column with the recipients’ email addresses.',
    });
  const out: AwardMapping = {};
  for (const [k, v] of Object.entries(parsed.data)) {
    if (!(k in AWARD_FIELDS))
      throw new AppError(
        'validation_failed',
        `“${k}” is not something a column can be mapped to. Use one of: ${Object.keys(AWARD_FIELDS).join(', ')}.`,
        { [k]: 'Unknown field.' },
      );
    if (v && v.trim()) out[k as AwardField] = v.trim();
  }
  return out;
}

/** Checks a mapping against the file's header: every mapped column exists, email is mapped. */
export function checkMapping(
  header: readonly string[],
  raw: unknown,
): { mapping: AwardMapping; unusedColumns: string[] } {
  const mapping = cleanMapping(raw);
  const errors: Record<string, string> = {};
  if (!mapping.email) errors.email = 'Choose the column with the recipients’ email addresses.';
  for (const [field, column] of Object.entries(mapping)) {
    if (!header.includes(column))
      errors[field] = `There is no column “${column}” in the file (its columns: ${header.join(', ')}).`;
  }
  if (Object.keys(errors).length) throw new AppError('validation_failed', Object.values(errors)[0]!, errors);
  const used = new Set(Object.values(mapping));
  return { mapping, unusedColumns: header.filter((h) => !used.has(h)) };
}

const isoDateOnly = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface CheckedRow {
  n: number;
  email: string | null;
  name: string | null;
  external_id: string | null;
  credits: number | null;
  issued_on: string | null;
  evidence_url: string | null;
  narrative: string | null;
  state: AwardRowState;
  error: string | null;
}

/** One row against the mapping: the values it yields, or what is wrong with it. */
export function checkRow(
  header: readonly string[],
  mapping: AwardMapping,
  n: number,
  cells: readonly string[],
): CheckedRow {
  const problems: string[] = [];
  const get = (field: AwardField) => {
    const column = mapping[field];
    if (!column) return null;
    const v = (cells[header.indexOf(column)] ?? '').trim();
    return v === '' ? null : v;
  };
  const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
  if (extra.length)
    problems.push(
      `${extra.length} value${extra.length > 1 ? 's' : ''} in a column the header does not name (unknown column): “${extra[0]!.slice(0, 40)}”.`,
    );
  const rawEmail = get('email');
  let email: string | null = null;
  if (!rawEmail) problems.push('No email address.');
  else {
    const parsed = emailSchema.safeParse(rawEmail);
    if (parsed.success) email = parsed.data;
    else problems.push(`“${rawEmail.slice(0, 80)}” is not an email address.`);
  }
  const name = get('name');
  if (name && name.length > 200) problems.push('The name is longer than 200 characters.');
  const externalId = get('externalId');
  if (externalId && externalId.length > 200) problems.push('The external id is longer than 200 characters.');
  const rawCredits = get('credits');
  let credits: number | null = null;
  if (rawCredits) {
    const c = Number(rawCredits.replace(',', '.'));
    if (!Number.isFinite(c) || c < 0 || c > 10_000)
      problems.push(`Credits “${rawCredits.slice(0, 20)}” is not a number from 0 to 10000.`);
    else credits = c;
  }
  const rawDate = get('issuedOn');
  let issuedOn: string | null = null;
  if (rawDate) {
    const ok = (isoDateOnly.test(rawDate) || isoDateTime.test(rawDate)) && !Number.isNaN(Date.parse(rawDate));
    if (!ok) problems.push(`Issue date “${rawDate.slice(0, 30)}” is not a date like 2026-05-01.`);
    else
      issuedOn = isoDateOnly.test(rawDate)
        ? `${rawDate}T00:00:00Z`
        : `${new Date(rawDate).toISOString().slice(0, 19)}Z`;
  }
  const evidenceUrl = get('evidenceUrl');
  if (evidenceUrl) {
    let ok = false;
    try {
      const u = new URL(evidenceUrl);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && !/\s/.test(evidenceUrl);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`Evidence URL “${evidenceUrl.slice(0, 60)}” is not a web address (https://…).`);
  }
  const narrative = get('narrative');
  if (narrative && narrative.length > 20_000) problems.push('The narrative is longer than 20000 characters.');
  return {
    n,
    email,
    name,
    external_id: externalId,
    credits,
    issued_on: issuedOn,
    evidence_url: evidenceUrl,
    narrative,
    state: problems.length ? 'invalid' : 'pending',
    error: problems.length ? problems.join(' ') : null,
  };
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
export async function mapAwardRun(
  deps: Deps,
  actor: IssuingActor,
  runPublicId: string,
  rawMapping: unknown,
): Promise<DryRunSummary> {
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  const header = run.header;
  const { mapping, unusedColumns } = checkMapping(header, rawMapping);
  // Claim the run for checking first: a run that started issuing meanwhile (another tab) is left
  // alone, and starting cannot begin while its rows are being rewritten.
  const claimed = await db
    .updateTable('award_runs')
    .set({ state: 'checking', updated_at: clock.now() })
    .where('id', '=', run.id)
    .where('state', 'in', ['uploaded', 'checking', 'dry_run'])
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n)
    throw new AppError('conflict', 'This run has started issuing; its mapping can no longer change.');
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('award_rows')
      .select(['row_number', 'cells'])
      .where('run_id', '=', run.id)
      .where('row_number', '>', after)
      .orderBy('row_number')
      .limit(UPLOAD_BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.row_number;
    const checked = rows.map((r) => checkRow(header, mapping, r.row_number, r.cells));
    await sql`
      update award_rows as r set
        email = v.email, name = v.name, external_id = v.external_id, credits = v.credits, issued_on = v.issued_on,
        evidence_url = v.evidence_url, narrative = v.narrative, state = v.state, error = v.error, credential_id = null
      from jsonb_to_recordset(${JSON.stringify(checked)}::jsonb) as v(n integer, email text, name text, external_id text, credits double precision, issued_on text, evidence_url text, narrative text, state text, error text)
      where r.run_id = ${run.id} and r.row_number = v.n`.execute(db);
  }
  await sql`
    update award_rows as r set state = 'duplicate', error = 'Same recipient' || case when r.external_id is null then '' else ' and external id' end || ' as row ' || d.first || ': issued once.'
    from (
      select row_number, min(row_number) over (partition by email, coalesce(external_id, '')) as first
      from award_rows where run_id = ${run.id} and state = 'pending'
    ) as d
    where r.run_id = ${run.id} and r.row_number = d.row_number and d.first <> d.row_number`.execute(db);
  await sql`
    update award_rows as r set state = 'already_issued', credential_id = k.credential_id, error = 'Already holds this micro-credential version (an earlier award).'
    from award_keys as k
    where r.run_id = ${run.id} and r.state = 'pending'
      and k.organisation_id = ${run.organisation_id} and k.micro_credential_id = ${run.micro_credential_id}
      and k.micro_credential_version = ${run.micro_credential_version}
      and k.recipient_email = r.email and k.external_id = coalesce(r.external_id, '')`.execute(db);
  const counts = await stateCounts(db, run.id);
  const summary: DryRunSummary = {
    total: run.total_rows,
    valid: counts.pending ?? 0,
    invalid: counts.invalid ?? 0,
    duplicate: counts.duplicate ?? 0,
    alreadyIssued: counts.already_issued ?? 0,
    unusedColumns,
  };
  await db
    .updateTable('award_runs')
    .set({
      mapping: JSON.stringify(mapping),
      state: 'dry_run',
      valid_rows: summary.valid,
      invalid_rows: summary.invalid,
      duplicate_rows: summary.duplicate,
      already_issued_rows: summary.alreadyIssued,
      updated_at: clock.now(),
    })
    .where('id', '=', run.id)
    .where('state', '=', 'checking')
    .execute();
  return summary;
}

/**
 * The mapping form's action: checks the mapping against the header at once (errors go back to
 * the form), then runs the dry run here for a small file, or queues it as a job for a large one
 * (the run shows as checking until the job is done). Returns the summary when it ran here.
 */
const dryRunInput = z.object({
  run: z.string().trim().min(1),
  /** The column mapping as the form or API sent it (checked against the file's header below). */
  mapping: z.unknown(),
  inlineLimit: z.number().int().nonnegative().default(INLINE_DRY_RUN_ROWS),
});

export async function requestDryRun(
  deps: Deps,
  { actor, ...input }: IssuingCommandInput,
): Promise<DryRunSummary | null> {
  const { run: runPublicId, mapping: rawMapping, inlineLimit } = parseInput(dryRunInput, input);
  await requireIssuingPermission(deps.db, actor, 'credentials.issue');
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  if (run.state === 'checking')
    throw new AppError('conflict', 'The rows are still being checked; wait for the dry run to finish.');
  if (!['uploaded', 'dry_run'].includes(run.state))
    throw new AppError('conflict', 'This run has started issuing; its mapping can no longer change.');
  const { mapping } = checkMapping(run.header, rawMapping);
  if (run.total_rows <= inlineLimit) return mapAwardRun(deps, actor, runPublicId, mapping);
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('award_runs')
      .set({ mapping: JSON.stringify(mapping), state: 'checking', updated_at: now })
      .where('id', '=', run.id)
      .execute();
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
  const run = await deps.db
    .selectFrom('award_runs')
    .select(['public_id', 'organisation_id', 'created_by', 'state'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run || run.state !== 'checking') return;
  await mapAwardRun(
    deps,
    { organisationId: run.organisation_id, userId: run.created_by, ip: null },
    run.public_id,
    mapping,
  );
}

async function stateCounts(db: Db, runId: number): Promise<Partial<Record<AwardRowState, number>>> {
  const rows = await db
    .selectFrom('award_rows')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Starts issuing a dry-run run: queues its jobs (once, however often this is called). */
const startInput = z.object({ run: z.string().trim().min(1) });

export async function startAwardRun(
  deps: Deps,
  { actor, ...input }: IssuingCommandInput,
): Promise<{ queued: number }> {
  const { run: runPublicId } = parseInput(startInput, input);
  await requireIssuingPermission(deps.db, actor, 'credentials.issue');
  const { db, clock } = deps;
  const run = await findRun(db, actor.organisationId, runPublicId);
  if (run.state === 'uploaded' || run.state === 'checking')
    throw new AppError('conflict', 'Map the columns and check the dry run before issuing.');
  if (run.state !== 'dry_run') return { queued: 0 }; // already started: starting again changes nothing
  if (run.valid_rows === 0)
    throw new AppError('conflict', 'No row can be issued: fix the file and upload it again.');
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    const moved = await tx
      .updateTable('award_runs')
      .set({ state: 'queued', updated_at: now })
      .where('id', '=', run.id)
      .where('state', '=', 'dry_run')
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) return;
    for (let part = 0; part < AWARD_JOBS_PER_RUN; part++) {
      await issueAwardRun.enqueue(tx, { runId: run.id, part }, now, {
        idempotencyKey: `award-run:${run.public_id}:${part}`,
        maxAttempts: 50,
        organisationId: run.organisation_id,
      });
    }
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

/** Marks a run failed (its job gave up); rows already issued stay issued, pending ones can be retried by an administrator. */
export async function failAwardRun(db: Db, runId: number, error: string, now: Date): Promise<void> {
  await db
    .updateTable('award_runs')
    .set({ state: 'failed', error: error.slice(0, 1000), finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('state', 'in', ['queued', 'running'])
    .execute();
}

/** Extends a running job's lease (a heartbeat); false when another worker took it over. */
async function renewLease(
  db: Db,
  jobId: number | undefined,
  worker: string | null | undefined,
  now: Date,
): Promise<void> {
  if (jobId === undefined || !worker) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: new Date(now.getTime() + AWARD_LEASE_MS), updated_at: now })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('locked_by', '=', worker)
    .execute();
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
  const batchSize = options.batchSize ?? AWARD_BATCH_SIZE;
  // Each of a run's jobs picks status indexes in its own lane, so concurrent batches never collide.
  const lane = { lane: (options.part ?? 0) % AWARD_JOBS_PER_RUN, of: AWARD_JOBS_PER_RUN };
  const { db, clock } = deps;
  await renewLease(db, job?.id, job?.worker, clock.now());
  const run = await db
    .selectFrom('award_runs as r')
    .innerJoin('micro_credentials as m', 'm.id', 'r.micro_credential_id')
    .selectAll('r')
    .select('m.public_id as mc_public_id')
    .where('r.id', '=', runId)
    .executeTakeFirst();
  if (!run || !['queued', 'running', 'failed'].includes(run.state)) return;
  // A failed run's job retried by an administrator (admin → jobs) picks the run up again.
  await db
    .updateTable('award_runs')
    .set({
      state: 'running',
      error: null,
      started_at: run.started_at ?? clock.now(),
      finished_at: null,
      updated_at: clock.now(),
    })
    .where('id', '=', run.id)
    .where('state', 'in', ['queued', 'failed'])
    .execute();
  let ctx;
  try {
    ctx = await awardContext(deps, {
      organisationId: run.organisation_id,
      microCredential: run.mc_public_id,
      version: run.micro_credential_version,
      issuedBy: run.created_by,
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The micro-credential or organisation can no longer issue: the run fails, with the reason.
    await db
      .updateTable('award_runs')
      .set({ state: 'failed', error: err.message, finished_at: clock.now(), updated_at: clock.now() })
      .where('id', '=', run.id)
      .execute();
    return;
  }
  for (;;) {
    let done = false;
    for (let attempt = 1; ; attempt++) {
      try {
        // The signing key, read once per batch (outside its transaction) and handed down.
        const keys = await organisationKeys(db, deps.credentials.vault, run.organisation_id, clock.now());
        const result = await inTransaction(db, async (tx) => {
          const rows = await tx
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
            .where('run_id', '=', run.id)
            .where('state', '=', 'pending')
            .orderBy('row_number')
            .limit(batchSize)
            .forUpdate()
            .skipLocked()
            .execute();
          if (rows.length === 0) return null;
          const items: AwardItem[] = rows.map((r) => {
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
          const { outcomes, newLists } = await issueAwardBatch(deps, tx, { ctx, items, keys, lane });
          const marks = outcomes.map((o) => ({
            n: o.ref,
            state: o.state,
            credential_id: o.state === 'invalid' ? null : o.credentialId,
            error: o.state === 'invalid' ? o.error : o.state === 'skipped' ? o.reason : null,
          }));
          await sql`
            update award_rows as r set state = v.state, credential_id = v.credential_id, error = v.error
            from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as v(n integer, state text, credential_id bigint, error text)
            where r.run_id = ${run.id} and r.row_number = v.n`.execute(tx);
          const count = (s: string) => outcomes.filter((o) => o.state === s).length;
          await tx
            .updateTable('award_runs')
            .set((eb) => ({
              issued_rows: eb('issued_rows', '+', count('issued')),
              skipped_rows: eb('skipped_rows', '+', count('skipped')),
              invalid_rows: eb('invalid_rows', '+', count('invalid')),
              valid_rows: eb('valid_rows', '-', count('invalid')),
              updated_at: clock.now(),
            }))
            .where('id', '=', run.id)
            .execute();
          return { newLists };
        });
        if (!result) done = true;
        else await publishNewLists(db, deps, result.newLists, keys);
        break;
      } catch (err) {
        // Another batch won a race for an award key or a status index: redo this batch.
        if (isRetryableConflict(err) && attempt < 5) continue;
        throw err;
      }
    }
    await renewLease(db, job?.id, job?.worker, clock.now());
    if (done) break;
  }
  const now = clock.now();
  const finished = await db
    .updateTable('award_runs')
    .set({ state: 'done', finished_at: now, updated_at: now })
    .where('id', '=', run.id)
    .where('state', '=', 'running')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('award_rows')
            .select('row_number')
            .where('run_id', '=', run.id)
            .where('state', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  if (finished.numUpdatedRows > 0n) {
    const totals = await db
      .selectFrom('award_runs')
      .select(['issued_rows', 'skipped_rows'])
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
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
}
