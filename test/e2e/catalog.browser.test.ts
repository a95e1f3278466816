import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';

// A designer in real Chromium: create → fill in → preview → publish → revise (v2) → stack →
// retire; an anonymous visitor finds it by search and filter in between.
const [pglite] = testBackends();

describe(
  'designing the catalog in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    async function visitorSearch(
      page: Page,
      words: string,
      filters: Record<string, string> = {},
    ): Promise<string> {
      const qs = new URLSearchParams({ q: words, ...filters });
      await page.goto(`${web.url}/catalog?${qs}`);
      return (await page.getByRole('status').textContent()) ?? '';
    }

    test('create, preview, publish, revise, stack and retire a micro-credential; visitors find it', async () => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Lakeside Teachers' });
      const designer = await buildUser(storage.db, { name: 'Dee Designer' });
      await addMember(storage.db, org.id, designer.id, ['designer']);
      const word = unique('heron');
      const page = await web.logIn(designer);
      await page.getByRole('link', { name: 'Micro-credentials' }).first().click();
      await page.getByRole('link', { name: 'New micro-credential' }).click();
      await page.getByLabel('Title').fill(`Wait Time ${word}`);
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.getByText('Draft created').waitFor();

      await page
        .getByLabel('Competency statement')
        .fill('The educator uses wait time so every student thinks before answering.');
      await page
        .getByLabel('Description', { exact: true })
        .fill('Peer-reviewed evidence of wait time in questioning.');
      await page.getByLabel('Criteria', { exact: true }).fill('A lesson video and a reflection.');
      await page.getByLabel('Part 1: prompt').fill('Link to a lesson video');
      await page.locator('#f-ev_kind_0').selectOption('link');
      await page.getByLabel('Criterion 1', { exact: true }).fill('Wait time after questions');
      await page.locator('#f-cr_desc_0_0').fill('Under one second');
      await page.locator('#f-cr_desc_0_1').fill('One to two seconds');
      await page.locator('#f-cr_desc_0_2').fill('Three seconds or more, consistently');
      await page.getByLabel('Typical effort (hours)').fill('10');
      await page.getByLabel('Credit hours offered').fill('0.5');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('This is how earners will see it').waitFor();
      await page.getByRole('cell', { name: 'Three seconds or more, consistently' }).waitFor(); // the preview shows the rubric
      assert.match(
        await visitorSearch(await web.newPage(), word),
        /^0 micro-credentials/,
        'drafts are not in the catalog',
      );

      await page.getByRole('button', { name: 'Publish version 1' }).click();
      await page.getByText('Published: it is in the catalog now.').waitFor();
      const visitor = await web.newPage();
      assert.match(await visitorSearch(visitor, word), /^1 micro-credential matching/);
      assert.match(
        await visitorSearch(visitor, word, { mode: 'attendance' }),
        /^0 /,
        'filtered out by earning mode',
      );
      assert.match(await visitorSearch(visitor, word, { maxEffort: '12', issuer: org.slug }), /^1 /);
      await visitor.getByRole('link', { name: `Wait Time ${word}` }).click();
      await visitor.getByRole('heading', { name: 'Rubric' }).waitFor();

      await page.getByRole('button', { name: 'Start a new version' }).click();
      await page.getByRole('link', { name: 'Edit draft' }).click();
      await page.getByLabel('Title').fill(`Wait Time ${word} (revised)`);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByRole('button', { name: 'Publish version 2' }).click();
      await page.getByText('Published: it is in the catalog now.').waitFor();
      await visitorSearch(visitor, word);
      await visitor.getByRole('link', { name: `Wait Time ${word} (revised)` }).waitFor();

      await page.goto(`${web.url}/orgs/${org.slug}/stacks`);
      await page.getByLabel('Name').fill(`Questioning ${word}`);
      await page.getByLabel(`Wait Time ${word} (revised)`).check();
      await page.getByRole('button', { name: 'Create stack' }).click();
      await page.getByText('Stack saved.').waitFor();
      await visitor.goto(`${web.url}/catalog`);
      await visitor.getByLabel('Stack').selectOption({ label: `Questioning ${word}` });
      await visitor.getByRole('button', { name: 'Search' }).click();
      assert.match((await visitor.getByRole('status').textContent()) ?? '', /^1 micro-credential\./);
      await page.getByRole('button', { name: `Remove stack Questioning ${word}` }).click();
      await page.getByText('Stack removed').waitFor();
      await visitor.goto(`${web.url}/catalog`);
      assert.equal(await visitor.getByRole('option', { name: `Questioning ${word}` }).count(), 0);

      await page.goto(`${web.url}/orgs/${org.slug}/micro-credentials`);
      await page.getByRole('link', { name: `Wait Time ${word} (revised)` }).click();
      await page.getByRole('button', { name: 'Retire' }).click();
      await page.getByText('Retired: hidden from the catalog').waitFor();
      await page.getByText(/retired by Dee Designer/).waitFor(); // the change history
      assert.match(await visitorSearch(visitor, word), /^0 /);
    });
  },
);
