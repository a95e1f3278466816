import { describe, test } from 'node:test';
import { browserAvailable } from '../../../src/testing/server.ts';
import { guideShot, useDemoServer } from './demoTour.ts';

// Program C on the seeded demo: the union submits a micro-credential to the state board's license
// renewal program; the board approves it for 0.5 credit hours; the board's roster and the teacher's
// license page show the credit her accepted Classroom Routines badge already earned.
describe(
  'tour C: state licensing board, approved programs and license credit (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('submit for recognition, approve for 0.5 h, roster and license show the credit', async () => {
      const sam = await web.logIn('sam@union.example');
      await sam.goto(`${web.url}/orgs/riverside-educators-union/recognition/submit`);
      await sam.getByLabel('Recognition program').selectOption({
        label: 'State Board of Educator Licensing — Educator license renewal (Professional Educator License)',
      });
      await sam
        .getByLabel('What to submit')
        .selectOption({ label: 'Student Voice in Classroom Norms (version 1)' });
      await sam
        .getByLabel(/Statement: how competency is verified/)
        .fill(
          'Trained peer reviewers score every submission against the published rubric; one in ten is second-reviewed.',
        );
      await sam.getByRole('button', { name: 'Submit for recognition' }).click();
      await sam.getByText(/Submitted\./).waitFor();

      const dana = await web.logIn('dana@board.example');
      await dana.getByText('Welcome, Dana Whitfield').waitFor();
      await guideShot(dana, 'recognizer-home');
      await dana.goto(`${web.url}/orgs/state-board-educator-licensing/recognition/queue`);
      await dana.getByRole('link', { name: 'Student Voice in Classroom Norms (version 1)' }).click();
      await dana.getByLabel('Credit hours granted').fill('0.5');
      await guideShot(dana, 'program-c-submission');
      await dana.getByRole('button', { name: 'Approve' }).click();
      await dana.getByText('Approved; the issuer has been told.').waitFor();

      await dana.goto(`${web.url}/orgs/state-board-educator-licensing/recognition/roster`);
      await dana.getByRole('cell', { name: 'PEL-2024-118734' }).waitFor();
      await guideShot(dana, 'program-c-roster');

      const alex = await web.logIn('alex@teacher.example');
      await alex.goto(`${web.url}/me/licenses`);
      await alex
        .getByRole('link', { name: /PEL-2024-118734/ })
        .first()
        .click();
      await alex
        .getByText(/0\.5 h/)
        .first()
        .waitFor();
      await guideShot(alex, 'program-c-license');
    });
  },
);
