import { Hono } from 'hono';
import { forbidden } from '../../../domain/errors.ts';
import { jobCounts, retryDeadJob } from '../../../jobs/queue.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { ActionButton } from '../../../web/forms.tsx';
import { page, redirectWith } from '../../../web/render.tsx';
import { z } from 'zod';
import { idParam, routeParams } from '../../../http/params.ts';
import { latestJobs } from '../queries.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const idParams = z.object({ id: idParam });

/** The job counts and the latest (or dead) jobs, each dead one with its retry button. */
function JobsView({
  counts,
  jobs,
  status,
  csrf,
}: {
  counts: Record<string, number>;
  jobs: Awaited<ReturnType<typeof latestJobs>>;
  status: 'dead' | null;
  csrf: string;
}) {
  return (
    <>
      <h1>Background jobs</h1>
      <p>
        {['queued', 'running', 'succeeded', 'dead'].map((s) => (
          <span class="tag">
            {s}: {counts[s] ?? 0}
          </span>
        ))}
      </p>
      <p>
        Showing{' '}
        {status ? 'dead jobs (out of attempts; nothing retries them until you do)' : 'the latest jobs'}.{' '}
        <a href={status ? '/admin/jobs?status=all' : '/admin/jobs'}>
          {status ? 'Show all' : 'Show dead only'}
        </a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr>
              <td>{j.id}</td>
              <td>{j.type}</td>
              <td>{j.status}</td>
              <td>
                {j.attempts}/{j.max_attempts}
              </td>
              <td>{j.last_error}</td>
              <td>
                {j.status === 'dead' && (
                  <ActionButton
                    action={`/admin/jobs/${j.id}/retry`}
                    csrfToken={csrf}
                    label="Retry"
                    variant="secondary"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Platform administration: the job queue and its dead letters. */
export function adminRoutes() {
  const r = new Hono<AppEnv>();
  r.use('/admin/*', async (c, next) => {
    if (!requireViewer(c.var.viewer).is_platform_admin)
      throw forbidden(commandMessage('errors.admin.platformOnly'));
    await next();
  });
  r.get('/admin/jobs', async (c) => {
    const { db } = c.var.deps;
    const status = c.req.query('status') === 'all' ? null : 'dead';
    const counts = await jobCounts(db);
    const jobs = await latestJobs(db, status);
    return page(c, 'Jobs', <JobsView counts={counts} jobs={jobs} status={status} csrf={c.var.csrfToken} />);
  });
  r.post('/admin/jobs/:id/retry', async (c) => {
    const ok = await retryDeadJob(c.var.deps.db, routeParams(c, idParams).id, c.var.deps.clock.now());
    return redirectWith(
      c,
      '/admin/jobs',
      ok ? 'success' : 'error',
      ok ? 'The job is queued again.' : 'That job is not dead any more.',
    );
  });
  return r;
}
