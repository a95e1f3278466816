import type { Queryable } from '../../storage/database.ts';

/** The latest 100 jobs, or only the dead ones (out of attempts). */
export function latestJobs(db: Queryable, status: 'dead' | null) {
  let q = db
    .selectFrom('jobs')
    .select(['id', 'type', 'status', 'attempts', 'max_attempts', 'run_at', 'last_error', 'updated_at'])
    .orderBy('id', 'desc')
    .limit(100);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}
