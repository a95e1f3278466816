import type { Requirement } from './pathway.ts';
import { catalogMessage } from '../messages.ts';

/**
 * The pathway form's steps and the requirement tree, both ways. A step is "all of" or "any N of"
 * a group of micro-credentials; the steps are all needed, optionally in order. Pure functions.
 */

type Fields = Record<string, string | string[]>;

export interface StepRow {
  kind: 'all' | 'some';
  /** As typed (for "any N of"). */
  count: string;
  chosen: string[];
}

/** How many blank steps the form offers after the filled ones. */
export const BLANK_STEPS = 2;

const str = (f: Fields, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '');
const list = (f: Fields, k: string) => {
  const v = f[k];
  return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
};

/** The step rows as posted (every row the form showed, blank ones too). */
export function stepsFromFields(f: Fields): StepRow[] {
  const rows: StepRow[] = [];
  for (let i = 0; `step_${i}_kind` in f; i++)
    rows.push({
      kind: str(f, `step_${i}_kind`) === 'some' ? 'some' : 'all',
      count: str(f, `step_${i}_count`),
      chosen: list(f, `step_${i}_mc`),
    });
  return rows;
}

/** The requirement the posted steps describe, or the problems with them (keyed by field). */
export function requirementFromSteps(
  rows: StepRow[],
  inOrder: boolean,
): { requirement: Requirement } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const steps: Requirement[] = [];
  rows.forEach((row, i) => {
    if (row.chosen.length === 0) {
      if (row.kind === 'some' && row.count.trim() !== '')
        errors[`step_${i}_mc`] = catalogMessage('stepChoose');
      return;
    }
    const items: Requirement[] = row.chosen.map((id) => ({ type: 'microCredential', id }));
    if (row.kind === 'all') {
      steps.push(items.length === 1 ? items[0]! : { type: 'all', items });
      return;
    }
    const count = Number(row.count);
    if (!/^\d+$/.test(row.count.trim()) || count < 1 || count > items.length) {
      errors[`step_${i}_count`] = catalogMessage('stepCount', { max: items.length });
      return;
    }
    steps.push({ type: 'some', count, items });
  });
  if (Object.keys(errors).length) return { errors };
  if (steps.length === 0) return { errors: { steps: catalogMessage('noSteps') } };
  return { requirement: { type: inOrder ? 'ordered' : 'all', items: steps } };
}

const isLeaf = (r: Requirement): r is { type: 'microCredential'; id: string } => r.type === 'microCredential';

function stepOf(r: Requirement): StepRow | null {
  if (isLeaf(r)) return { kind: 'all', count: '', chosen: [r.id] };
  if (r.type === 'all' && r.items.every(isLeaf))
    return { kind: 'all', count: '', chosen: r.items.map((i) => i.id) };
  if (r.type === 'some' && r.items.every(isLeaf))
    return { kind: 'some', count: String(r.count), chosen: r.items.map((i) => i.id) };
  return null;
}

/** The steps of a requirement this form can edit; null when it is shaped otherwise (nested pathways, deeper groups: built through the API). */
export function stepsFromRequirement(req: Requirement): { steps: StepRow[]; inOrder: boolean } | null {
  if (req.type === 'all' || req.type === 'ordered') {
    const steps = req.items.map(stepOf);
    if (steps.every((s): s is StepRow => s !== null)) return { steps, inOrder: req.type === 'ordered' };
  }
  const one = stepOf(req);
  return one ? { steps: [one], inOrder: false } : null;
}
