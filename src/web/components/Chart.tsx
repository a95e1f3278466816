import type { Child } from 'hono/jsx';
import { useT } from '../i18n/context.ts';

/** One figure of a chart: what it is (a bar's label, a month) and its value. */
export interface ChartPoint {
  label: string;
  value: number;
}

export interface Scale {
  /** The top of the axis (≥ every value, and at least one step). */
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A scale with round steps for values up to `largest`: about `count` steps of 1, 2, 5 × 10ⁿ (whole
 * numbers only when `whole`). No data, or only zeros, still gives a usable axis (0 to 1).
 */
export function niceScale(largest: number, count = 4, whole = true): Scale {
  const top = Number.isFinite(largest) && largest > 0 ? largest : 0;
  let step = 1;
  if (top > 0) {
    const rough = top / count;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    step = ([1, 2, 5, 10].find((n) => n * magnitude >= rough) ?? 10) * magnitude;
    if (whole) step = Math.max(1, Math.round(step));
  }
  const max = Math.max(step, Math.ceil(top / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { max, step, ticks };
}

/** A value's share of the axis, as an SVG percentage (0–100, never NaN). */
export function share(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(100, (value / max) * 100);
}

const pc = (n: number) => `${Number(n.toFixed(2))}%`;
const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface ChartProps {
  /** A page-unique id: the chart's parts are named after it. */
  id: string;
  title: string;
  /** The axis the values are measured on ("Applications"), also the table's value column. */
  valueLabel: string;
  /** What each point is ("Micro-credential", "Month"), the table's first column. */
  categoryLabel: string;
  points: ChartPoint[];
  /** A fixed top for the axis (1 for rates); otherwise a round number above the largest value. */
  max?: number;
  /** How a value is written (percentages, hours); a number in the reader's format by default. */
  format?: (value: number) => string;
}

/** The chart's frame: its caption, the picture, the axis name, and the numbers as a table. */
function ChartFrame(props: ChartProps & { picture: Child; summary: string }) {
  const { t } = useT();
  return (
    <figure class="chart" id={props.id}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      {props.points.length === 0 ? (
        <p class="muted">{t('pictures.chart.empty')}</p>
      ) : (
        <>
          {props.picture}
          <p class="chart-axis">{props.valueLabel}</p>
          <details class="chart-data">
            <summary>{t('pictures.chart.table')}</summary>
            <table>
              <caption class="visually-hidden">{props.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.categoryLabel}</th>
                  <th scope="col">{props.valueLabel}</th>
                </tr>
              </thead>
              <tbody>
                {props.points.map((p) => (
                  <tr>
                    <th scope="row">{p.label}</th>
                    <td>{props.format ? props.format(p.value) : p.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      <span class="visually-hidden" id={`${props.id}-desc`}>
        {props.summary}
      </span>
    </figure>
  );
}

/** "Highest: Safe Lifting (12)." or "Every value is zero." */
function useSummary(points: ChartPoint[], write: (n: number) => string): string {
  const { t } = useT();
  const top = points.reduce<ChartPoint | null>((best, p) => (!best || p.value > best.value ? p : best), null);
  if (!top || top.value <= 0) return points.length ? t('pictures.chart.allZero') : '';
  return t('pictures.chart.highest', { label: top.label, value: write(top.value) });
}

const ROW = 46;
const AXIS = 26;

/**
 * Horizontal bars, one per point, each with its label above it and its value at the right; round
 * ticks along the foot. Sized in CSS pixels and percentages, so it fits any width without scaling
 * its text. The picture is named by the title and a one-line summary; the table holds every number.
 */
export function BarChart(props: ChartProps) {
  const i18n = useT();
  const write = props.format ?? ((n: number) => i18n.number(n));
  const scale = props.max
    ? { ...niceScale(props.max, 4, false), max: props.max }
    : niceScale(Math.max(0, ...props.points.map((p) => p.value)));
  const ticks = props.max ? [0, 0.25, 0.5, 0.75, 1].map((f) => f * props.max!) : scale.ticks;
  const height = props.points.length * ROW + AXIS;
  const picture = (
    <svg
      class="chart-svg"
      width="100%"
      height={String(height)}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      {ticks.map((tick) => (
        <line
          class="chart-grid"
          x1={pc(share(tick, scale.max))}
          x2={pc(share(tick, scale.max))}
          y1="16"
          y2={String(height - AXIS + 4)}
        />
      ))}
      {props.points.map((p, i) => {
        const top = i * ROW;
        return (
          <g class="chart-bar">
            <title>{`${p.label}: ${write(p.value)}`}</title>
            <text class="chart-label" x="0" y={String(top + 13)}>
              {shorten(p.label, 34)}
            </text>
            <text class="chart-value" x="100%" y={String(top + 13)} text-anchor="end">
              {write(p.value)}
            </text>
            <rect class="chart-track" x="0" y={String(top + 20)} width="100%" height="16" rx="3" />
            {share(p.value, scale.max) > 0 && (
              <rect
                class="chart-fill"
                x="0"
                y={String(top + 20)}
                width={pc(share(p.value, scale.max))}
                height="16"
                rx="3"
              />
            )}
          </g>
        );
      })}
      {ticks.map((tick, i) => (
        <text
          class="chart-tick"
          x={pc(share(tick, scale.max))}
          y={String(height - 6)}
          text-anchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
        >
          {write(tick)}
        </text>
      ))}
    </svg>
  );
  return <ChartFrame {...props} picture={picture} summary={useSummary(props.points, write)} />;
}

const PLOT_TOP = 18;
const PLOT_BOTTOM = 168;
const COLUMN_HEIGHT = 196;

/**
 * Columns over time (months, weeks), gridlines with their values, and the periods along the foot
 * (every other one when there are many). Same frame, name and table as the bar chart.
 */
export function ColumnChart(props: ChartProps & { shortLabels?: string[] }) {
  const i18n = useT();
  const write = props.format ?? ((n: number) => i18n.number(n));
  const scale = niceScale(props.max ?? Math.max(0, ...props.points.map((p) => p.value)));
  const plot = PLOT_BOTTOM - PLOT_TOP;
  const y = (v: number) => PLOT_BOTTOM - (share(v, scale.max) / 100) * plot;
  const slot = 100 / Math.max(1, props.points.length);
  const every = props.points.length > 8 ? 2 : 1;
  const picture = (
    <svg
      class="chart-svg"
      width="100%"
      height={String(COLUMN_HEIGHT)}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
    >
      {scale.ticks.map((tick) => (
        <>
          <line class="chart-grid" x1="0" x2="100%" y1={y(tick).toFixed(1)} y2={y(tick).toFixed(1)} />
          <text class="chart-tick" x="0" y={(y(tick) - 4).toFixed(1)}>
            {write(tick)}
          </text>
        </>
      ))}
      {props.points.map((p, i) => {
        const h = PLOT_BOTTOM - y(p.value);
        return (
          <g class="chart-bar">
            <title>{`${p.label}: ${write(p.value)}`}</title>
            {h > 0 && (
              <rect
                class="chart-fill"
                x={pc(i * slot + slot * 0.2)}
                y={y(p.value).toFixed(1)}
                width={pc(slot * 0.6)}
                height={h.toFixed(1)}
                rx="2"
              />
            )}
            {(props.points.length - 1 - i) % every === 0 && (
              <text
                class="chart-tick"
                x={pc((i + 0.5) * slot)}
                y={String(PLOT_BOTTOM + 18)}
                text-anchor="middle"
              >
                {props.shortLabels?.[i] ?? p.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
  return <ChartFrame {...props} picture={picture} summary={useSummary(props.points, write)} />;
}
