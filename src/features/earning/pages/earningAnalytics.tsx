import { Hono } from 'hono';
import { z } from 'zod';
import { requireMember } from '../../accounts/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { page } from '../../../web/render.tsx';
import { earningStats, statsCsv, type MicroCredentialStats } from '../queries/earningAnalytics.ts';
import { earningPaths } from '../paths.ts';
import { applicationsByMonth, type MonthCount } from '../queries/applicationsOverTime.ts';
import { AnalyticsCharts } from './analyticsCharts.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { requestTranslator } from '../../../web/preferences.ts';

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

export interface AnalyticsModel {
  organisation: { slug: string; name: string };
  csvHref: string;
  stats: MicroCredentialStats[];
  /** The largest number of applications, for the bars' scale (at least 1). */
  maxApplications: number;
  /** Applications per month over the last 12 months, oldest first. */
  overTime: MonthCount[];
}

/** Per micro-credential figures of an organisation's earning loop, for its staff. */
export async function loadAnalytics(
  db: Queryable,
  userId: number,
  orgSlug: string,
  now: Date,
): Promise<AnalyticsModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'applications.read');
  const [stats, overTime] = await Promise.all([
    earningStats(db, organisation.id),
    applicationsByMonth(db, organisation.id, now),
  ]);
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    csvHref: earningPaths.analyticsCsv(organisation.slug),
    stats,
    maxApplications: Math.max(1, ...stats.map((s) => s.applications)),
    overTime,
  };
}

/** A figure as a fraction of its scale, drawn by the browser's own meter (no inline style). */
function Bar({ label, fraction }: { label: string; fraction: number }) {
  return <meter aria-label={label} min={0} max={1} value={fraction} />;
}

export function AnalyticsView({ model }: { model: AnalyticsModel }) {
  const { t } = useT();
  const col = 'earning.analytics.columns';
  return (
    <>
      <h1>{t('earning.analytics.heading', { organisation: model.organisation.name })}</h1>
      <p>
        <a href={model.csvHref}>{t('earning.analytics.csv')}</a>
      </p>
      <AnalyticsCharts stats={model.stats} overTime={model.overTime} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t(`${col}.microCredential`)}</th>
            <th scope="col">{t(`${col}.applications`)}</th>
            <th scope="col">{t(`${col}.submissions`)}</th>
            <th scope="col">{t(`${col}.firstTimePassRate`)}</th>
            <th scope="col">{t(`${col}.meanAttempts`)}</th>
            <th scope="col">{t(`${col}.turnaround`)}</th>
            <th scope="col">{t(`${col}.expired`)}</th>
          </tr>
        </thead>
        <tbody>
          {model.stats.map((s) => (
            <tr>
              <td>{s.title}</td>
              <td>
                <Bar
                  label={t('earning.analytics.applicationsBar', { count: s.applications })}
                  fraction={s.applications / model.maxApplications}
                />{' '}
                {s.applications}
              </td>
              <td>{s.submissions}</td>
              <td>
                <Bar
                  label={t('earning.analytics.passRateBar', { rate: pct(s.firstTimePassRate) })}
                  fraction={s.firstTimePassRate ?? 0}
                />{' '}
                {pct(s.firstTimePassRate)}
              </td>
              <td>{s.meanAttemptsToPass ?? '—'}</td>
              <td>
                {s.turnaroundMedianHours ?? '—'} / {s.turnaroundP90Hours ?? '—'}
              </td>
              <td>{s.expired}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const params = z.object({ slug: slugParam });

/** `/orgs/:slug/analytics` (and `.csv`): the issuer's earning analytics. */
export function earningAnalyticsRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/analytics', async (c) => {
    const { slug } = routeParams(c, params);
    const model = await loadAnalytics(
      c.var.deps.db,
      requireViewer(c.var.viewer).user_id,
      slug,
      c.var.deps.clock.now(),
    );
    return page(c, requestTranslator(c).t('earning.analytics.title'), <AnalyticsView model={model} />);
  });
  r.get('/orgs/:slug/analytics.csv', async (c) => {
    const { slug } = routeParams(c, params);
    const model = await loadAnalytics(
      c.var.deps.db,
      requireViewer(c.var.viewer).user_id,
      slug,
      c.var.deps.clock.now(),
    );
    return c.body(statsCsv(model.stats), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${model.organisation.slug}-analytics.csv"`,
    });
  });
  return r;
}
