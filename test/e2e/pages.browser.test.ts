import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable } from '../../src/testing/server.ts';
import {
  axeViolations,
  COLOUR_RULES,
  formatViolations,
  installAxe,
  type AxeOptions,
} from '../../src/testing/axe.ts';
import { useDemoServer } from './tours/demoTour.ts';
import { findPages, logIn, ROLES, type Found, type Visit } from './tours/demoPages.ts';

// Every role's main pages on the seeded demo, at a phone's width (390 px) and a laptop's (1280 px),
// in the light and the dark theme, in English and in Spanish: each answers below 500, logs no
// console error, is no wider than the screen, and has no WCAG 2.2 A/AA violation that axe finds.
// With CAIRN_GUIDE_SCREENSHOTS=1 each combination is also saved to docs/guides/screens/ for
// docs/guides/screens.md.
//
// Speed: one browser; per role one log-in, whose cookies seed one context per theme and language;
// each page is loaded once per context and checked at 1280 px, then resized to 390 px and checked
// again (the pages are server-rendered and their layout is CSS alone, so a resize shows what a
// reload at that width would). axe runs on all eight combinations: the theme changes every colour
// (contrast), the width changes the layout (the folded menu, stacked tables, reflow), and the
// language changes the text, its length and the page's lang.

const SCREENSHOTS = process.env.CAIRN_GUIDE_SCREENSHOTS === '1';
const SCREENS = 'docs/guides/screens';
const WIDTHS = [1280, 390] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 1280: 800, 390: 844 };
const THEMES = ['light', 'dark'] as const;
const LANGS = ['en', 'es'] as const;

/**
 * How wide the page is as shown (and, when too wide, the elements reaching past the right edge),
 * and the words in table cells broken across two lines (a column squeezed narrower than a word:
 * “Rivera” read as “River / a”). Only words of letters count: an address or an id may wrap.
 */
async function measure(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const wide =
      scrollWidth <= viewport
        ? []
        : [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > viewport + 0.5)
            .slice(-5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`,
            );
    const broken: string[] = [];
    const range = document.createRange();
    for (const cell of document.querySelectorAll('main th, main td')) {
      if ((cell as HTMLElement).offsetParent === null) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/\p{L}{2,}/gu)) {
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return { scrollWidth, viewport, wide, broken };
  });
}

type Width = (typeof WIDTHS)[number];
type Theme = (typeof THEMES)[number];
type Lang = (typeof LANGS)[number];

/**
 * Which axe rules a combination needs (null: none). The markup is the same in every combination;
 * what changes is the colours (the theme), the layout (the width: the folded menu, stacked tables,
 * target sizes) and the words (the language). So: every rule in the light theme at both widths in
 * English; in the dark theme the colour rules at both widths (the width decides which elements
 * show); in Spanish every rule once, at the phone's width where the longer words are tightest. The
 * Spanish dark and Spanish laptop views repeat colours and layouts already checked, and still get
 * every other check. This keeps the matrix near half the time of running axe everywhere.
 */
function axeRules(theme: Theme, lang: Lang, width: Width): AxeOptions | null {
  if (lang === 'en') return theme === 'light' ? {} : { only: COLOUR_RULES };
  return theme === 'light' && width === 390 ? {} : null;
}

async function contextFor(
  browser: Browser,
  login: BrowserContext | null,
  theme: Theme,
  lang: Lang,
  url: string,
) {
  const context = await browser.newContext({
    storageState: login ? await login.storageState() : undefined,
    colorScheme: theme,
    locale: lang === 'es' ? 'es-ES' : 'en-US',
  });
  await context.addCookies([
    { name: 'cairn_theme', value: theme, url },
    { name: 'cairn_locale', value: lang, url },
  ]);
  if (WIDTHS.some((w) => axeRules(theme, lang, w))) await installAxe(context);
  return context;
}

/** A page of the context whose console errors and uncaught exceptions land in `problems`, labelled. */
async function watchedPage(context: BrowserContext, problems: string[]) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const watch = { label: '' };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${watch.label}: console error: ${m.text().slice(0, 200)}`);
  });
  page.on('pageerror', (e) => problems.push(`${watch.label}: page error: ${e.message.slice(0, 200)}`));
  return { page, watch };
}

/** On a phone the navigation folds behind Menu: opened, it must fit and pass axe too; then closed again. */
async function checkOpenMenu(page: Page, where: string, rules: AxeOptions | null, problems: string[]) {
  const menu = page.locator('.site-nav > summary');
  await menu.click();
  const m = await measure(page);
  if (m.scrollWidth > m.viewport)
    problems.push(`${where}, menu open: ${m.scrollWidth} px wide > ${m.viewport}`);
  const violations = rules ? await axeViolations(page, rules) : [];
  if (violations.length) problems.push(`${where}, menu open: axe\n${formatViolations(violations)}`);
  await menu.click();
}

