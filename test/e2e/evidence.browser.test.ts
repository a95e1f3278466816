import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';
import { publishedMicroCredential } from '../../src/testing/catalogFixtures.ts';
import { testConfig } from '../../src/testing/http.ts';
import { ManualClock } from '../../src/domain/clock.ts';

// Nothing an earner types is lost: "Submit for review" takes every part's text as typed, the
// page saves as you type (and says so), and leaving with unsaved changes asks first.
const [pglite] = testBackends();

describe(
  'evidence is never lost, in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    async function applied() {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, reviewer, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db),
        await buildUser(storage.db),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, reviewer.id, ['reviewer']);
      const deps = { db: storage.db, clock: new ManualClock(new Date()), config: testConfig() };
      const { slug } = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        `Questioning ${unique('')}`,
        {
          evidenceParts: [
            { prompt: 'Link to your lesson video', kind: 'link', required: true },
            { prompt: 'Reflect on what changed', kind: 'text', maxWords: 200, required: true },
          ],
        },
      );
      const page = await web.logIn(earner);
      await page.goto(`${web.url}/catalog/${org.slug}/${slug}`);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('You applied.').waitFor();
      return { storage, page, appId: new URL(page.url()).pathname.split('/').pop()! };
    }

    test('typed into two parts, then Submit without Save: both arrive in the submitted attempt', async () => {
      const { storage, page, appId } = await applied();
      await page.getByLabel('Link').fill('https://video.example/questions');
      await page.getByLabel(/Your answer/).fill('I asked open questions and waited.');
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByText('Attempt 1 submitted.').waitFor();
      const attempt = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select('a.evidence')
        .where('p.public_id', '=', appId)
        .executeTakeFirstOrThrow();
      const evidence = attempt.evidence as Array<{ part: number; text: string | null; link: string | null }>;
      assert.deepEqual(
        evidence.map((e) => [e.part, e.link ?? e.text]),
        [
          [0, 'https://video.example/questions'],
          [1, 'I asked open questions and waited.'],
        ],
      );
      // Submitted evidence reads as text: no boxes to type in.
      await page.getByText('I asked open questions and waited.').waitFor();
      assert.equal(await page.getByRole('textbox').count(), 0);
    });

    test('typed, autosaved after a pause (the page says "Saved"), reloaded: the text is there', async () => {
      const { page } = await applied();
      await page.getByLabel(/Your answer/).fill('A draft I never saved by hand.');
      await page
        .getByRole('status')
        .filter({ hasText: /^Saved at \d\d:\d\d\.$/ })
        .waitFor();
      await page.reload();
      assert.equal(await page.getByLabel(/Your answer/).inputValue(), 'A draft I never saved by hand.');
    });

    test('leaving with changes not saved yet asks first', async () => {
      const { page } = await applied();
      // Keep the autosave from running, so the change stays unsaved while the page is left.
      await page
        .locator('form[data-autosave]')
        .evaluate((form) => form.setAttribute('data-autosave-pause', '600000'));
      // Typed with the keyboard: browsers ask before leaving only after the person interacted.
      await page.getByLabel(/Your answer/).click();
      await page.keyboard.type('Unsaved words.');
      await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
      // Leaving for another page: it asks first (a beforeunload dialog, accepted here) or leaves without asking.
      let asked = 'left without asking';
      page.once('dialog', (d) => {
        asked = d.type();
        void d.accept();
      });
      await page.goto(`${web.url}/applications`);
      await page.getByRole('heading', { name: 'Your applications' }).waitFor();
      assert.equal(asked, 'beforeunload');
    });
  },
);
