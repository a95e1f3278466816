import { sql } from 'kysely';
import { afterCommit, type Db, type Queryable } from '../storage/database.ts';
import { wakeWorkers } from './wake.ts';
import type { Job } from '../storage/schema.ts';

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** A second enqueue with the same key returns the first job instead of adding one. */
  idempotencyKey?: string;
  maxAttempts?: number;
  organisationId?: number | null;
}

export interface Enqueued {
  id: number;
  /** False when an earlier job with the same idempotency key already existed. */
  created: boolean;
}

/** Adds a job; inside the caller's transaction when given one, so it exists only if the work commits. */
export async function enqueueJob(
  db: Queryable,
  type: string,
  payload: Record<string, unknown>,
  now: Date,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const inserted = await db
    .insertInto('jobs')
    .values({
      type,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? now,
      idempotency_key: options.idempotencyKey ?? null,
      max_attempts: options.maxAttempts ?? 8,
      organisation_id: options.organisationId ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    afterCommit(db, wakeWorkers);
    return { id: inserted.id, created: true };
  }
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', options.idempotencyKey ?? '')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** One job of a batch: its payload and, if any, its own options. */
export interface BatchJob {
  payload: Record<string, unknown>;
  options?: EnqueueOptions;
}

/** Rows per INSERT statement: 8 parameters a row stays far under PostgreSQL's 65,535. */
const BATCH_ROWS = 1000;

/**
 * Adds many jobs of one type with multi-row INSERTs (one statement per thousand jobs) in the
 * caller's transaction; a job whose idempotency key exists already is left as it is. Workers are
 * woken once, after the commit, when any job was added. Returns how many jobs were created.
 */
export async function enqueueJobs(
  db: Queryable,
  type: string,
  jobs: readonly BatchJob[],
  now: Date,
): Promise<number> {
  let created = 0;
  for (let i = 0; i < jobs.length; i += BATCH_ROWS) {
    const rows = jobs.slice(i, i + BATCH_ROWS).map(({ payload, options = {} }) => ({
      type,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? now,
      idempotency_key: options.idempotencyKey ?? null,
      max_attempts: options.maxAttempts ?? 8,
      organisation_id: options.organisationId ?? null,
      created_at: now,
      updated_at: now,
    }));
    const inserted = await db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .execute();
    created += inserted.length;
  }
  if (created > 0) afterCommit(db, wakeWorkers);
  return created;
}

export interface ClaimOptions {
  worker: string;
  limit: number;
  now: Date;
  /** How long the worker owns a job; past it, another worker may take the job over. */
  leaseMs: number;
  /** Only these job types (a worker claims only what it has handlers for). */
  types?: readonly string[];
}

/**
 * Takes up to `limit` due jobs for one worker. FOR UPDATE SKIP LOCKED lets any number of
 * processes claim at once without taking the same job; a job whose lease ran out (its worker
 * died) is claimed again.
 */
export async function claimJobs(
  db: Db,
  { worker, limit, now, leaseMs, types }: ClaimOptions,
): Promise<Job[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<Job>`
    update jobs set
      status = 'running',
      attempts = attempts + 1,
      locked_by = ${worker},
      locked_until = ${lockedUntil},
      updated_at = ${now}
    where id in (
      select id from jobs
      where ((status = 'queued' and run_at <= ${now})
         or (status = 'running' and locked_until < ${now}))
        and (${types ? sql`type in (${sql.join(types)})` : sql`true`})
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning *`.execute(db);
  return result.rows;
}

/** Marks a claimed job done; false if the worker lost its lease meanwhile. */
export async function completeJob(
  db: Queryable,
  job: Pick<Job, 'id'>,
  worker: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'succeeded',
      finished_at: now,
      updated_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', worker)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Delay before attempt n+1: exponential from 5 s, capped at one hour, with jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (1 + 0.2 * random()));
}

/** Records a failed attempt: retried later with backoff, or dead once attempts are used up. */
export async function failJob(
  db: Queryable,
  job: Pick<Job, 'id' | 'attempts' | 'max_attempts'>,
  worker: string,
  error: string,
  now: Date,
  options: { permanent?: boolean } = {},
): Promise<'retry' | 'dead'> {
  const dead = options.permanent || job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'queued',
      run_at: dead ? now : new Date(now.getTime() + backoffMs(job.attempts)),
      finished_at: dead ? now : null,
      last_error: error.slice(0, 4000),
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', worker)
    .execute();
  return dead ? 'dead' : 'retry';
}

/** Puts a dead job back in the queue with fresh attempts (an administrator's retry). */
export async function retryDeadJob(db: Queryable, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Counts of jobs by status, for the admin page and health checks. */
export async function jobCounts(db: Queryable): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