/** Checks one page at both widths in one theme and language; returns how many views it checked. */
async function checkPage(
  page: Page,
  url: string,
  at: { role: string; visit: Visit; theme: Theme; lang: Lang; label: (s: string) => void },
  problems: string[],
): Promise<number> {
  const { role, visit, theme, lang } = at;
  const where = `${role} ${visit.name} (${visit.path}) ${theme} ${lang}`;
  at.label(where);
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT[WIDTHS[0]] });
  const response = await page.goto(`${url}${visit.path}`);
  // A known page of the demo: anything but 200 means the list above is wrong or the page broke.
  if (response?.status() !== 200) problems.push(`${where}: status ${response?.status()}`);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    const m = await measure(page);
    if (m.scrollWidth > m.viewport)
      problems.push(`${where} ${width}px: ${m.scrollWidth} px wide > ${m.viewport} (${m.wide.join(', ')})`);
    if (m.broken.length)
      problems.push(`${where} ${width}px: words broken in table cells: ${m.broken.join(', ')}`);
    const rules = axeRules(theme, lang, width);
    const violations = rules ? await axeViolations(page, rules) : [];
    if (violations.length) problems.push(`${where} ${width}px: axe\n${formatViolations(violations)}`);
    if (width === 390 && visit.name === 'home')
      await checkOpenMenu(page, `${where} ${width}px`, rules, problems);
    if (SCREENSHOTS) {
      mkdirSync(`${SCREENS}/${role}`, { recursive: true });
      const path = `${SCREENS}/${role}/${visit.name}-${width}-${theme}-${lang}.jpg`;
      await page.screenshot({ path, type: 'jpeg', quality: 50 });
    }
  }
  return WIDTHS.length;
}

const ROLE_NAMES: Record<string, string> = {
  visitor: 'Visitor (not logged in)',
  earner: 'Earner (alex@teacher.example)',
  reviewer: 'Reviewer (priya@union.example)',
  'issuing-staff': 'Issuing staff (jordan@council.example)',
  'recognition-officer': 'Recognition officer (dana@board.example)',
  admin: 'Platform administrator (admin@cairn.example)',
};

/** docs/guides/screens.md: every screenshot, by role and page, phone and laptop in rows. */
function screensPage(found: Found): string {
  const cell = (role: string, visit: Visit, width: Width, theme: Theme, lang: Lang) => {
    const file = `screens/${role}/${visit.name}-${width}-${theme}-${lang}.jpg`;
    const alt = `${role} ${visit.name}, ${width} px, ${theme}, ${lang === 'en' ? 'English' : 'Spanish'}`;
    return `<a href="${file}"><img src="${file}" alt="${alt}" width="${width === 390 ? 120 : 200}"></a>`;
  };
  const combos = LANGS.flatMap((lang) => THEMES.map((theme) => ({ lang, theme })));
  const header = `| | ${combos.map((c) => `${c.lang === 'en' ? 'English' : 'Spanish'}, ${c.theme}`).join(' | ')} |`;
  const lines = [
    '# Every page, every way it is shown',
    '',
    'Each role’s main pages on the demo, at a phone’s width (390 px) and a laptop’s (1280 px), in the',
    'light and the dark theme, in English and in Spanish. The browser test',
    '`test/e2e/pages.browser.test.ts` takes them while it checks that every one of these views answers,',
    'logs no error, is no wider than the screen, and has no WCAG 2.2 A/AA violation that axe finds.',
    'Select a picture to see it full size. To retake them after changing a page:',
    '',
    '```sh',
    'CAIRN_GUIDE_SCREENSHOTS=1 CAIRN_REQUIRE_BROWSER=1 npm test -- e2e/pages',
    '```',
    '',
    'This page is written by that run; do not edit it by hand.',
  ];
  for (const role of ROLES) {
    lines.push('', `## ${ROLE_NAMES[role.role] ?? role.role}`);
    for (const visit of role.pages(found)) {
      lines.push(
        '',
        `### ${visit.name} (\`${visit.path}\`)`,
        '',
        header,
        `|---|${combos.map(() => '---').join('|')}|`,
      );
      for (const width of [390, 1280] as const)
        lines.push(
          `| ${width} px | ${combos.map((c) => cell(role.role, visit, width, c.theme, c.lang)).join(' | ')} |`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

describe(
  'every role’s main pages, phone and laptop, light and dark, English and Spanish',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();
    let found: Found | undefined;
    after(() => {
      if (SCREENSHOTS && found) writeFileSync('docs/guides/screens.md', screensPage(found));
    });

    for (const role of ROLES) {
      test(`${role.role}: answers, no console error, no overflow, no axe violation`, async (t) => {
        const started = Date.now();
        const browser = web.browser;
        found ??= await findPages(browser, web.url);
        const login = role.email ? await logIn(browser, web.url, role.email) : null;
        const problems: string[] = [];
        let views = 0;
        for (const theme of THEMES) {
          for (const lang of LANGS) {
            const context = await contextFor(browser, login?.context ?? null, theme, lang, web.url);
            const { page, watch } = await watchedPage(context, problems);
            const label = (s: string) => (watch.label = s);
            for (const visit of role.pages(found))
              views += await checkPage(
                page,
                web.url,
                { role: role.role, visit, theme, lang, label },
                problems,
              );
            await context.close();
          }
        }
        await login?.context.close();
        t.diagnostic(`${role.role}: ${views} page views checked in ${Date.now() - started} ms`);
        assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
      });
    }
  },
);
