import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Job } from '../storage/schema.ts';
import { claimJobs, completeJob, failJob } from './queue.ts';
import { onJobsEnqueued } from './wake.ts';
import { enqueueDueSchedules } from './schedules.ts';
import { PermanentJobError, type JobDefinition, type JobDeps } from './definition.ts';
import { isDatabaseUnavailable } from '../storage/pg/unavailable.ts';

export interface WorkerOptions {
  deps: JobDeps;
  /** Handlers of every job type this worker runs; each validates its own payload. */
  jobs: readonly JobDefinition<unknown>[];
  concurrency: number;
  pollMs: number;
  name?: string;
  /** Longest pause between polls while the database cannot be reached (default 30 s). */
  maxBackoffMs?: number;
}

/** Pause before the next poll after `failures` failed polls in a row: doubling from the poll interval, capped, with jitter. */
export function pollBackoffMs(
  failures: number,
  pollMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, Math.max(pollMs, 100) * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

/** A worker's unique name: host, pid and a random tag. */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Claims due jobs and runs them, up to `concurrency` at once, until stopped. */
export class Worker {
  readonly name: string;
  readonly #handlers: Map<string, JobDefinition<unknown>>;
  readonly #running = new Set<Promise<void>>();
  readonly #leaseMs: number;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;
  #wake: (() => void) | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.name = options.name ?? workerName();
    this.#handlers = new Map(options.jobs.map((j) => [j.type, j]));
    this.#leaseMs = Math.max(300_000, ...options.jobs.map((j) => j.leaseMs ?? 0));
  }

  /** Starts polling in the background. */
  start(): void {
    this.#unsubscribe ??= onJobsEnqueued(() => this.nudge());
    this.#stopping = false;
    this.#loop ??= this.#run();
  }

  /** Stops claiming and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    await Promise.all(this.#running);
  }

  /** Asks an idle worker to look for jobs now (enqueueJob does it after each commit). */
  nudge(): void {
    this.#wake?.();
  }

  /** One round: enqueue due schedules, claim what fits, start it. Returns how many it claimed. */
  async tick(): Promise<number> {
    const { db, clock } = this.options.deps;
    await enqueueDueSchedules(db, clock.now());
    const free = this.options.concurrency - this.#running.size;
    if (free <= 0) return 0;
    const claimedAt = Date.now();
    const jobs = await claimJobs(db, {
      worker: this.name,
      limit: free,
      now: clock.now(),
      leaseMs: this.#leaseMs,
      types: [...this.#handlers.keys()],
    });
    for (const job of jobs) {
      const p: Promise<void> = this.#execute(job, claimedAt).finally(() => this.#running.delete(p));
      this.#running.add(p);
    }
    return jobs.length;
  }

  /** Runs jobs until none is due and none is running (tests and `cairn worker --once`). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      const claimed = await this.tick();
      if (this.#running.size > 0) await Promise.race(this.#running);
      else if (claimed === 0) return;
    }
  }

  async #run(): Promise<void> {
    const { logger } = this.options.deps;
    const maxBackoffMs = this.options.maxBackoffMs ?? 30_000;
    // Polls failed in a row: while the database is down the worker backs off and logs the
    // outage once, when it starts and when it ends, instead of on every poll.
    let failures = 0;
    while (!this.#stopping) {
      let claimed = 0;
      try {
        claimed = await this.tick();
        if (failures > 0)
          logger.info('worker can poll for jobs again', { worker: this.name, failedPolls: failures });
        failures = 0;
      } catch (err) {
        failures++;
        const fields = { worker: this.name, error: describe(err) };
        if (failures === 1)
          logger.error('worker could not poll for jobs; retrying with backoff until it can', fields);
        else logger.debug('worker still cannot poll for jobs', { ...fields, failedPolls: failures });
      }
      if (failures > 0 || claimed === 0 || this.#running.size >= this.options.concurrency) {
        const pause =
          failures > 0 ? pollBackoffMs(failures, this.options.pollMs, maxBackoffMs) : this.options.pollMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
          if (failures === 0 && this.#running.size >= this.options.concurrency)
            void Promise.race(this.#running).then(this.#wake);
        });
        this.#wake = undefined;
      }
    }
  }

  /** Runs one claimed job and records its outcome; never rejects (a lost job returns through its lease). */
  async #execute(job: Job, claimedAt: number): Promise<void> {
    try {
      await this.#attempt(job, claimedAt);
    } catch (err) {
      this.options.deps.logger.error(
        'job outcome could not be recorded; it will be retried when its lease runs out',
        { id: job.id, type: job.type, error: describe(err) },
      );
    }
  }

  async #attempt(job: Job, claimedAt: number): Promise<void> {
    const { db, clock, logger } = this.options.deps;
    // Writes about the job retry through a database outage while this worker still holds the
    // lease; past that, another worker may have taken the job over, so give up.
    const leaseEnds = claimedAt + this.#leaseMs - Math.min(30_000, this.#leaseMs / 10);
    const write = <T>(what: string, run: () => Promise<T>) => this.#persist(job, what, leaseEnds, run);
    const run = await write('start', () =>
      db
        .insertInto('job_runs')
        .values({ job_id: job.id, attempt: job.attempts, worker: this.name, started_at: clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    let error: unknown;
    try {
      const definition = this.#handlers.get(job.type);
      if (!definition) throw new PermanentJobError(`No handler for job type ${job.type}`);
      const parsed = definition.payload.safeParse(job.payload);
      if (!parsed.success) throw new PermanentJobError(`Invalid payload: ${parsed.error.message}`);
      await definition.handle(parsed.data, { ...this.options.deps, job });
    } catch (err) {
      error = err;
    }
    const now = clock.now();
    const message =
      error instanceof Error ? error.message || describe(error) : error === undefined ? null : String(error);
    await write('finish', () =>
      db
        .updateTable('job_runs')
        .set({ finished_at: now, outcome: error === undefined ? 'succeeded' : 'failed', error: message })
        .where('id', '=', run.id)
        .execute(),
    );
    if (error === undefined) {
      await write('complete', () => completeJob(db, job, this.name, now));
      logger.debug('job succeeded', { id: job.id, type: job.type });
      return;
    }
    const outcome = await write('fail', () =>
      failJob(db, job, this.name, message ?? 'failed', now, {
        permanent: error instanceof PermanentJobError,
      }),
    );
    const log = outcome === 'dead' ? logger.error : logger.warn;
    log(`job ${outcome === 'dead' ? 'is dead' : 'will be retried'}`, {
      id: job.id,
      type: job.type,
      attempt: job.attempts,
      error: message,
    });
  }

  /** Runs a write, retrying with backoff while the database is unreachable, until `deadline` or stop. */
  async #persist<T>(job: Job, what: string, deadline: number, run: () => Promise<T>): Promise<T> {
    for (let failures = 1; ; failures++) {
      try {
        return await run();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || this.#stopping) throw err;
        const pause = pollBackoffMs(failures, 250, 5_000);
        if (Date.now() + pause > deadline) throw err;
        if (failures === 1)
          this.options.deps.logger.warn('cannot record a job, retrying until the database answers', {
            id: job.id,
            type: job.type,
            step: what,
            error: describe(err),
          });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}

/** An error for the log: its message, or its code when it has none (a failed connect's AggregateError). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return err.message || (typeof code === 'string' ? code : err.name);
}
