import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import type { AxeResults, Result, RunOptions } from 'axe-core';

// axe-core in a real page: its source is read from node_modules and evaluated in the page (never
// fetched), then run against the WCAG 2.0, 2.1 and 2.2 level A and AA rules. The result is a list
// of readable lines, one per failing element, so an assertion message says what to fix and where.

const require = createRequire(import.meta.url);
let source: string | undefined;

/** The axe-core script, read once. */
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** The WCAG 2.2 AA conformance rules (and the A and AA rules of 2.0 and 2.1 it includes). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

/** The rules whose result depends only on colours (what a colour theme changes). */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

export interface AxeOptions {
  /** Run only these rules (ids) instead of every WCAG A/AA rule, e.g. COLOUR_RULES. */
  only?: readonly string[];
}

/**
 * Makes every page the context opens load axe with the document (through the devtools protocol,
 * not a <script>, so no network and no Content-Security-Policy exception). Cheaper than injecting
 * after each load: Chromium compiles the same script once per renderer and reuses it.
 */
export async function installAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource() });
}

/** One failing element: the rule, its impact, what to fix, and where. */
export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  target: string;
  summary: string;
}

/**
 * Runs axe on the page as it is now, limited to the WCAG A and AA rules, and returns one entry per
 * failing element (an empty list means the page passes). Injects axe into the document if
 * installAxe did not, evaluated through the devtools protocol, so the site's
 * Content-Security-Policy (no inline scripts) does not block it and need not be loosened.
 */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource());
  const results = await page.evaluate(
    async ({ tags, only }) => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: RunOptions) => Promise<AxeResults> } })
        .axe;
      const run = await axe.run(document, {
        runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return run.violations;
    },
    { tags: [...WCAG_AA_TAGS], only: options.only ? [...options.only] : undefined },
  );
  return results.flatMap(describeViolation);
}

function describeViolation(v: Result): AxeViolation[] {
  return v.nodes.map((node) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    target: node.target.map(String).join(' '),
    summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** One line per violation, for an assertion message or the test log. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `  [${v.rule}, ${v.impact}] ${v.help} — ${v.target}: ${v.summary}`).join('\n');
}
