import type { Db } from '../storage/database.ts';
import { inTransaction } from '../storage/database.ts';
import { enqueueJob } from './queue.ts';

/** A job enqueued at a fixed interval, by whichever process gets there first. */
export interface ScheduleDefinition {
  name: string;
  jobType: string;
  everySeconds: number;
}

/** Registers schedules (keeps each one's next run time if it already exists). */
export async function ensureSchedules(
  db: Db,
  schedules: readonly ScheduleDefinition[],
  now: Date,
): Promise<void> {
  for (const s of schedules) {
    await db
      .insertInto('job_schedules')
      .values({ name: s.name, job_type: s.jobType, every_seconds: s.everySeconds, next_run_at: now })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ job_type: s.jobType, every_seconds: s.everySeconds }),
      )
      .execute();
  }
}

/**
 * Enqueues one job per due schedule. Rows are locked with SKIP LOCKED and each job carries an
 * idempotency key naming its slot, so many processes ticking at once enqueue it once.
 */
export async function enqueueDueSchedules(db: Db, now: Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const due = await tx
      .selectFrom('job_schedules')
      .selectAll()
      .where('next_run_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const s of due) {
      const slot = s.next_run_at.toISOString();
      await enqueueJob(tx, s.job_type, { schedule: s.name, slot }, now, {
        idempotencyKey: `schedule:${s.name}:${slot}`,
      });
      let next = new Date(s.next_run_at.getTime() + s.every_seconds * 1000);
      // After downtime, run once and resume the rhythm from now rather than replaying each missed slot.
      if (next <= now) next = new Date(now.getTime() + s.every_seconds * 1000);
      await tx
        .updateTable('job_schedules')
        .set({ next_run_at: next, last_enqueued_at: now })
        .where('name', '=', s.name)
        .execute();
    }
    return due.length;
  });
}
