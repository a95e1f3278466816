/*
 * Every verification runs under a budget: a deadline (an absolute Date.now() time) passed down
 * from the request to each step, and bounds on the size and shape of what is verified. A step
 * that runs out of time reports `verification_budget_exceeded`; a document too large or too deep
 * is refused before any work (`too_large`, `too_deep`).
 */

import { detail, detailText, type CheckDetail } from './checkMessages.ts';

/** How long one verification may take, all steps together (a person waits for the answer). */
export const VERIFY_BUDGET_MS = 5_000;

/** The step that ran out of time. */
export type BudgetStep = 'canonicalization' | 'key' | 'status' | 'verification';

/** The error a step throws when the deadline has passed. */
export class BudgetExceededError extends Error {
  readonly code = 'verification_budget_exceeded';
  readonly detail: CheckDetail;
  constructor(step: BudgetStep = 'verification') {
    const said = detail('budgetExceeded', { step });
    super(detailText(said));
    this.detail = said;
    this.name = 'BudgetExceededError';
  }
}

export const isBudgetExceeded = (err: unknown): err is BudgetExceededError =>
  err instanceof Error && (err as { code?: unknown }).code === 'verification_budget_exceeded';

/** Throws BudgetExceededError once the deadline has passed. */
export function checkDeadline(deadline: number | undefined, step?: BudgetStep): void {
  if (deadline !== undefined && Date.now() > deadline) throw new BudgetExceededError(step);
}

/** Lets the event loop serve other requests (I/O, timers) between steps of a long verification. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a JSON document verified here may be at most. Real credentials are far below each. */
export const DOCUMENT_LIMITS = {
  /** Nesting of objects and arrays (an OB 3.0 credential is about 8 deep, a CLR about 14). */
  maxDepth: 48,
  /** Objects, arrays and values in all. */
  maxNodes: 50_000,
  /** Items in one array. */
  maxArrayLength: 10_000,
  /** Characters of all keys and strings together. */
  maxChars: 4_000_000,
} as const;

export type LimitProblem = { code: 'too_large' | 'too_deep'; message: string; detail: CheckDetail };

const limitProblem = (code: LimitProblem['code'], said: CheckDetail): LimitProblem => ({
  code,
  message: detailText(said),
  detail: said,
});

/**
 * Measures a parsed JSON value against the limits without recursion (a deep document cannot
 * overflow the stack here); null when it fits.
 */
export function exceedsLimits(
  value: unknown,
  limits: { maxDepth: number; maxNodes: number; maxArrayLength: number; maxChars: number } = DOCUMENT_LIMITS,
): LimitProblem | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  let chars = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (++nodes > limits.maxNodes)
      return limitProblem('too_large', detail('tooManyValues', { max: limits.maxNodes }));
    if (typeof node === 'string') {
      chars += node.length;
    } else if (node !== null && typeof node === 'object') {
      if (depth >= limits.maxDepth)
        return limitProblem('too_deep', detail('tooDeep', { max: limits.maxDepth }));
      if (Array.isArray(node)) {
        if (node.length > limits.maxArrayLength)
          return limitProblem(
            'too_large',
            detail('listTooLong', { count: node.length, max: limits.maxArrayLength }),
          );
        for (const item of node) stack.push([item, depth + 1]);
      } else {
        for (const [k, v] of Object.entries(node)) {
          chars += k.length;
          stack.push([v, depth + 1]);
        }
      }
    }
    if (chars > limits.maxChars)
      return limitProblem('too_large', detail('tooMuchText', { max: limits.maxChars / 1_000_000 }));
  }
  return null;
}

/**
 * Whether a JSON value has a NUL character (\u0000) in a key or string, found without recursion.
 * PostgreSQL text cannot hold one: such text is never stored, and never used in a lookup.
 */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return true;
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k.includes('\u0000')) return true;
        stack.push(v);
      }
    }
  }
  return false;
}
