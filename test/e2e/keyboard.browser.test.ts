import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserAvailable } from '../../src/testing/server.ts';
import { DEMO_PASSWORD } from '../../src/main/demo.ts';
import { useDemoServer } from './tours/demoTour.ts';

// The earner's journey on the seeded demo with the keyboard alone: log in, open the catalog, find
// a micro-credential, apply, write and attach the evidence, submit, and see the application. Only
// Tab, Shift+Tab, Enter and Space move and act (and typing fills a field); a file input opens its
// chooser with Space, as it would for a person. Every stop of the focus must show a visible focus
// indicator and must not be hidden under anything; on each page the skip link comes first and
// leads into the main content.

/** What the browser says about the focused element: what it is, and how its focus shows. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      name,
      ring: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`,
      visibleRing:
        (s.outlineStyle !== 'none' &&
          parseFloat(s.outlineWidth) > 0 &&
          s.outlineColor !== 'rgba(0, 0, 0, 0)') ||
        s.boxShadow !== 'none',
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
      // Not covered by another element (a label over its input counts as the input).
      uncovered:
        hit === null || el.contains(hit) || hit.contains(el) || (hit as HTMLLabelElement).control === el,
      inMain: document.querySelector('main')?.contains(el) ?? false,
    };
  });
}
type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

/** Presses a key and checks the newly focused element shows its focus; returns it. */
async function press(page: Page, key: 'Tab' | 'Shift+Tab', trail: string[]): Promise<Focused> {
  await page.keyboard.press(key);
  const f = await focused(page);
  assert.ok(f, `after ${key} something has the focus (trail: ${trail.slice(-5).join(' → ')})`);
  trail.push(`${f.tag}${f.type ? `[${f.type}]` : ''} “${f.name.slice(0, 40)}”`);
  assert.ok(f.visibleRing, `the focus on ${trail.at(-1)} is visible (${f.ring})`);
  assert.ok(f.onScreen && f.uncovered, `${trail.at(-1)} is on screen and not covered`);
  return f;
}

/**
 * Tabs (forwards or back) until the focused element matches, unless it already does; every stop
 * on the way is checked.
 */
async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  what: string,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<Focused> {
  const trail: string[] = [];
  const now = await focused(page);
  if (now && matches(now)) return now;
  for (let i = 0; i < 120; i++) {
    const f = await press(page, key, trail);
    if (matches(f)) return f;
  }
  throw new Error(`${what} was never focused; the focus went: ${trail.join(' → ')}`);
}

const named = (name: string | RegExp, tag?: string) => (f: Focused) =>
  (tag === undefined || f.tag === tag) && (typeof name === 'string' ? f.name === name : name.test(f.name));

/** From the top of a page just loaded: the skip link is the first stop and leads into main. */
async function skipToMain(page: Page): Promise<void> {
  const trail: string[] = [];
  const first = await press(page, 'Tab', trail);
  assert.equal(first.tag, 'a', 'the skip link is the first stop');
  assert.match(first.name, /^(Skip to (the )?(main )?content|Saltar al contenido)/i);
  await page.keyboard.press('Enter');
  // Following an in-page link is a same-document navigation: wait for it rather than race it.
  await page.waitForFunction(() => location.hash === '#main', undefined, { timeout: 5000 }).catch(() => {});
  assert.equal(new URL(page.url()).hash, '#main');
  const next = await press(page, 'Tab', trail);
  assert.ok(next.inMain, `after the skip link the next stop is in main, not ${trail.at(-1)}`);
}

async function pressAndWait(page: Page, key: 'Enter' | 'Space'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

const pdf = (what: string) => ({
  name: `${what}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${what}\n%%EOF\n`),
});

/** Space on the focused file input opens the chooser; the file is picked there. */
async function chooseFile(page: Page, file: ReturnType<typeof pdf>): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(file);
}

describe(
  'the earner’s journey with the keyboard alone',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('log in, find, apply, write evidence, submit, see the application; focus always visible', async () => {
      const page = await web.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto(`${web.url}/login`);
      await tabTo(page, named('Email', 'input'), 'the email field');
      await page.keyboard.type('alex@teacher.example');
      await tabTo(page, named('Password', 'input'), 'the password field');
      await page.keyboard.type(DEMO_PASSWORD);
      await pressAndWait(page, 'Enter');
      await page.getByText('Welcome, Alex Rivera').waitFor();

      await skipToMain(page);
      await tabTo(page, named('Catalog', 'a'), 'the Catalog link', 'Shift+Tab');
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, '/catalog');

      await skipToMain(page);
      await tabTo(page, named('Search', 'input'), 'the search field');
      await page.keyboard.type('restorative');
      await pressAndWait(page, 'Enter');
      await tabTo(page, named('Restorative Conversations', 'a'), 'the search result');
      await pressAndWait(page, 'Enter');
      await page.getByRole('heading', { name: 'Restorative Conversations', level: 1 }).waitFor();

      await skipToMain(page);
      await tabTo(page, named('Apply', 'button'), 'the Apply button');
      await pressAndWait(page, 'Enter');
      await page.getByText('You applied.').waitFor();

      // The evidence form: five parts (an answer, a file, a link, a file, a reflection).
      await skipToMain(page);
      await tabTo(page, named(/^Your answer/, 'textarea'), 'the first answer');
      await page.keyboard.type('Grade 5, all subjects, 26 students; six are multilingual learners.');
      await tabTo(page, named(/^Choose a file/, 'input'), 'the plan upload');
      await chooseFile(page, pdf('plan'));
      await tabTo(page, named('Link', 'input'), 'the video link');
      await page.keyboard.type('https://video.example.org/alex-rivera/restorative');
      await tabTo(page, named(/^Choose a file/, 'input'), 'the student data upload');
      await chooseFile(page, pdf('student-data'));
      await tabTo(page, named(/^Your answer/, 'textarea'), 'the reflection');
      await page.keyboard.type('Two students asked to use the restorative questions on their own.');
      await tabTo(page, named('Submit for review', 'button'), 'the submit button');
      await pressAndWait(page, 'Enter');
      await page.getByText('Attempt 1 submitted.').waitFor();

      // The application, from the list of applications.
      await skipToMain(page);
      await tabTo(page, named(/^(My applications|Applications)$/, 'a'), 'the applications link', 'Shift+Tab');
      await pressAndWait(page, 'Enter');
      await skipToMain(page);
      await tabTo(page, named(/Restorative Conversations/, 'a'), 'the new application');
      await pressAndWait(page, 'Enter');
      await page.getByRole('heading', { name: 'Restorative Conversations', level: 1 }).waitFor();
      await page.getByText('Submitted', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'plan.pdf' }).waitFor();
      await page.close();
    });
  },
);
