import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserAvailable } from '../../src/testing/server.ts';
import { storedTexts } from '../../src/testing/storedTexts.ts';
import { storedCatalogueEnglish } from '../../src/testing/catalogueEnglish.ts';
import { lettersOutside, withoutMessages } from '../../src/web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../src/web/i18n/i18n.ts';
import { useDemoServer } from './tours/demoTour.ts';
import { findPages, logIn, ROLES } from './tours/demoPages.ts';

// Every role's main pages on the demo, shown in the pseudo language (CAIRN_PSEUDO_LOCALE: every
// message wrapped in ⟦ ⟧): once the messages and the data the database holds (names, titles,
// descriptions) are taken out, no word may be left. A word left is a string that bypassed the
// message catalogue, so it would stay English on a Spanish page.

/**
 * Not words to translate: addresses, e-mail addresses, DIDs and URNs, file names, and Cairn's own
 * name (each ends before a ⟦ ⟧ bracket, so a message ending in an address stays whole).
 */
const NOT_WORDS = [
  /\bhttps?:\/\/[^\s⟦⟧]+/g,
  /[^\s⟦⟧]+@[^\s⟦⟧]+\.[^\s⟦⟧]+/g,
  /\b(?:did|urn):[^\s⟦⟧]+/g,
  /[\w.-]+\.(?:pdf|png|jpe?g|svg|txt|csv|json|docx?|zip)\b/gi,
  /\bCairn\b/g,
  // public ids (rsub_…, cred_…)
  /\b[a-z]{2,5}_[a-z0-9]{12,}\b/g,
];
/** Names of other services, the same in every language (the badge page's share links). */
const BRANDS = ['LinkedIn', 'Facebook', 'X'];
/** The language switcher names each language in that language (“Español” on an English page). */
const ENDONYMS = LOCALES.map((l) => CATALOGUES[l].languages[l]);

/** What a person sees or hears on the page: its title, its text (every <details> opened) and labels. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    // Words as written, not as styled (a table header in capitals is still its message).
    const plain = document.createElement('style');
    plain.textContent = '* { text-transform: none !important; }';
    document.head.append(plain);
    const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')].flatMap(
      (el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    const main = document.body.cloneNode(true) as HTMLElement;
    // Code samples are not words to translate; what is hidden from assistive technology is a
    // decoration (an issuer's monogram).
    for (const code of main.querySelectorAll('pre, code, script, style, [aria-hidden="true"]')) code.remove();
    document.body.append(main);
    main.style.position = 'absolute';
    const text = main.innerText;
    main.remove();
    return [document.title, text, ...labels];
  });
}

/**
 * The pages a role's pages link to (its menu, its lists): read too, so every page a person of
 * that role can reach in one step is covered, not only the ones listed. Files, exports, log-out
 * and addresses with a query are left out.
 */
async function linkedPages(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href^="/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter(
    (h) =>
      !h.includes('?') &&
      !h.includes('#') &&
      !/\.(json|csv|zip|png|svg|jwt|js|css|xml)$|^\/(logout|assets|dev\/mailbox\/)/.test(h),
  );
}

/** Reads one page in the pseudo language: what is left outside the catalogue, line by line. */
async function wordsOutside(page: Page, data: string[]): Promise<string[]> {
  // A message may span lines (a sentence around a code sample): take the messages out of the
  // whole text first, then look at what is left line by line.
  const texts = (await pageTexts(page))
    .flatMap((text) => withoutMessages(notWords(text)).split('\n'))
    .map((line) => line.trim())
    .filter(Boolean);
  return lettersOutside(texts, data);
}

const notWords = (text: string) => NOT_WORDS.reduce((rest, re) => rest.replace(re, ' '), text);

describe(
  'every role’s main pages take their words from the message catalogue',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();
    test('the demo stores no English catalogue message as data: Cairn stores facts and words them when shown', async () => {
      assert.deepEqual(await storedCatalogueEnglish(web.db), []);
    });
    test('no word outside the catalogue on any page of any role', async (t) => {
      const data = await storedTexts(web.db);
      const found = await findPages(web.browser, web.url);
      const problems: string[] = [];
      let pages = 0;
      for (const role of ROLES) {
        const login = role.email ? await logIn(web.browser, web.url, role.email) : null;
        const context = await web.browser.newContext({
          storageState: login ? await login.context.storageState() : undefined,
          // The test's own style (no CSS capitals) must apply under the page's CSP.
          bypassCSP: true,
        });
        await context.addCookies([{ name: 'cairn_locale', value: 'pseudo', url: web.url }]);
        const page = await context.newPage();
        const listed = role.pages(found).map((v) => v.path);
        const seen = new Set<string>();
        const queue = [...listed];
        while (queue.length) {
          const path = queue.shift()!;
          if (seen.has(path)) continue;
          seen.add(path);
          // A link may be a download (an evidence file): not a page to read.
          const response = await page.goto(`${web.url}${path}`).catch(() => null);
          const html = (response?.headers()['content-type'] ?? '').startsWith('text/html');
          if (listed.includes(path) && response?.status() !== 200)
            problems.push(`${role.role} ${path}: status ${response?.status()}`);
          if (response?.status() !== 200 || !html) continue;
          for (const text of await wordsOutside(page, [...data, ...ENDONYMS, ...BRANDS]))
            problems.push(`${role.role} ${path}: ${text.slice(0, 160)}`);
          pages += 1;
          if (listed.includes(path)) queue.push(...(await linkedPages(page)));
        }
        await context.close();
        await login?.context.close();
      }
      t.diagnostic(`${pages} pages read, ${data.length} stored texts taken as data`);
      assert.equal(
        problems.length,
        0,
        `${problems.length} texts outside the catalogue:\n${problems.join('\n')}`,
      );
    });
  },
);
