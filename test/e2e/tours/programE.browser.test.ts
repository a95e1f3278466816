import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable } from '../../../src/testing/server.ts';
import { guideShot, useDemoServer } from './demoTour.ts';

// Program E on the seeded demo, an employer checking skills: the teacher shares her badge's page;
// a hiring manager with no account opens it, and checks it step by step on the verify page. The
// platform administrator watches the background jobs that did the issuing.
describe(
  'tour E: an employer verifies a shared badge (demo)',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useDemoServer();

    test('share the badge page; a visitor sees it valid and verifies every step; the admin sees the jobs', async () => {
      const alex = await web.logIn('alex@teacher.example');
      await alex.goto(`${web.url}/backpack`);
      await alex.getByRole('link', { name: 'Classroom Routines' }).first().click();
      await alex.getByRole('link', { name: 'Add to LinkedIn profile' }).waitFor();
      await guideShot(alex, 'program-e-share');
      const shared = alex.url();

      const employer = await web.newPage();
      await employer.goto(shared);
      await employer.getByRole('heading', { name: 'Classroom Routines' }).waitFor();
      await employer.getByText('Issued to Alex Rivera').waitFor();
      await employer.getByText('The signature, issuer key, dates and status all check out.').waitFor();
      await employer.getByRole('link', { name: /Check every step/ }).click();
      assert.equal(new URL(employer.url()).pathname, '/verify');
      await employer.getByText('Every check passed.').waitFor();
      await guideShot(employer, 'program-e-verify');

      const admin = await web.logIn('admin@cairn.example');
      await admin.goto(`${web.url}/admin/jobs?status=all`);
      await admin.getByRole('heading', { name: 'Background jobs' }).waitFor();
      await guideShot(admin, 'admin-jobs');
    });
  },
);
