import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { startSmtpSink } from '../../src/testing/smtp.ts';
import { smtpMailer } from '../../src/mail/mailer.ts';
import { addMember, buildUser } from '../../src/testing/factories.ts';
import { awardSetup } from '../../src/testing/awardFixtures.ts';

// Issue 6, done when: in Chromium a staff member uploads a roster and watches the progress; an
// earner claims from the email (read from a real SMTP peer), accepts, adds the badge to LinkedIn
// (the link is checked), downloads the baked PNG; a visitor verifies that PNG at /verify; and a
// revocation shows everywhere (badge page, /verify, the earner's backpack).
const [pglite] = testBackends();

describe(
  'issuing at scale, claiming, sharing and public verification in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    before(async () => {
      smtp = await startSmtpSink();
    });
    const web = useBrowserServer(() => pglite!.storage(), {
      defaultTimeout: 20_000,
      mailer: () => smtpMailer(smtp.url),
    });
    after(() => smtp?.close()); // after the server and its worker have stopped

    test('roster → progress → claim email → accept → LinkedIn → baked PNG → /verify → revoked everywhere', async () => {
      const storage = await pglite!.storage();
      const setup = await awardSetup(storage);
      const staff = await buildUser(storage.db);
      await addMember(storage.db, setup.org.id, staff.id, ['issuing_staff']);
      const earner = `${unique('maya')}@example.org`;

      // Staff: upload the roster, map, dry run, issue, watch the progress bar reach done.
      const staffPage = await web.logIn(staff);
      await staffPage.goto(`${web.url}/orgs/${setup.org.slug}/awards`);
      const csv = `Email,Name\n${earner},Maya Angelou\n${unique('sam')}@example.org,Sam\n`;
      await staffPage
        .getByLabel('CSV file')
        .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await staffPage.getByRole('button', { name: 'Upload and map columns' }).click();
      await staffPage.getByRole('button', { name: 'Check the rows (dry run)' }).click();
      await staffPage.getByText('Dry run: 2 of 2 rows can be issued.').waitFor();
      await staffPage.getByRole('button', { name: 'Issue 2 credentials' }).click();
      await staffPage
        .getByText('Done: 2 credentials issued and their claim emails queued.')
        .waitFor({ timeout: 60_000 });

      // Earner: the claim email arrives through SMTP; its link leads to an account and Accept.
      let mail;
      for (let i = 0; i < 200 && !mail; i++) {
        mail = smtp.received.find((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '').includes(earner));
        if (!mail) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(mail, 'the claim email reached the SMTP server');
      const link = /(http:\/\/127\.0\.0\.1:\d+\/claim\/[\w-]+)/.exec(mail.text ?? '')?.[1];
      assert.ok(link, 'the email carries the claim link');
      const earnerContext = await web.browser.newContext({ acceptDownloads: true });
      const earnerPage = await earnerContext.newPage();
      earnerPage.setDefaultTimeout(20_000);
      await earnerPage.goto(link);
      await earnerPage.getByLabel('Your name').fill('Maya Angelou');
      await earnerPage
        .locator('form[action$="/signup"] input[name="password"]')
        .fill('caged bird sings 1969');
      await earnerPage.getByRole('button', { name: 'Create account' }).click();
      await earnerPage.getByRole('button', { name: 'Accept this badge' }).click();
      await earnerPage.waitForURL(/\/badges\/cred_/);
      const badgeUrl = earnerPage.url();
      const badgeId = new URL(badgeUrl).pathname.split('/')[2]!;

      // LinkedIn "Add to profile" is prefilled as a certification with this badge.
      const linkedIn = new URL(
        (await earnerPage.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href'))!,
      );
      assert.equal(linkedIn.origin + linkedIn.pathname, 'https://www.linkedin.com/profile/add');
      assert.equal(linkedIn.searchParams.get('startTask'), 'CERTIFICATION_NAME');
      const held = await storage.db
        .selectFrom('credentials')
        .select('achievement_name')
        .where('public_id', '=', badgeId)
        .executeTakeFirstOrThrow();
      assert.equal(linkedIn.searchParams.get('name'), held.achievement_name);
      assert.equal(linkedIn.searchParams.get('organizationName'), setup.org.name);
      assert.equal(linkedIn.searchParams.get('certUrl'), badgeUrl);
      assert.equal(linkedIn.searchParams.get('certId'), badgeId);
      assert.match(linkedIn.searchParams.get('issueYear') ?? '', /^\d{4}$/);

      // Download the baked PNG.
      const [download] = await Promise.all([
        earnerPage.waitForEvent('download'),
        earnerPage.getByRole('link', { name: 'baked PNG' }).click(),
      ]);
      const pngPath = await download.path();
      const png = readFileSync(pngPath);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

      // A visitor (no account) verifies that PNG at /verify.
      const visitor = await web.browser.newContext();
      const visitorPage = await visitor.newPage();
      visitorPage.setDefaultTimeout(20_000);
      await visitorPage.goto(`${web.url}/verify`);
      await visitorPage
        .getByLabel('Or upload a badge image (PNG or SVG) or credential file')
        .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
      await visitorPage.getByRole('button', { name: 'Verify' }).click();
      await visitorPage.getByRole('status').filter({ hasText: 'Valid' }).waitFor();
      await visitorPage
        .getByText('The signature matches: nothing was changed since it was issued.')
        .waitFor();
      await visitorPage.screenshot({ path: 'test-results/verify-valid.png', fullPage: true });

      // Staff revoke it; the badge page, /verify and the backpack all say so.
      await staffPage.goto(`${web.url}/orgs/${setup.org.slug}/credentials`);
      const row = staffPage.locator('tr', { has: staffPage.getByText(earner) });
      await row.getByRole('combobox').selectOption('revoke');
      await row.getByPlaceholder('Reason (shown publicly)').fill('Attendance sheet was wrong');
      await row.getByRole('button', { name: 'Apply' }).click();
      // Revoking asks first, saying what it does, with the reason kept.
      await staffPage.getByRole('heading', { name: 'Revoke this credential?' }).waitFor();
      assert.equal(
        await staffPage.getByLabel('Reason, shown publicly').inputValue(),
        'Attendance sheet was wrong',
      );
      await staffPage.getByRole('button', { name: 'Revoke this credential' }).click();
      await staffPage.getByText('Status changed').waitFor();

      await visitorPage.goto(badgeUrl);
      await visitorPage
        .getByText(/Revoked on [A-Z][a-z]{2} \d{1,2}, \d{4}: Attendance sheet was wrong/)
        .waitFor();
      await visitorPage.goto(`${web.url}/verify`);
      await visitorPage
        .getByLabel('Or upload a badge image (PNG or SVG) or credential file')
        .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
      await visitorPage.getByRole('button', { name: 'Verify' }).click();
      await visitorPage.getByRole('status').filter({ hasText: 'Revoked' }).waitFor();
      await visitorPage.getByText('The issuer revoked this credential').waitFor();
      await earnerPage.goto(`${web.url}/backpack`);
      await earnerPage
        .getByText(/revoked/i)
        .first()
        .waitFor();
      await earnerPage.screenshot({ path: 'test-results/backpack-revoked.png', fullPage: true });
      await Promise.all([earnerContext.close(), visitor.close(), staffPage.close()]);
    });
  },
);
