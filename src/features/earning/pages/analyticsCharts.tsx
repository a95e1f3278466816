import { BarChart, ColumnChart } from '../../../web/components/Chart.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { MonthCount } from '../queries/applicationsOverTime.ts';
import type { MicroCredentialStats } from '../queries/earningAnalytics.ts';

/** A month (YYYY-MM) written the reader's way, long ("March 2026") or short ("Mar"). */
function monthName(locale: string, month: string, short: boolean): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(
    locale,
    short ? { month: 'short', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' },
  ).format(date);
}

/**
 * The analytics at a glance: applications per micro-credential, first-time pass rates, and
 * applications over the last 12 months; each chart has its numbers in a table too.
 */
export function AnalyticsCharts({
  stats,
  overTime,
}: {
  stats: MicroCredentialStats[];
  overTime: MonthCount[];
}) {
  const i18n = useT();
  const { t } = i18n;
  const percent = (n: number) => i18n.number(n, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section aria-labelledby="charts-heading">
      <h2 id="charts-heading">{t('pictures.analytics.charts')}</h2>
      <div class="charts">
        <BarChart
          id="chart-applications"
          title={t('pictures.analytics.applications')}
          valueLabel={t('pictures.analytics.count')}
          categoryLabel={t('pictures.analytics.microCredential')}
          points={stats.map((s) => ({ label: s.title, value: s.applications }))}
        />
        <BarChart
          id="chart-pass-rate"
          title={t('pictures.analytics.passRate')}
          valueLabel={t('pictures.analytics.rate')}
          categoryLabel={t('pictures.analytics.microCredential')}
          points={stats
            .filter((s) => s.firstTimePassRate !== null)
            .map((s) => ({ label: s.title, value: s.firstTimePassRate! }))}
          max={1}
          format={percent}
        />
        <ColumnChart
          id="chart-over-time"
          title={t('pictures.analytics.overTime')}
          valueLabel={t('pictures.analytics.count')}
          categoryLabel={t('pictures.analytics.month')}
          points={overTime.map((m) => ({
            label: monthName(i18n.locale, m.month, false),
            value: m.count,
          }))}
          shortLabels={overTime.map((m) => monthName(i18n.locale, m.month, true))}
        />
      </div>
    </section>
  );
}
