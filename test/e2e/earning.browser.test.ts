import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';
import { publishedMicroCredential } from '../../src/testing/catalogFixtures.ts';
import { testConfig } from '../../src/testing/http.ts';
import { ManualClock } from '../../src/domain/clock.ts';

// The union's performance-based loop in real Chromium: apply → submit → "needs revision" with a
// peer reviewer's feedback → resubmit → pass → a verifiable badge in the earner's account.
const [pglite] = testBackends();

describe(
  'earning a micro-credential in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('apply, submit, needs revision, resubmit, pass, badge', async () => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Harbour Teachers' });
      const [designer, reviewer, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Pat Peer' }),
        await buildUser(storage.db, { name: 'Erin Earner' }),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const deps = { db: storage.db, clock: new ManualClock(new Date()), config: testConfig() };
      const title = `Think Time ${unique('')}`;
      const { slug } = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        title,
        {
          evidenceParts: [
            { prompt: 'Link to your lesson video', kind: 'link', required: true },
            { prompt: 'Upload your lesson plan (PDF)', kind: 'file', maxSizeMb: 5, required: true },
            { prompt: 'Reflect on what changed', kind: 'text', maxWords: 200, required: true },
          ],
        },
      );

      const e = await web.logIn(earner);
      await e.goto(`${web.url}/catalog/${org.slug}/${slug}`);
      await e.getByRole('button', { name: 'Apply' }).click();
      await e.getByText('You applied.').waitFor();
      await e.getByRole('button', { name: 'Submit for review' }).click();
      await e.getByText('Some required evidence is missing.').waitFor();
      await e.getByLabel('Link').fill('https://video.example/think-time');
      await e.getByRole('button', { name: 'Save draft' }).click();
      await e.getByText('Your evidence is saved.').waitFor();
      await e.getByLabel(/Choose a file/).setInputFiles({
        name: 'plan.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% lesson plan\n'),
      });
      await e.getByRole('button', { name: 'Save draft' }).click();
      await e.getByText('Your evidence is saved.').waitFor();
      await e.getByText('Uploaded: plan.pdf').waitFor();
      await e.getByLabel(/Your answer/).fill('Students answered more fully when I waited.');
      await e.getByRole('button', { name: 'Submit for review' }).click();
      await e.getByText('Attempt 1 submitted.').waitFor();

      const r = await web.logIn(reviewer);
      await r.goto(`${web.url}/reviews`);
      await r.getByRole('link', { name: new RegExp(`${title} — attempt 1`) }).click();
      await r.getByRole('link', { name: 'plan.pdf' }).waitFor();
      await r.getByLabel(/Developing: Steps unclear/).check();
      await r.getByLabel(/Proficient: Routine shown end to end/).check();
      await r.getByLabel('Feedback on Routine plan').fill('Show the steps you taught.');
      await r.getByLabel('Overall feedback').fill('A good start; make the plan explicit.');
      await r.getByLabel('Pass', { exact: true }).check();
      await r.getByRole('button', { name: 'Record review' }).click();
      await r.getByText('must be “needs revision”').waitFor(); // the decision must follow the rubric
      await r.getByLabel('Needs revision').check();
      await r.getByRole('button', { name: 'Record review' }).click();
      await r.getByText('Review recorded').waitFor();

      await e.reload();
      await e.getByText('Show the steps you taught.').waitFor();
      await e.getByText('Needs revision').first().waitFor();
      await e.getByLabel(/Your answer/).fill('I now teach the steps explicitly, then wait three seconds.');
      await e.getByRole('button', { name: 'Resubmit for review' }).click();
      await e.getByText('Attempt 2 submitted.').waitFor();

      await r.goto(`${web.url}/reviews`);
      await r.getByRole('link', { name: new RegExp(`${title} — attempt 2`) }).click();
      await r.getByLabel(/Proficient: Clear, taught steps/).check();
      await r.getByLabel(/Proficient: Routine shown end to end/).check();
      await r.getByLabel('Overall feedback').fill('Clear and convincing. Well done.');
      await r.getByLabel('Pass', { exact: true }).check();
      await r.getByRole('button', { name: 'Record review' }).click();
      await r.getByText('Review recorded').waitFor();

      // The badge is issued by a job; the earner's page links to the badge's page.
      let badge = '';
      for (let i = 0; i < 50 && !badge; i++) {
        await e.reload();
        badge = (await e.getByRole('link', { name: 'Your badge' }).count())
          ? ((await e.getByRole('link', { name: 'Your badge' }).getAttribute('href')) ?? '')
          : '';
        if (!badge) await new Promise((res) => setTimeout(res, 200));
      }
      assert.match(badge, /^\/badges\/cred_/);
      await e.getByRole('link', { name: 'Your badge' }).click();
      await e.getByRole('heading', { level: 1 }).waitFor();
      const res = await e.request.get(`${web.url}${badge}/credential.json`);
      const credential = JSON.parse(await res.text()) as Record<string, unknown>;
      const verified = await e.request.post(`${web.url}/credentials/verify`, {
        data: { verifiableCredential: credential },
      });
      assert.equal(verified.status(), 200);
      assert.equal(((await verified.json()) as { verified: boolean }).verified, true);
    });
  },
);
