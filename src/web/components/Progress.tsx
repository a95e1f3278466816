import { useT } from '../i18n/context.ts';

/** How far a value is toward a target: the drawn fraction (0–1), the percentage shown, what is left or over. */
export interface ProgressFigures {
  /** The share of the ring or bar to fill: 0 to 1, never more. */
  fraction: number;
  /** The whole percentage shown: 100 only once the target is reached (never rounded up to it). */
  percent: number;
  complete: boolean;
  /** How much is still needed (0 once complete). */
  remaining: number;
  /** How much more than the target (0 until then). */
  over: number;
}

const tidy = (n: number) => Math.round(n * 100) / 100;

export function progressFigures(value: number, target: number): ProgressFigures {
  const v = Number.isFinite(value) ? Math.max(0, value) : 0;
  const max = Number.isFinite(target) ? Math.max(0, target) : 0;
  const complete = v >= max;
  const fraction = max === 0 ? 1 : Math.min(1, v / max);
  let percent = complete ? 100 : Math.floor(fraction * 100);
  if (!complete && v > 0 && percent === 0) percent = 1;
  return {
    fraction,
    percent,
    complete,
    remaining: tidy(Math.max(0, max - v)),
    over: tidy(Math.max(0, v - max)),
  };
}

/** "12 h to go", "Requirement met", or "… with 6 h more than needed". */
function useStatusLine(figures: ProgressFigures): string {
  const i18n = useT();
  if (!figures.complete) return i18n.t('pictures.progress.toGo', { count: i18n.number(figures.remaining) });
  if (figures.over > 0) return i18n.t('pictures.progress.over', { count: i18n.number(figures.over) });
  return i18n.t('pictures.progress.met');
}

/**
 * Hours toward a target as a ring, with the numbers beside it in text ("12 h of 24 h", "12 h to go").
 * The ring is an image named by its percentage; the fill is capped at a full ring.
 */
export function ProgressRing({ value, target, size = 96 }: { value: number; target: number; size?: number }) {
  const i18n = useT();
  const figures = progressFigures(value, target);
  const percent = i18n.t('pictures.progress.percent', { percent: figures.percent });
  return (
    <div class={`progress-ring${figures.complete ? ' complete' : ''}`}>
      <svg viewBox="0 0 120 120" width={String(size)} height={String(size)} role="img" aria-label={percent}>
        <circle class="ring-track" cx="60" cy="60" r="50" fill="none" stroke-width="14" />
        {figures.fraction > 0 && (
          <circle
            class="ring-fill"
            cx="60"
            cy="60"
            r="50"
            fill="none"
            stroke-width="14"
            pathLength="100"
            stroke-dasharray={`${(figures.fraction * 100).toFixed(2)} 100`}
            stroke-linecap={figures.fraction < 1 ? 'round' : 'butt'}
            transform="rotate(-90 60 60)"
          />
        )}
        <text class="ring-text" x="60" y="60" text-anchor="middle" dominant-baseline="central" font-size="26">
          {`${figures.percent}%`}
        </text>
      </svg>
      <p class="progress-text">
        <strong>
          {i18n.t('pictures.progress.hours', { value: i18n.number(value), max: i18n.number(target) })}
        </strong>
        <span>{useStatusLine(figures)}</span>
      </p>
    </div>
  );
}

/** A value toward a target as a slim bar (for lists), with the same text as the ring. */
export function ProgressBar({
  value,
  target,
  text,
}: {
  value: number;
  target: number;
  /** The words beside the bar; hours by default. */
  text?: string;
}) {
  const i18n = useT();
  const figures = progressFigures(value, target);
  const words =
    text ?? i18n.t('pictures.progress.hours', { value: i18n.number(value), max: i18n.number(target) });
  return (
    <div class={`progress-bar${figures.complete ? ' complete' : ''}`}>
      <svg
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-label={i18n.t('pictures.progress.percent', { percent: figures.percent })}
      >
        <rect class="bar-track" x="0" y="0" width="100" height="10" rx="5" />
        {figures.fraction > 0 && (
          <rect class="bar-fill" x="0" y="0" width={(figures.fraction * 100).toFixed(2)} height="10" rx="5" />
        )}
      </svg>
      <span class="progress-text">{words}</span>
    </div>
  );
}

/**
 * Steps of a pathway as a row of dots, earned ones filled, with the words beside them ("3 of 5 steps
 * earned", which is what a screen reader reads: the dots are decoration). More than a dozen steps
 * become a bar.
 */
export function StepDots({ done, total }: { done: number; total: number }) {
  const i18n = useT();
  const label = i18n.t('pictures.progress.steps', { done, total });
  if (total > 12 || total < 1) return <ProgressBar value={done} target={Math.max(total, 0)} text={label} />;
  const gap = 22;
  return (
    <div class="step-dots">
      <svg viewBox={`0 0 ${total * gap} 20`} width={String(total * gap)} height="20" aria-hidden="true">
        {Array.from({ length: total }, (_, i) => (
          <circle
            class={i < done ? 'dot-earned' : 'dot-missing'}
            cx={String(i * gap + 10)}
            cy="10"
            r="7"
            stroke-width="2"
          />
        ))}
      </svg>
      <span class="progress-text">{label}</span>
    </div>
  );
}
