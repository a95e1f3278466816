import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { testConfig, testCredentialServices } from '../../src/testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../src/testing/factories.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { issueCredential } from '../../src/features/issuing/commands/issueCredential.ts';

// An earner in real Chromium: open the claim link from the email, create an account right on the
// claim page (address prefilled and confirmed by the link), accept, land on the badge page.
const [pglite] = testBackends();

describe(
  'claiming a badge in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('claim link → create an account on the claim page → accept → the badge page', async () => {
      const storage = await pglite!.storage();
      const deps = {
        db: storage.db,
        clock: systemClock,
        config: testConfig({ PUBLIC_URL: web.url }),
        credentials: testCredentialServices(),
      };
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Harbor Teachers Union' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const email = `${unique('grace')}@example.org`;
      const issued = await issueCredential(deps, {
        actor: { userId: staff.id, ip: null },
        organisationId: org.id,
        recipient: { email },
        achievement: {
          id: `${web.url}/a/${unique('')}`,
          name: 'Culturally Responsive Teaching',
          description: 'Plans culturally responsive lessons.',
          criteria: { narrative: 'Peer-reviewed lesson plan.' },
        },
      });
      const { link } = await lastMailTo(storage.db, email);
      assert.ok(link?.startsWith(`${web.url}/claim/`));

      const page = await web.newPage();
      await page.goto(link!);
      await page.getByRole('heading', { name: 'Culturally Responsive Teaching' }).waitFor();
      await page.getByText('Harbor Teachers Union').first().waitFor();
      assert.equal(await page.locator('#f-claim-email').inputValue(), email);
      assert.equal(await page.locator('form[action^="/login"] input[name="email"]').inputValue(), email);
      await page.screenshot({ path: 'test-results/claim-page.png', fullPage: true });

      await page.getByLabel('Your name').fill('Grace Hopper');
      await page.locator('form[action$="/signup"] input[name="password"]').fill('nanoseconds 1906');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Your account is ready. Now accept or decline the badge.').waitFor();
      await page.getByRole('button', { name: 'Accept this badge' }).click();
      await page.getByText('You accepted Culturally Responsive Teaching.').waitFor();
      assert.equal(new URL(page.url()).pathname, `/badges/${issued.publicId}`);
      await page.screenshot({ path: 'test-results/claim-accepted.png', fullPage: true });

      await page.goto(link!);
      await page.getByRole('heading', { name: 'This badge was already claimed' }).waitFor();
      await page.close();
    });
  },
);
