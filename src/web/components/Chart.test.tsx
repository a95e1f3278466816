import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarChart, ColumnChart, niceScale, share } from './Chart.tsx';
import { renderIn } from './testRender.tsx';

test('scale: round steps above the largest value; zero or no data still gives an axis', () => {
  assert.deepEqual(niceScale(0), { max: 1, step: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(Number.NaN), { max: 1, step: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(-4), { max: 1, step: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(3), { max: 3, step: 1, ticks: [0, 1, 2, 3] });
  assert.deepEqual(niceScale(12), { max: 15, step: 5, ticks: [0, 5, 10, 15] });
  assert.deepEqual(niceScale(100), { max: 100, step: 50, ticks: [0, 50, 100] });
  assert.equal(niceScale(101).max, 150);
  assert.deepEqual(niceScale(0.6, 4, false).ticks, [0, 0.2, 0.4, 0.6]);
  assert.equal(share(0, 0), 0);
  assert.equal(share(5, 0), 0, 'no division by zero');
  assert.equal(share(5, 10), 50);
  assert.equal(share(20, 10), 100, 'never past the axis');
});

const points = [
  { label: 'Safe Lifting', value: 12 },
  { label: 'Wait Time', value: 3 },
];

test('bar chart: a named picture, bars to scale, ticks, and a table of the numbers', () => {
  const html = renderIn(
    'en',
    <BarChart
      id="apps"
      title="Applications"
      valueLabel="Applications"
      categoryLabel="Micro-credential"
      points={points}
    />,
  );
  assert.match(html, /<figcaption id="apps-title">Applications<\/figcaption>/);
  assert.match(html, /role="img" aria-labelledby="apps-title apps-desc"/);
  assert.match(html, /id="apps-desc">Highest: Safe Lifting \(12\)\.</);
  assert.match(html, /<rect class="chart-fill" x="0" y="\d+" width="80%"/, '12 of an axis to 15');
  assert.match(html, /<rect class="chart-fill" x="0" y="\d+" width="20%"/);
  assert.deepEqual(
    [...html.matchAll(/class="chart-tick"[^>]*>(\d+)</g)].map((m) => m[1]),
    ['0', '5', '10', '15'],
  );
  assert.match(html, /<summary>The numbers as a table<\/summary>/);
  assert.match(html, /<th scope="row">Wait Time<\/th><td>3<\/td>/);
});

test('bar chart: rates on a fixed axis, all zeros drawn without bars, nothing at all says so', () => {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const rates = renderIn(
    'en',
    <BarChart
      id="r"
      title="Pass"
      valueLabel="Rate"
      categoryLabel="MC"
      max={1}
      format={pct}
      points={[{ label: 'A', value: 0.75 }]}
    />,
  );
  assert.match(rates, /width="75%"/);
  assert.deepEqual(
    [...rates.matchAll(/class="chart-tick"[^>]*>([^<]+)</g)].map((m) => m[1]),
    ['0%', '25%', '50%', '75%', '100%'],
  );
  const zeros = renderIn(
    'en',
    <BarChart id="z" title="Z" valueLabel="V" categoryLabel="C" points={[{ label: 'A', value: 0 }]} />,
  );
  assert.doesNotMatch(zeros, /chart-fill|NaN|Infinity/);
  assert.match(zeros, /Every value is zero\./);
  const empty = renderIn('es', <BarChart id="e" title="E" valueLabel="V" categoryLabel="C" points={[]} />);
  assert.match(empty, /Todavía no hay nada que mostrar\./);
  assert.doesNotMatch(empty, /<svg/);
});

test('column chart: columns to scale, gridline values, every other period named when there are many', () => {
  const months = Array.from({ length: 12 }, (_, i) => ({ label: `Month ${i + 1}`, value: i === 11 ? 4 : 0 }));
  const html = renderIn(
    'en',
    <ColumnChart
      id="t"
      title="Over time"
      valueLabel="Applications"
      categoryLabel="Month"
      points={months}
      shortLabels={months.map((_, i) => `M${i + 1}`)}
    />,
  );
  assert.equal([...html.matchAll(/<rect class="chart-fill"/g)].length, 1, 'zero months draw no column');
  assert.doesNotMatch(html, /NaN|Infinity/);
  assert.deepEqual(
    [...html.matchAll(/class="chart-tick" x="0"[^>]*>(\d+)</g)].map((m) => m[1]),
    ['0', '1', '2', '3', '4'],
  );
  const named = [...html.matchAll(/text-anchor="middle">(M\d+)</g)].map((m) => m[1]);
  assert.deepEqual(named, ['M2', 'M4', 'M6', 'M8', 'M10', 'M12'], 'the latest month is always named');
  const zero = renderIn(
    'en',
    <ColumnChart id="z" title="Z" valueLabel="V" categoryLabel="C" points={[{ label: 'Jan', value: 0 }]} />,
  );
  assert.doesNotMatch(zero, /chart-fill|NaN/);
});
