/**
 * Waking this process's workers when a job was added, instead of waiting for their next poll.
 * `enqueueJob` calls `wakeWorkers` after the enqueuing transaction commits; a worker listens
 * while it runs. Workers in other processes find the job at their next poll.
 */
const listeners = new Set<() => void>();

/** Calls `listener` each time a job is added; returns the way to stop. */
export function onJobsEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeWorkers(): void {
  for (const listener of listeners) listener();
}
