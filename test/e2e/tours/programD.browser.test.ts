import { describe, test } from 'node:test';
import { browserAvailable } from '../../../src/testing/server.ts';
import { fillUnionEvidence, guideShot, passReview, reloadUntil, useDemoServer } from './demoTour.ts';

// Program D on the seeded demo, a stackable pathway: the teacher holds two micro-credentials of the
// Classroom Management stack; the reviewer passes a third, she earns a fourth, and the Classroom
// Management Certificate is awarded to her automatically; she accepts it.
describe(
  'tour D: stackable pathway toward a certificate (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('two more micro-credentials of the stack complete the pathway; the certificate is issued', async () => {
      const alex = await web.logIn('alex@teacher.example');
      await alex.getByRole('link', { name: 'Classroom Management Certificate' }).click();
      await alex.getByText('Your progress').waitFor();
      await guideShot(alex, 'program-d-pathway');

      const priya = await web.logIn('priya@union.example');
      await passReview(priya, web.url, 'Smooth Transitions');

      await alex.goto(`${web.url}/catalog?q=restorative`);
      await alex.getByRole('link', { name: 'Restorative Conversations' }).first().click();
      await alex.getByRole('button', { name: 'Apply' }).click();
      await alex.getByText('You applied.').waitFor();
      await fillUnionEvidence(alex);
      await alex.getByRole('button', { name: 'Submit for review' }).click();
      await alex.getByText('Attempt 1 submitted.').waitFor();
      await passReview(priya, web.url, 'Restorative Conversations');

      // The pathway is evaluated by a job once the fourth badge is issued.
      await reloadUntil(alex, `${web.url}/backpack`, 'Classroom Management Certificate');
      // The certificate was not applied for, so it waits for her to accept it.
      await alex.getByRole('button', { name: 'Accept' }).first().click();
      await alex.getByText('You accepted Classroom Management Certificate.').waitFor();
      await alex.getByRole('link', { name: 'Classroom Management Certificate' }).first().click();
      await alex.getByText('The signature, issuer key, dates and status all check out.').waitFor();
    });
  },
);
