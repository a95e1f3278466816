import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testBackends, unique } from '../../testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../testing/server.ts';
import { ledgerScenario } from '../../testing/ledgerFixtures.ts';
import { publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { decideLicense } from '../../features/credit/commands/decideLicense.ts';
import { createPathway } from '../../features/catalog/commands/createPathway.ts';
import { issueCredential } from '../../features/issuing/commands/issueCredential.ts';

// The pictures in real Chromium on a 390 px phone, in the light and the dark theme: the backpack's
// grid of badge cards, a pathway's map, the renewal ring and the analytics charts are visible, fit
// the screen (no sideways scrolling, no picture wider than the page), and their words keep AA contrast.
const [pglite] = testBackends();

// Written as a string: the test runner's compiler names inner functions with a helper the page lacks.
const FIT_SCRIPT = `(() => {
  function rgb(c) { return (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number); }
  function lum(c) {
    const [r, g, b] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a, b) { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && !bg.endsWith(', 0)') && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  }
  const width = window.innerWidth;
  const texts = [...document.querySelectorAll('svg text')].filter((t) => !t.closest('.issuer-mark'));
  return {
    overflow: document.documentElement.scrollWidth - width,
    wide: [...document.querySelectorAll('main svg, main img')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => el.outerHTML.slice(0, 80)),
    lowContrast: texts
      .map((t) => ({ text: t.textContent, ratio: ratio(getComputedStyle(t).fill, background(t)) }))
      .filter((t) => t.ratio < 4.5),
    texts: texts.length,
  };
})()`;

/** Horizontal overflow, pictures wider than the page, and SVG text under 4.5:1 against what it sits on. */
function fit(page: Page) {
  return page.evaluate(FIT_SCRIPT) as Promise<{
    overflow: number;
    wide: string[];
    lowContrast: Array<{ text: string; ratio: number }>;
    texts: number;
  }>;
}

describe(
  'pictures in Chromium at 390 px',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('backpack grid, pathway map, renewal ring and charts fit a phone in both themes', async (t) => {
      const storage = await pglite!.storage();
      const s = await ledgerScenario(storage);
      const { publicId: license } = await s.link();
      await decideLicense(s.deps, {
        actor: s.officerActor,
        orgSlug: s.board.slug,
        license,
        decision: 'confirm',
      });
      await s.issue();
      await s.worker.drain();
      const actor = { userId: s.staff.id, ip: null };
      const word = unique('');
      const feedback = await publishedMicroCredential(
        s.deps,
        actor,
        s.issuerOrg.slug,
        `Feedback that moves learning on ${word}`,
      );
      const circles = await publishedMicroCredential(s.deps, actor, s.issuerOrg.slug, `Circles ${word}`);
      await issueCredential(s.deps, {
        actor,
        organisationId: s.issuerOrg.id,
        recipient: { email: s.earner.email },
        microCredential: feedback.publicId,
      });
      const pathway = await createPathway(s.deps, {
        actor,
        orgSlug: s.issuerOrg.slug,
        name: `Restorative practice certificate ${word}`,
        requirement: {
          type: 'ordered',
          items: [
            { type: 'microCredential', id: s.mcPublicId },
            {
              type: 'some',
              count: 2,
              items: [
                { type: 'microCredential', id: feedback.publicId },
                { type: 'microCredential', id: circles.publicId },
              ],
            },
          ],
        },
      });

      const page = await web.logIn(s.earner);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${web.url}/backpack`);
      for (let n = await page.getByRole('button', { name: 'Accept' }).count(); n > 0; n--)
        await Promise.all([
          page.waitForEvent('load'),
          page.getByRole('button', { name: 'Accept' }).first().click(),
        ]);
      const staff = await web.logIn(s.staff);
      await staff.setViewportSize({ width: 390, height: 844 });

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await staff.emulateMedia({ colorScheme: scheme });

        await page.goto(`${web.url}/backpack`);
        const cards = page.locator('article.badge-card');
        assert.equal(await cards.count(), 2, 'both badges are cards in the grid');
        for (const img of await page.locator('article.badge-card img.badge-image').all()) {
          await img.scrollIntoViewIfNeeded();
          assert.ok(await img.isVisible());
          assert.ok(
            await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0),
            'the image loaded',
          );
        }
        let checked = await fit(page);
        assert.deepEqual([checked.overflow <= 0, checked.wide], [true, []], `backpack (${scheme})`);
        await page.screenshot({ path: `test-results/pictures-backpack-390-${scheme}.png`, fullPage: true });

        await page.goto(`${web.url}/pathways/${pathway.publicId}`);
        const map = page.getByRole('img', {
          name: `Map of the pathway Restorative practice certificate ${word}`,
        });
        await map.scrollIntoViewIfNeeded();
        assert.ok(await map.isVisible());
        assert.equal(await page.locator('circle.map-dot.earned').count(), 2);
        assert.equal(await page.locator('circle.map-dot.missing').count(), 1);
        assert.equal(
          await page.getByRole('link', { name: `Circles ${word}`, exact: true }).getAttribute('href'),
          `/catalog/${s.issuerOrg.slug}/${circles.slug}`,
          'the missing step links to where to apply',
        );
        checked = await fit(page);
        assert.deepEqual(
          [checked.overflow <= 0, checked.wide, checked.lowContrast],
          [true, [], []],
          `pathway (${scheme})`,
        );
        assert.ok(checked.texts >= 5);
        await page.screenshot({ path: `test-results/pictures-pathway-390-${scheme}.png`, fullPage: true });

        await page.goto(`${web.url}/me/licenses`);
        const ring = page.getByRole('img', { name: '25% complete' });
        assert.ok(await ring.isVisible(), 'the ring of 0.5 h of 2 h');
        assert.ok(await page.getByText('0.5 h of 2 h').isVisible(), 'the numbers in words');
        checked = await fit(page);
        assert.deepEqual(
          [checked.overflow <= 0, checked.wide, checked.lowContrast],
          [true, [], []],
          `licenses (${scheme})`,
        );
        await page.screenshot({ path: `test-results/pictures-licenses-390-${scheme}.png`, fullPage: true });

        await staff.goto(`${web.url}/orgs/${s.issuerOrg.slug}/analytics`);
        assert.ok(await staff.getByRole('img', { name: /Applications over the last 12 months/ }).isVisible());
        checked = await fit(staff);
        t.diagnostic(`analytics (${scheme}): overflow ${checked.overflow}, ${checked.texts} texts`);
        assert.deepEqual(
          [checked.overflow <= 0, checked.wide, checked.lowContrast],
          [true, [], []],
          `analytics (${scheme})`,
        );
        await staff.screenshot({ path: `test-results/pictures-analytics-390-${scheme}.png`, fullPage: true });
      }
    });
  },
);
