import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testBackends } from '../testing/databases.ts';
import { addMember, buildOrganisation, buildUser } from '../testing/factories.ts';
import { browserAvailable, useBrowserServer } from '../testing/server.ts';

// The page frame in real Chromium at a phone's width (390 px) and a laptop's (1280 px): nothing
// wider than the screen, every header control a 44 px target, the navigation folding behind a
// Menu button on the phone, the saved theme and language applied. Numbers go to the test log.
const [pglite] = testBackends();

async function frame(page: Page) {
  return page.evaluate(() => {
    const targets = [
      ...document.querySelectorAll('header.top a, header.top button, header.top select, header.top summary'),
    ]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({
        text: (el.textContent ?? '').trim().slice(0, 30),
        height: el.getBoundingClientRect().height,
      }));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      headerHeight: document.querySelector('header.top')!.getBoundingClientRect().height,
      font: getComputedStyle(document.body).fontFamily,
      fontLoaded: document.fonts.check('16px Inter'),
      small: targets.filter((t) => t.height < 44),
    };
  });
}

describe(
  'the page frame in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('fits 390 px and 1280 px for a visitor, an earner and staff holding every role', async (t) => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, {
        kind: 'both',
        name: 'Union Academy of Very Long Names',
      });
      const earner = await buildUser(storage.db, { name: 'Ed Earner' });
      const staff = await buildUser(storage.db, { name: 'Sam Staff', platformAdmin: true });
      await addMember(storage.db, org.id, staff.id, ['owner', 'reviewer']);
      const people = { visitor: null, earner, staff } as const;
      const paths = ['/', '/catalog', '/verify', '/backpack', `/orgs/${org.slug}/members`, '/no/such/page'];
      for (const [who, user] of Object.entries(people)) {
        const page = user ? await web.logIn(user) : await web.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/.test(m.text()))
            violations.push(`${page.url()}: ${m.text().slice(0, 90)}`);
        });
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          for (const path of paths) {
            if (!user && path !== '/' && path !== '/catalog' && path !== '/verify') continue;
            await page.goto(`${web.url}${path}`);
            await page.evaluate(() => document.fonts.ready);
            const m = await frame(page);
            t.diagnostic(
              `${who} ${width}px ${path}: scrollWidth ${m.scrollWidth} / viewport ${m.viewport}, header ${Math.round(m.headerHeight)} px, Inter ${m.fontLoaded}`,
            );
            assert.ok(
              m.scrollWidth <= m.viewport,
              `${who} at ${width}px on ${path}: ${m.scrollWidth} > ${m.viewport}`,
            );
            assert.deepEqual(m.small, [], `${who} at ${width}px on ${path}: header targets under 44 px`);
            assert.match(m.font, /^"?Inter/);
            assert.ok(m.fontLoaded, 'the self-hosted Inter is loaded');
          }
          const menu = page.getByRole('navigation', { name: 'Main' });
          if (width === 390) {
            assert.equal(
              await menu.getByRole('link', { name: 'Catalog' }).isVisible(),
              false,
              'folded on a phone',
            );
            await page.locator('.site-nav > summary').click();
            await menu.getByRole('link', { name: 'Catalog' }).waitFor();
            await page.screenshot({ path: `test-results/frame-${who}-390-menu.png`, fullPage: true });
          } else {
            await menu.getByRole('link', { name: 'Catalog' }).waitFor();
            await page.screenshot({ path: `test-results/frame-${who}-1280.png` });
          }
        }
        if (violations.length)
          t.diagnostic(`${who}: ${violations.length} CSP reports, e.g. ${violations[0]}`);
        await page.close();
      }
    });

    test('the theme and language chosen in the footer stick', async () => {
      const page = await web.newPage();
      await page.goto(`${web.url}/catalog`);
      const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.getByLabel('Theme').selectOption('dark');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('button', { name: 'Save preferences' }).click();
      await page.getByText('Tus preferencias están guardadas.').waitFor();
      assert.equal(new URL(page.url()).pathname, '/catalog');
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(dark, light);
      assert.equal(dark, 'rgb(15, 20, 28)');
      await page
        .getByRole('navigation', { name: 'Principal' })
        .getByRole('link', { name: 'Catálogo' })
        .waitFor();
      await page.screenshot({ path: 'test-results/frame-dark-es.png' });
      await page.close();
    });
  },
);
