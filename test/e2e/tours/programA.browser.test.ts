import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable } from '../../../src/testing/server.ts';
import { guideShot, reloadUntil, useDemoServer } from './demoTour.ts';

// Program A on the seeded demo: a continuing-education provider asks the council to pre-approve a
// session; the council approves it; the provider uploads its roster; the therapist opens her
// invitation, applies with the certificate of completion and pays the fee; the council's staff mark
// the fee paid and approve; the badge is hers, and its credit hours show on her recertification
// license (the council recognizes its own CE badges).
describe(
  'tour A: certification council, pre-approved sessions, badge on application (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();
    const PROVIDER = 'northwind-continuing-education';
    const COUNCIL = 'allied-therapy-council';
    const SESSION = 'Supervision Fundamentals — Spring Intensive';

    test('pre-approval, roster invitation, apply with certificate and fee, approve, credit on the license', async () => {
      // 1. The provider asks the council to pre-approve the session.
      const nora = await web.logIn('nora@northwind.example');
      await nora.goto(`${web.url}/orgs/${PROVIDER}/sessions/new`);
      await nora
        .getByLabel('Council and micro-credential')
        .selectOption({ label: 'Allied Therapy Certification Council — Supervision Fundamentals' });
      await nora.getByLabel('Session title').fill(SESSION);
      await nora.getByLabel('First day').fill('2027-03-06');
      await nora.getByLabel('Contact hours').fill('8');
      await nora.getByLabel('Presenter').fill('Dr. Lena Park, LMFT');
      await nora
        .getByLabel('Description and agenda')
        .fill('Morning: supervision models and contracts. Afternoon: feedback practice; knowledge check.');
      await guideShot(nora, 'program-a-request-session');
      await nora.getByRole('button', { name: 'Ask for pre-approval' }).click();
      await nora.getByText('Sent. The council’s staff have been told').waitFor();
      const sessionUrl = nora.url();

      // 2. The council's owner (its recognition officer) approves it from the queue.
      const helen = await web.logIn('helen@council.example');
      await helen.goto(`${web.url}/orgs/${COUNCIL}/sessions/queue`);
      await helen.getByRole('link', { name: SESSION }).click();
      await guideShot(helen, 'program-a-session-decision');
      await helen.getByRole('button', { name: 'Approve session' }).click();
      await helen.getByText('Approved. The provider has been told').waitFor();

      // 3. The provider uploads its roster: each attendee is invited by email.
      await nora.goto(sessionUrl);
      await nora.getByLabel('Roster (CSV)').setInputFiles({
        name: 'roster.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'name,email\nTaylor Morgan,taylor@therapist.example\nJamie Ortiz,jamie@example.org\n',
        ),
      });
      await nora.getByRole('button', { name: 'Upload and invite' }).click();
      await nora.getByText('2 attendees invited.').waitFor();
      await guideShot(nora, 'program-a-roster');

      // 4. The therapist opens her invitation: the session is already chosen.
      const link = await web.mailLink('taylor@therapist.example', 'ce_session_invitation');
      const taylor = await web.logIn('taylor@therapist.example');
      await taylor.goto(link);
      const chosen = await taylor
        .getByLabel('The session you completed')
        .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
      assert.match(chosen, /Northwind Continuing Education — Supervision Fundamentals — Spring Intensive/);
      await guideShot(taylor, 'program-a-catalog-entry');
      await taylor.getByRole('button', { name: 'Apply (fee $25.00)' }).click();
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

      // The provider sees that she applied.
      await reloadUntil(nora, sessionUrl, 'Applied');

      // 5. The council's staff check the certificate, mark the fee paid and approve.
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

      // 6. The badge is issued by the server's worker; it lands in her backpack, already accepted.
      await reloadUntil(taylor, `${web.url}/backpack`, 'Supervision Fundamentals');
      await taylor.getByRole('link', { name: 'Supervision Fundamentals' }).first().click();
      await taylor.getByText('The signature, issuer key, dates and status all check out.').waitFor();
      assert.match(new URL(taylor.url()).pathname, /^\/badges\/cred_/);

      // 7. Its 4 credit hours reach her recertification license: 2.5 h from the demo, 6.5 h now.
      await reloadUntil(taylor, `${web.url}/me/licenses`, /6\.5 h/);
      await guideShot(taylor, 'program-a-license');
    });
  },
);
