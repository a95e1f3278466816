import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testBackends } from '../../testing/databases.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { browserAvailable, useBrowserServer } from '../../testing/server.ts';

// The navigation by role, read the way assistive technology reads it: the links of the "Main" navigation by their names.
const [pglite] = testBackends();

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).map((t) =>
    t.trim(),
  );

describe(
  'navigation by role in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('an earner sees what earners use, no staff menus; a reviewer gets Reviews; staff get their organisation’s menus', async () => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
      const [earner, reviewer, staff] = await Promise.all([
        buildUser(storage.db, { name: 'Ed Earner' }),
        buildUser(storage.db, { name: 'Rae Reviewer' }),
        buildUser(storage.db, { name: 'Sam Staff' }),
      ]);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);

      const e = await web.logIn(earner);
      await e.goto(`${web.url}/`);
      await e.getByRole('heading', { name: 'Welcome, Ed Earner' }).waitFor();
      assert.deepEqual(await navLinks(e), [
        'Catalog',
        'Verify a badge',
        'My applications',
        'Backpack',
        'Licenses',
        'Teams',
        'Inbox',
      ]);
      assert.equal(
        await e.getByRole('link', { name: 'New organisation' }).count(),
        0,
        'not in the header for an earner',
      );
      await e.getByRole('heading', { name: 'Your applications' }).waitFor();
      await e.getByText('No applications yet — browse the catalog').waitFor();
      await e.getByRole('main').getByRole('link', { name: 'Create an organisation' }).waitFor();
      await e.close();

      const r = await web.logIn(reviewer);
      await r.goto(`${web.url}/`);
      const reviewerLinks = await navLinks(r);
      assert.ok(reviewerLinks.includes('Reviews'));
      assert.ok(
        !reviewerLinks.includes('Review queue') && !reviewerLinks.includes('Credentials'),
        'a reviewer has no issuing menus',
      );
      await r.getByRole('heading', { name: 'Your review queue' }).waitFor();
      await r.close();

      const s = await web.logIn(staff);
      await s.goto(`${web.url}/`);
      const staffLinks = await navLinks(s);
      for (const name of [
        'Overview',
        'Members',
        'Credentials',
        'Review queue',
        'Proof & fees',
        'Analytics',
        'Inbox',
      ])
        assert.ok(staffLinks.includes(name), `staff see ${name}`);
      assert.ok(
        !staffLinks.includes('Reviews') && !staffLinks.includes('Audit log'),
        'no menus of roles they do not hold',
      );
      await s.getByRole('heading', { name: 'Issuing at Union Academy' }).waitFor();
      await s.getByRole('link', { name: 'New organisation' }).waitFor();
      await s.close();
    });
  },
);
