import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable } from '../../../src/testing/server.ts';
import { fillUnionEvidence, guideShot, passReview, reloadUntil, useDemoServer } from './demoTour.ts';

// Program B on the seeded demo: the teacher applies to a peer-reviewed micro-credential and
// submits evidence; she acts on a reviewer's feedback and resubmits another one; the peer reviewer
// passes it and the badge is issued.
describe(
  'tour B: union library, peer-reviewed evidence (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('apply and submit evidence; resubmit after feedback; the reviewer passes it; a badge', async () => {
      const alex = await web.logIn('alex@teacher.example');
      await alex.getByText('Welcome, Alex Rivera').waitFor();
      await guideShot(alex, 'earner-home');

      await alex.goto(`${web.url}/catalog`);
      await alex.goto(`${web.url}/catalog?q=success+criteria`);
      await alex.getByRole('link', { name: 'Success Criteria with Students' }).first().click();
      await alex.getByRole('button', { name: 'Apply' }).click();
      await alex.getByText('You applied.').waitFor();
      await fillUnionEvidence(alex);
      await guideShot(alex, 'program-b-evidence');
      await alex.getByRole('button', { name: 'Submit for review' }).click();
      await alex.getByText('Attempt 1 submitted.').waitFor();

      // Feedback from the seeded first review: revise and resubmit.
      await alex.goto(`${web.url}/`);
      await alex.getByRole('link', { name: 'Checking for Understanding' }).click();
      await alex.getByText('Show how you taught each step, not only the steps themselves.').waitFor();
      await guideShot(alex, 'program-b-feedback');
      await alex
        .getByLabel(/Your answer/)
        .nth(1)
        .fill('I now model each check, then students practise it with a partner before I use it.');
      await alex.getByRole('button', { name: 'Resubmit for review' }).click();
      await alex.getByText('Attempt 2 submitted.').waitFor();

      const priya = await web.logIn('priya@union.example');
      await priya.goto(`${web.url}/reviews`);
      await priya.getByRole('link', { name: 'Success Criteria with Students — attempt 1' }).waitFor();
      await priya.getByRole('link', { name: 'Checking for Understanding — attempt 2' }).click();
      await guideShot(priya, 'program-b-review');
      await passReview(priya, web.url, 'Checking for Understanding', 2);

      await reloadUntil(alex, `${web.url}/backpack`, 'Checking for Understanding');
      await alex.getByRole('link', { name: 'Checking for Understanding' }).first().click();
      await alex.getByText('The signature, issuer key, dates and status all check out.').waitFor();
      assert.match(new URL(alex.url()).pathname, /^\/badges\/cred_/);
    });
  },
);
