import { Hono } from 'hono';
import { z } from 'zod';
import { forbidden } from '../../../domain/errors.ts';
import { jobCounts, retryDeadJob } from '../../../jobs/queue.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { JobStatus } from '../../../storage/schema.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { idParam, routeParams } from '../../../http/params.ts';
import { ActionButton, TableHead } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { page, redirectWith } from '../../../web/render.tsx';
import { adminPaths } from '../paths.ts';
import { latestJobs } from '../queries.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

const idParams = z.object({ id: idParam });
const STATUSES: JobStatus[] = ['queued', 'running', 'succeeded', 'dead'];
const COLUMNS = ['id', 'type', 'status', 'attempts', 'lastError'] as const;

export interface JobsModel {
  counts: Record<string, number>;
  jobs: Awaited<ReturnType<typeof latestJobs>>;
  /** 'dead' shows only the dead jobs; null the latest of every status. */
  status: 'dead' | null;
  csrfToken: string;
}

/** The job counts and the latest (or only the dead) jobs. */
export async function loadJobs(
  db: Queryable,
  { status, csrfToken }: Pick<JobsModel, 'status' | 'csrfToken'>,
): Promise<JobsModel> {
  const [counts, jobs] = await Promise.all([jobCounts(db), latestJobs(db, status)]);
  return { counts, jobs, status, csrfToken };
}

function JobRow({ job: j, csrfToken }: { job: JobsModel['jobs'][number]; csrfToken: string }) {
  const { t } = useT();
  return (
    <tr>
      <td>{j.id}</td>
      <td>{j.type}</td>
      <td>{t(`admin.jobs.statuses.${j.status}`)}</td>
      <td>
        {j.attempts}/{j.max_attempts}
      </td>
      <td>{j.last_error}</td>
      <td>
        {j.status === 'dead' && (
          <ActionButton
            action={adminPaths.retryJob(j.id)}
            csrfToken={csrfToken}
            label={t('admin.jobs.retry')}
            variant="secondary"
          />
        )}
      </td>
    </tr>
  );
}

/** The job counts and the latest (or dead) jobs, each dead one with its retry button. */
export function JobsView({ counts, jobs, status, csrfToken }: JobsModel) {
  const { t } = useT();
  return (
    <>
      <h1>{t('admin.jobs.heading')}</h1>
      <p>
        {STATUSES.map((s) => (
          <span class="tag">
            {t('admin.jobs.count', { status: t(`admin.jobs.statuses.${s}`), count: counts[s] ?? 0 })}
          </span>
        ))}
      </p>
      <p>
        {status ? t('admin.jobs.showingDead') : t('admin.jobs.showingLatest')}{' '}
        <a href={status ? adminPaths.jobs('all') : adminPaths.jobs()}>
          {status ? t('admin.jobs.showAll') : t('admin.jobs.showDead')}
        </a>
      </p>
      <table>
        <TableHead columns={[...COLUMNS.map((c) => t(`admin.jobs.columns.${c}`)), '']} />
        <tbody>
          {jobs.map((j) => (
            <JobRow job={j} csrfToken={csrfToken} />
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
  r.get(adminPaths.jobs(), async (c) => {
    const status = c.req.query('status') === 'all' ? null : 'dead';
    const model = await loadJobs(c.var.deps.db, { status, csrfToken: c.var.csrfToken });
    return page(c, requestTranslator(c).t('admin.jobs.title'), <JobsView {...model} />);
  });
  r.post(adminPaths.retryJob(':id'), async (c) => {
    const ok = await retryDeadJob(c.var.deps.db, routeParams(c, idParams).id, c.var.deps.clock.now());
    const { t } = requestTranslator(c);
    return redirectWith(
      c,
      adminPaths.jobs(),
      ok ? 'success' : 'error',
      ok ? t('admin.jobs.flash.retried') : t('admin.jobs.flash.notDead'),
    );
  });
  return r;
}
