import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';

// A person in real Chromium: sign up → confirm email (from the mailbox) → log in → create an
// organisation → invite a member. Screenshots land in test-results/ for a human look.
const [pglite] = testBackends();

describe(
  'foundation in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('sign up, confirm the email, log in, create an organisation, invite a member', async () => {
      const page = await web.newPage();
      const email = `${unique('ada')}@example.org`;
      const invitee = `${unique('peer')}@example.org`;
      await page.goto(`${web.url}/`);
      await page.getByRole('link', { name: 'Sign up' }).first().click();

      // A mistake first: the error appears next to the field and what was typed stays.
      await page.getByLabel('Your name').fill('Ada Lovelace');
      await page.getByLabel('Email').fill('ada-at-example');
      await page.getByLabel('Password').fill('analytical engine 1843');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Enter an email address like name@example.org.').first().waitFor();
      assert.equal(await page.getByLabel('Your name').inputValue(), 'Ada Lovelace');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('analytical engine 1843');
      await page.keyboard.press('Enter'); // keyboard submits the form
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();

      // The developer mailbox shows the confirmation email; follow its link.
      await page.goto(`${web.url}/dev/mailbox?to=${encodeURIComponent(email)}`);
      await page.getByRole('link', { name: /Confirm your email/ }).click();
      await page.getByRole('link', { name: /\/confirm-email\// }).click();
      await page.getByText(`Thank you: ${email} is confirmed.`).waitFor();

      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('analytical engine 1843');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Welcome, Ada Lovelace' }).waitFor();

      await page.getByRole('main').getByRole('link', { name: 'Create an organisation' }).click();
      const slug = unique('engines-');
      await page.getByLabel('Name', { exact: true }).fill('Analytical Engines Guild');
      await page.getByLabel('Web address (optional)').fill(slug);
      await page.getByLabel(/Issuer \(designs/).check();
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.getByRole('heading', { name: 'Analytical Engines Guild' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/orgs/${slug}`);

      await page.getByRole('link', { name: 'Members' }).first().click();
      await page.getByLabel('Their email').fill(invitee);
      await page.locator('#invite-role-designer').check();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
      const row = page.getByRole('row', { name: new RegExp(invitee) });
      await row.getByText('Pending').waitFor();
      await page.screenshot({ path: 'test-results/members.png', fullPage: true });

      await page.goto(`${web.url}/dev/mailbox?to=${encodeURIComponent(invitee)}`);
      await page.getByRole('link', { name: /invited you to join Analytical Engines Guild/ }).waitFor();
      await page.close();
    });
  },
);
