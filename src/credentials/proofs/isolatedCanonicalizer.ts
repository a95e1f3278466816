import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Quad } from 'jsonld';
import { BudgetExceededError } from '../budget.ts';
import type { CanonizeOptions, Canonicalizer } from './canonicalize.ts';
import type { CanonicalizeJob, CanonicalizeReply } from './canonicalizeWorker.ts';

/**
 * The jsonld.js reference path run in worker threads. JSON-LD expansion of a large or hostile
 * document is CPU work that cannot be interrupted in-process and never yields to the event loop;
 * in a worker it leaves the server answering other requests (/healthz among them), and a job
 * that outlives its deadline is stopped by ending its worker (a fresh one starts for the next).
 * Results are those of jsonldCanonicalizer, which the worker runs.
 */
export interface IsolatedCanonicalizer extends Canonicalizer {
  /** jsonld.toRDF (not safe mode), for the fast canonicalizer's templates. */
  toRdf(document: unknown, base: string | null, options?: CanonizeOptions): Promise<Quad[]>;
  /** Workers started so far (each replaces one ended for running out of time). */
  readonly stats: { started: number; stopped: number };
  close(): Promise<void>;
}

/** A job that gets no deadline still ends: no document needs this long. */
const LONGEST_JOB_MS = 30_000;

type Pending = {
  job: CanonicalizeJob;
  deadline: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
};
type Slot = { worker: Worker; running: Pending | null };

// eslint-disable-next-line max-lines-per-function -- one closure: the worker pool, its queue and its deadlines are shared state
export function isolatedCanonicalizer(options: { workers?: number } = {}): IsolatedCanonicalizer {
  const size = options.workers ?? Math.max(1, Math.min(2, availableParallelism()));
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  const stats = { started: 0, stopped: 0 };
  let nextId = 1;

  const settle = (pending: Pending, outcome: { value: unknown } | { error: Error }) => {
    clearTimeout(pending.timer);
    if ('error' in outcome) pending.reject(outcome.error);
    else pending.resolve(outcome.value);
  };

  function drop(slot: Slot) {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
  }

  function start(): Slot {
    const worker = new Worker(new URL('./canonicalizeWorker.mjs', import.meta.url));
    stats.started++;
    const slot: Slot = { worker, running: null };
    worker.on('message', (reply: CanonicalizeReply) => {
      const pending = slot.running;
      if (!pending || pending.job.id !== reply.id) return;
      slot.running = null;
      settle(pending, reply.ok ? { value: reply.result } : { error: new Error(reply.message) });
      pump();
    });
    const fail = (err: Error) => {
      drop(slot);
      const pending = slot.running;
      slot.running = null;
      if (pending) settle(pending, { error: err });
      pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The canonicalization worker stopped (exit ${code})`)));
    // An idle worker does not keep the process alive; a running job's timer does.
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function pump() {
    while (queue.length) {
      const slot = slots.find((s) => !s.running) ?? (slots.length < size ? start() : undefined);
      if (!slot) return;
      const pending = queue.shift()!;
      slot.running = pending;
      try {
        slot.worker.postMessage(pending.job);
      } catch (err) {
        slot.running = null;
        settle(pending, { error: err as Error });
      }
    }
  }

  function run(job: CanonicalizeJob, options: CanonizeOptions = {}): Promise<unknown> {
    const deadline = Math.min(options.deadline ?? Infinity, Date.now() + LONGEST_JOB_MS);
    if (Date.now() > deadline) return Promise.reject(new BudgetExceededError('canonicalization'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { job, deadline, resolve, reject };
      pending.timer = setTimeout(
        () => {
          const waiting = queue.indexOf(pending);
          if (waiting >= 0) queue.splice(waiting, 1);
          const slot = slots.find((s) => s.running === pending);
          if (slot) {
            // The worker is busy with this job and cannot be interrupted otherwise: end it.
            slot.running = null;
            drop(slot);
            stats.stopped++;
            void slot.worker.terminate();
          }
          reject(new BudgetExceededError('canonicalization'));
          pump();
        },
        Math.max(0, deadline - Date.now()),
      );
      queue.push(pending);
      pump();
    });
  }

  return {
    stats,
    canonize: async (document, options) =>
      (await run({ id: nextId++, op: 'canonize', document }, options)) as string,
    toRdf: async (document, base, options) =>
      (await run({ id: nextId++, op: 'toRdf', document, base }, options)) as Quad[],
    async close() {
      for (const pending of queue.splice(0))
        settle(pending, { error: new Error('The canonicalizer was closed') });
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

let shared: IsolatedCanonicalizer | undefined;
/** One worker pool per process, started on first use. */
export function sharedIsolatedCanonicalizer(): IsolatedCanonicalizer {
  shared ??= isolatedCanonicalizer();
  return shared;
}
