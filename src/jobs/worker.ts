import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Job } from '../storage/schema.ts';
import { claimJobs, completeJob, failJob } from './queue.ts';
import { enqueueDueSchedules } from './schedules.ts';
import { PermanentJobError, type JobDefinition, type JobDeps } from './definition.ts';

export interface WorkerOptions {
  deps: JobDeps;
  /** Handlers of every job type this worker runs; each validates its own payload. */
  jobs: readonly JobDefinition<unknown>[];
  concurrency: number;
  pollMs: number;
  name?: string;
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
  #wake: (() => void) | undefined;

  constructor(private readonly options: WorkerOptions) {
    this.name = options.name ?? workerName();
    this.#handlers = new Map(options.jobs.map((j) => [j.type, j]));
    this.#leaseMs = Math.max(300_000, ...options.jobs.map((j) => j.leaseMs ?? 0));
  }

  /** Starts polling in the background. */
  start(): void {
    this.#stopping = false;
    this.#loop ??= this.#run();
  }

  /** Stops claiming and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    await Promise.all(this.#running);
  }

  /** Asks an idle worker to look for jobs now (after enqueueing in the same process). */
  nudge(): void {
    this.#wake?.();
  }

  /** One round: enqueue due schedules, claim what fits, start it. Returns how many it claimed. */
  async tick(): Promise<number> {
    const { db, clock } = this.options.deps;
    await enqueueDueSchedules(db, clock.now());
    const free = this.options.concurrency - this.#running.size;
    if (free <= 0) return 0;
    const jobs = await claimJobs(db, { worker: this.name, limit: free, now: clock.now(), leaseMs: this.#leaseMs, types: [...this.#handlers.keys()] });
    for (const job of jobs) {
      const p: Promise<void> = this.#execute(job).finally(() => this.#running.delete(p));
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
    while (!this.#stopping) {
      let claimed = 0;
      try {
        claimed = await this.tick();
      } catch (err) {
        logger.error('worker could not poll for jobs', { worker: this.name, error: (err as Error).message });
      }
      if (claimed === 0 || this.#running.size >= this.options.concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
          if (this.#running.size >= this.options.concurrency) void Promise.race(this.#running).then(this.#wake);
        });
        this.#wake = undefined;
      }
    }
  }

  async #execute(job: Job): Promise<void> {
    const { db, clock, logger } = this.options.deps;
    const run = await db
      .insertInto('job_runs')
      .values({ job_id: job.id, attempt: job.attempts, worker: this.name, started_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
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
    const message = error instanceof Error ? error.message : error === undefined ? null : String(error);
    await db
      .updateTable('job_runs')
      .set({ finished_at: now, outcome: error === undefined ? 'succeeded' : 'failed', error: message })
      .where('id', '=', run.id)
      .execute();
    if (error === undefined) {
      await completeJob(db, job, this.name, now);
      logger.debug('job succeeded', { id: job.id, type: job.type });
      return;
    }
    const outcome = await failJob(db, job, this.name, message ?? 'failed', now, { permanent: error instanceof PermanentJobError });
    const log = outcome === 'dead' ? logger.error : logger.warn;
    log(`job ${outcome === 'dead' ? 'is dead' : 'will be retried'}`, { id: job.id, type: job.type, attempt: job.attempts, error: message });
  }
}
