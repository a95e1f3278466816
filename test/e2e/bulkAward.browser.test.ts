import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildUser } from '../../src/testing/factories.ts';
import { awardSetup } from '../../src/testing/awardFixtures.ts';

// Issuing staff in real Chromium: the page's script streams the roster to the JSON API, the
// columns are matched, the dry run lists the bad row, and the progress bar runs to done.
const [pglite] = testBackends();

describe(
  'bulk award in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage(), { defaultTimeout: 15_000 });

    test('upload (streamed by the script) → map → dry run → issue → progress bar to done', async () => {
      const storage = await pglite!.storage();
      const setup = await awardSetup(storage);
      const staff = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, staff.id, ['issuing_staff']);
      const page = await web.logIn(staff);

      await page.goto(`${web.url}/orgs/${setup.org.slug}/credentials`);
      await page.getByRole('link', { name: 'Bulk award from CSV' }).click();
      await page.getByRole('heading', { name: 'Bulk award from CSV' }).waitFor();
      const csv =
        'Email,Full Name,Hours\nana@example.org,Ana,2\nben@example.org,"Ben, Jr.",1\nnot an email,Cy,1\ncat@example.org,Cat,1\n';
      await page
        .getByLabel('CSV file')
        .setInputFiles({ name: 'workshop.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const streamed = page.waitForRequest(
        (r) => r.url().includes(`/api/v1/orgs/${setup.org.slug}/award-runs`) && r.method() === 'POST',
      );
      await page.getByRole('button', { name: 'Upload and map columns' }).click();
      assert.equal((await streamed).headers()['content-type'], 'text/csv');
      await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
      assert.equal(await page.getByLabel('Recipient email (required)').inputValue(), 'Email');
      assert.equal(await page.getByLabel('Recipient name').inputValue(), 'Full Name');
      await page.getByLabel('Credits earned').selectOption('Hours');
      await page.getByRole('button', { name: 'Check the rows (dry run)' }).click();
      await page.getByText('Dry run: 3 of 4 rows can be issued.').waitFor();
      await page.getByText('“not an email” is not an email address.').waitFor();
      await page.screenshot({ path: 'test-results/bulk-award-dry-run.png', fullPage: true });

      await page.getByRole('button', { name: 'Issue 3 credentials' }).click();
      // The page refreshes itself while the job runs, until the run is done.
      await page
        .getByText('Done: 3 credentials issued and their claim emails queued.')
        .waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('#award-progress').getAttribute('value'), '3');
      await page.screenshot({ path: 'test-results/bulk-award-done.png', fullPage: true });
      const creds = await storage.db
        .selectFrom('credentials')
        .select('recipient_email')
        .where('organisation_id', '=', setup.org.id)
        .orderBy('recipient_email')
        .execute();
      assert.deepEqual(
        creds.map((c) => c.recipient_email),
        ['ana@example.org', 'ben@example.org', 'cat@example.org'],
      );
      await page.close();
    });
  },
);
