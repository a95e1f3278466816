import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable } from '../../../src/testing/server.ts';
import { guideShot, reloadUntil, useDemoServer } from './demoTour.ts';

// Program A on the seeded demo: a certified therapist applies to the council for a badge with the
// certificate of completion of a pre-approved continuing-education session and pays the fee; the
// council's staff mark the fee paid and approve; the badge is hers. She also accepts the badge the
// council awarded her from a provider's roster.
describe(
  'tour A: certification council, badge on application (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('apply with a certificate and a fee, staff approve after payment, accept a roster award', async () => {
      const taylor = await web.logIn('taylor@therapist.example');
      await taylor.getByText('Welcome, Taylor Morgan').waitFor();

      // The roster award waits on her home page: accept it from the backpack.
      await taylor.getByRole('link', { name: 'Documentation That Holds Up' }).click();
      await taylor
        .getByRole('button', { name: /Accept/ })
        .first()
        .click();
      await taylor.getByText(/You accepted Documentation That Holds Up/).waitFor();

      await taylor.goto(`${web.url}/catalog?q=supervision`);
      await taylor.getByRole('link', { name: 'Supervision Fundamentals' }).first().click();
      await guideShot(taylor, 'program-a-catalog-entry');
      await taylor
        .getByLabel('The program you completed')
        .selectOption('Northwind Continuing Education — Supervision Fundamentals (2026)');
      await taylor.getByRole('button', { name: 'Apply (fee USD 25.00)' }).click();
      await taylor.getByText(/Invoice INV-\d+ has been emailed to you/).waitFor();
      await taylor.getByLabel(/Choose your certificate/).setInputFiles({
        name: 'certificate.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% certificate of completion\n'),
      });
      await taylor.getByRole('button', { name: 'Upload' }).click();
      await taylor.getByText('Certificate uploaded.').waitFor();
      await taylor.getByRole('button', { name: 'Submit for approval' }).click();
      await taylor.getByText('Submitted. The issuer decides').waitFor();

      const jordan = await web.logIn('jordan@council.example');
      await jordan.getByRole('link', { name: /certificates? to check/ }).click();
      const card = jordan.getByRole('region', { name: 'Taylor Morgan: Supervision Fundamentals' });
      await card.getByLabel(/Payment reference/).fill('TRF-31207');
      await card.getByRole('button', { name: 'Mark paid' }).click();
      await jordan.getByText('Marked paid. A receipt has been emailed').waitFor();
      await guideShot(jordan, 'program-a-proof-queue');
      await jordan
        .getByRole('region', { name: 'Taylor Morgan: Supervision Fundamentals' })
        .getByRole('button', { name: 'Approve and issue' })
        .click();
      await jordan.getByText('Approved. The badge is being issued').waitFor();

      // The badge is issued by the server's worker; it lands in her backpack, already accepted.
      await reloadUntil(taylor, `${web.url}/backpack`, 'Supervision Fundamentals');
      await taylor.getByRole('link', { name: 'Supervision Fundamentals' }).first().click();
      await taylor.getByText('The signature, issuer key, dates and status all check out.').waitFor();
      assert.match(new URL(taylor.url()).pathname, /^\/badges\/cred_/);
    });
  },
);
