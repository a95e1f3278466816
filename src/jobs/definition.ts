import type { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { Job } from '../storage/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Config } from '../config.ts';
import type { CredentialServices } from '../credentials/services.ts';
import type { Db, Queryable } from '../storage/database.ts';
import { enqueueJob, enqueueJobs, type Enqueued, type EnqueueOptions } from './queue.ts';

/** What every job handler is given: dependencies are passed in, never imported as globals. */
export interface JobDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  config: Config;
  /** Signing services (key vault, canonicalizer) for credential jobs. */
  credentials?: CredentialServices;
}

export interface JobContext extends JobDeps {
  job: Job;
}

/** A typed, idempotent job: the payload is validated before `handle` runs. */
export interface JobDefinition<P = unknown> {
  type: string;
  payload: z.ZodType<P>;
  /** Attempts before the job goes dead (default 8). */
  maxAttempts?: number;
  /** How long one attempt may hold the job before another worker takes it over (default 5 min). */
  leaseMs?: number;
  handle(payload: P, ctx: JobContext): Promise<void>;
}

/** Declares a job type; keeps the payload type tied to its schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** Thrown by a handler when retrying cannot help; the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * A job's name and payload schema, without its handler: what a command imports to enqueue it
 * (`await evaluatePathways.enqueue(tx, { organisationId, recipientEmail }, now)`). The payload is
 * typed from the schema and checked before it is stored. The handler is declared beside it with
 * `defineJob({ ...evaluatePathways, handle })` and registered in src/main/jobRegistry.ts.
 */
export interface JobType<P> {
  readonly type: string;
  readonly payload: z.ZodType<P>;
  enqueue(db: Queryable, payload: P, now: Date, options?: EnqueueOptions): Promise<Enqueued>;
  /**
   * Many jobs of this type at once (`await notifyRecognizers.enqueueMany(tx, payloads, now, (p) =>
   * ({ idempotencyKey: `recognition-notify:${p.credentialId}` }))`): every payload is checked
   * against the schema before anything is stored, so one bad payload rejects the whole batch; the
   * jobs go in with multi-row INSERTs and the workers are woken once, after the commit. `options`
   * is shared by every job, or given per payload by a function. Returns how many jobs were created
   * (a job whose idempotency key exists already is not added again).
   */
  enqueueMany(
    db: Queryable,
    payloads: readonly P[],
    now: Date,
    options?: EnqueueOptions | ((payload: P, index: number) => EnqueueOptions),
  ): Promise<number>;
}

export function jobType<P extends Record<string, unknown>>(type: string, payload: z.ZodType<P>): JobType<P> {
  return {
    type,
    payload,
    enqueue: async (db, value, now, options) => enqueueJob(db, type, payload.parse(value), now, options),
    enqueueMany: async (db, values, now, options) => {
      const jobs = values.map((value, index) => {
        const parsed = payload.parse(value);
        return { payload: parsed, options: typeof options === 'function' ? options(parsed, index) : options };
      });
      return enqueueJobs(db, type, jobs, now);
    },
  };
}
