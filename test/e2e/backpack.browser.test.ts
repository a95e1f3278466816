import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';
import { issueCredential } from '../../src/features/issuing/commands/issueCredential.ts';
import { testConfig, testCredentialServices } from '../../src/testing/http.ts';
import { systemClock } from '../../src/domain/clock.ts';

// An earner in real Chromium: accepts a badge in the backpack, uploads a baked badge from another
// platform, makes a badge private, and shares a collection that a visitor opens.
const [pglite] = testBackends();

describe(
  'the backpack in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());
    const dir = mkdtempSync(join(tmpdir(), 'cairn-backpack-'));
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    test('accept, import a baked PNG, make private, share a collection', async () => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Harbour Teachers' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const earner = await buildUser(storage.db, { name: 'Kim Earner' });
      const deps = {
        db: storage.db,
        clock: systemClock,
        config: testConfig({ PUBLIC_URL: web.url }),
        credentials: testCredentialServices(),
      };
      const actor = { organisationId: org.id, userId: staff.id, ip: null };
      const word = unique('');
      const here = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: earner.email },
        achievement: {
          id: `https://cairn.test/a/${word}`,
          name: `Wait Time ${word}`,
          description: 'Uses wait time.',
          criteria: { narrative: 'Video.' },
        },
      });
      const elsewhere = await issueCredential(deps, {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: `${unique('x')}@example.org` },
        achievement: {
          id: `https://cairn.test/b/${word}`,
          name: `Questioning ${word}`,
          description: 'Asks good questions.',
          criteria: { narrative: 'Video.' },
        },
      });
      const pngFile = join(dir, 'badge.png');
      writeFileSync(
        pngFile,
        Buffer.from(await (await fetch(`${web.url}/badges/${elsewhere.publicId}/baked.png`)).arrayBuffer()),
      );

      const page = await web.logIn(earner);
      await page.getByRole('navigation').getByRole('link', { name: 'Backpack', exact: true }).click();
      await page.getByRole('heading', { name: 'Waiting for you to accept' }).waitFor();
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.getByText(`You accepted Wait Time ${word}`).waitFor();

      await page.getByLabel(/upload a badge file/).setInputFiles(pngFile);
      await page.getByRole('button', { name: 'Import and verify' }).click();
      await page.getByText('Imported and verified.').waitFor();
      assert.match(
        (await page.locator('main').textContent()) ?? '',
        new RegExp(`Questioning ${word}.*Imported \\(PNG\\) — verified`, 's'),
      );

      await page.locator(`#badge-${here.publicId}`).getByRole('button', { name: 'Make private' }).click();
      await page.getByText('The badge is private').waitFor();

      await page.getByRole('link', { name: 'Collections' }).first().click();
      await page.getByLabel('Name').fill('For my renewal');
      await page.getByRole('button', { name: 'Create collection' }).click();
      await page.getByText('Collection created').waitFor();
      await page.getByRole('link', { name: 'backpack' }).last().click();
      const imported = page.locator('article.badge-card', { hasText: `Questioning ${word}` });
      await imported.getByRole('button', { name: 'Add' }).click();
      await page.getByText('Added to the collection.').waitFor();
      await page.goto(`${web.url}/backpack/collections`);
      await page.getByRole('link', { name: 'For my renewal' }).click();
      await page.getByRole('button', { name: 'Share by link' }).click();
      const link = (await page.locator('#h-share ~ p a').first().getAttribute('href'))!;

      const visitor = await web.newPage();
      await visitor.goto(link);
      const shown = (await visitor.locator('main').textContent()) ?? '';
      assert.match(shown, new RegExp(`Questioning ${word}`));
      assert.match(shown, /Valid/);
      await visitor.goto(`${web.url}/badges/${here.publicId}`);
      const privatePage = (await visitor.locator('main').textContent()) ?? '';
      assert.match(privatePage, /A private badge/);
      assert.ok(!privatePage.includes(`Wait Time ${word}`));
      await page.goto(`${web.url}/backpack`);
    });
  },
);
