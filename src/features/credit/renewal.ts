/**
 * Credit rules of recognition programs (pure, no I/O): how many hours a recognized credential
 * is worth, the renewal cycle a credit lands in, the per-cycle cap, and renewal progress.
 */

/** A calendar day as YYYY-MM-DD. */
export type Day = string;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `date` column's value as YYYY-MM-DD. node-postgres reads a date as local midnight, PGlite
 * may give UTC midnight or a string: a Date at UTC midnight is read in UTC, any other in local time.
 */
export function dayString(value: Date | string): Day {
  if (typeof value === 'string') return value.slice(0, 10);
  const utcMidnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
  const [y, m, d] = utcMidnight
    ? [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]
    : [value.getFullYear(), value.getMonth() + 1, value.getDate()];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The UTC day of an instant (an issue date's validFrom). */
export function dayOf(instant: Date | string): Day {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new Error(`Not a date: ${String(instant)}`);
  return d.toISOString().slice(0, 10);
}

export function isDay(value: string): boolean {
  if (!DAY_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  // A real calendar day within the years a license cycle can sensibly start (the database has no year 0).
  return (
    !Number.isNaN(d.getTime()) &&
    d.toISOString().slice(0, 10) === value &&
    d.getUTCFullYear() >= 1900 &&
    d.getUTCFullYear() <= 2199
  );
}

/** Adds whole years to a day; 29 February becomes 28 February in a year without it. */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The day before a day. */
export function dayBefore(day: Day): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A renewal cycle: from `start` (inclusive) to `end` (exclusive); `last` is its final day. */
export interface Cycle {
  start: Day;
  end: Day;
  last: Day;
}

/**
 * The renewal cycle containing `day`: cycles of `cycleYears` repeat forward and backward from
 * the license's `cycleStart`.
 */
export function cycleContaining(cycleStart: Day, cycleYears: number, day: Day): Cycle {
  if (!Number.isInteger(cycleYears) || cycleYears < 1)
    throw new Error('A cycle lasts at least one whole year');
  const startYear = Number(cycleStart.slice(0, 4));
  const dayYear = Number(day.slice(0, 4));
  let k = Math.floor((dayYear - startYear) / cycleYears);
  let start = addYears(cycleStart, k * cycleYears);
  while (start > day) start = addYears(cycleStart, --k * cycleYears);
  while (addYears(cycleStart, (k + 1) * cycleYears) <= day) start = addYears(cycleStart, ++k * cycleYears);
  const end = addYears(cycleStart, (k + 1) * cycleYears);
  return { start, end, last: dayBefore(end) };
}

/** How a program counts a recognized credential. */
export interface UnitRule {
  unitRule: 'fixed' | 'credit_hours';
  fixedHours: number | null;
}

/** What is known about the credential's hours. */
export interface CreditFacts {
  /** Hours the recognizer granted when approving the version (0 or null when none were set). */
  hoursGranted: number | null;
  /** The credential's `credentialSubject.creditsEarned`. */
  creditsEarned?: number | null;
  /** The achievement's `creditsAvailable`. */
  creditsAvailable?: number | null;
}

const positive = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Rounds to hundredths, as numeric(8,2) stores hours. */
export const roundHours = (n: number): number => Math.round(n * 100) / 100;

/**
 * The hours a recognized credential is worth before any cap: 'fixed' → the program's fixed hours;
 * 'credit_hours' → the hours granted on approval, else the credential's creditsEarned, else the
 * achievement's creditsAvailable, else 0.
 */
export function creditFor(rule: UnitRule, facts: CreditFacts): number {
  if (rule.unitRule === 'fixed') return roundHours(Math.max(0, rule.fixedHours ?? 0));
  if (positive(facts.hoursGranted)) return roundHours(facts.hoursGranted);
  if (positive(facts.creditsEarned)) return roundHours(facts.creditsEarned);
  if (positive(facts.creditsAvailable)) return roundHours(facts.creditsAvailable);
  return 0;
}

/** The hours to post after the cycle cap, and why they differ from what was earned. */
export interface CappedCredit {
  hours: number;
  reason: string;
}

/**
 * Applies a per-cycle cap: an entry that would exceed it posts only the remainder; with nothing
 * left it posts 0 hours (the entry still records the credential, with the reason).
 */
export function applyCap(hours: number, cap: number | null, alreadyInCycle: number): CappedCredit {
  if (cap === null || cap === undefined) return { hours: roundHours(hours), reason: '' };
  const remaining = roundHours(Math.max(0, cap - alreadyInCycle));
  if (hours <= remaining) return { hours: roundHours(hours), reason: '' };
  if (remaining === 0) return { hours: 0, reason: `The cycle cap of ${cap} hours is already reached.` };
  return {
    hours: remaining,
    reason: `Capped: ${hours} hours earned, ${remaining} left under the cycle cap of ${cap} hours.`,
  };
}

/** One ledger entry as progress sees it. */
export interface LedgerLine {
  hours: number;
  cycleStart: Day;
}

/** Renewal progress in one cycle. */
export interface Progress {
  cycle: Cycle;
  earned: number;
  required: number;
  shortfall: number;
  met: boolean;
}

/** Hours earned in a cycle (credits minus reversals) against the hours required. */
export function progressIn(cycle: Cycle, required: number, lines: readonly LedgerLine[]): Progress {
  const earned = roundHours(
    lines.filter((l) => l.cycleStart === cycle.start).reduce((n, l) => n + l.hours, 0),
  );
  const shortfall = roundHours(Math.max(0, required - earned));
  return { cycle, earned, required, shortfall, met: shortfall === 0 };
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. Numbers stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== value ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV (CRLF line ends). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
