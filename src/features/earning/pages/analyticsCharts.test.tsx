import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn } from '../../../web/components/testRender.tsx';
import { lastMonths } from '../queries/applicationsOverTime.ts';
import { AnalyticsCharts } from './analyticsCharts.tsx';

const stat = (title: string, applications: number, firstTimePassRate: number | null) => ({
  microCredential: `mc_${title}`,
  title,
  applications,
  submissions: applications,
  passed: 0,
  expired: 0,
  firstTimePassRate,
  meanAttemptsToPass: null,
  turnaroundMedianHours: null,
  turnaroundP90Hours: null,
});

test('the last 12 months end with the current one, across a year', () => {
  const months = lastMonths(new Date('2026-02-15T12:00:00Z'), 12);
  assert.equal(months.length, 12);
  assert.deepEqual([months[0], months[10], months[11]], ['2025-03', '2026-01', '2026-02']);
});

test('analytics charts: applications, pass rates (only where decided) and months, each named, with tables', () => {
  const overTime = lastMonths(new Date('2026-02-15T00:00:00Z'), 12).map((month, i) => ({
    month,
    count: i === 11 ? 3 : 0,
  }));
  const html = renderIn(
    'en',
    <AnalyticsCharts stats={[stat('Routines', 4, 0.5), stat('Wait Time', 1, null)]} overTime={overTime} />,
  );
  assert.match(
    html,
    /<figcaption id="chart-applications-title">Applications per micro-credential<\/figcaption>/,
  );
  assert.match(html, /id="chart-applications-desc">Highest: Routines \(4\)\.</);
  assert.match(html, /id="chart-pass-rate-desc">Highest: Routines \(50%\)\.</);
  assert.doesNotMatch(
    html.slice(html.indexOf('chart-pass-rate'), html.indexOf('chart-over-time')),
    /Wait Time/,
  );
  assert.match(html, /<th scope="row">February 2026<\/th><td>3<\/td>/);
  assert.match(html, />Feb<\/text>/);
  const es = renderIn('es', <AnalyticsCharts stats={[]} overTime={overTime} />);
  assert.match(
    es,
    /Solicitudes por microcredencial<\/figcaption><p class="muted">Todavía no hay nada que mostrar\./,
  );
  assert.match(es, /febrero de 2026/);
});
