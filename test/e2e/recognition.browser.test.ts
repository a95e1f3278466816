import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';
import { publishedMicroCredential } from '../../src/testing/catalogFixtures.ts';
import { createProgram } from '../../src/features/recognition/commands/createProgram.ts';
import { testConfig } from '../../src/testing/http.ts';
import { ManualClock } from '../../src/domain/clock.ts';

// Program C, the state licensing board, end to end in real Chromium: an issuer submits a
// micro-credential program, the board requests a change, the issuer revises (a new version) and
// resubmits, the board approves it for 0.5 hours; an earner completes it, the board receives the
// completion notice, credit appears on the earner's license record; revoking the badge reverses
// the credit. The audit log shows every step.
for (const backend of testBackends()) {
  describe(
    `recognition and the credit ledger in Chromium (${backend.name})`,
    { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
    () => {
      const web = useBrowserServer(() => backend.storage(), { defaultTimeout: 15_000 });

      /** Reloads a page until a text shows (the background worker runs the jobs meanwhile). */
      async function reloadUntil(page: Page, url: string, text: string | RegExp): Promise<void> {
        for (let i = 0; i < 100; i++) {
          await page.goto(url);
          if ((await page.getByText(text).count()) > 0) return;
          await page.waitForTimeout(200);
        }
        throw new Error(`${String(text)} never appeared on ${url}`);
      }

      test('submit, changes requested, new version resubmitted, approved for 0.5 h; notice, credit, reversal; audited', async () => {
        const storage = await backend.storage();
        const deps = { db: storage.db, clock: new ManualClock(new Date()), config: testConfig() };
        const issuerOrg = await buildOrganisation(storage.db, {
          kind: 'issuer',
          name: `Harbour Teachers ${unique('')}`,
        });
        const board = await buildOrganisation(storage.db, {
          kind: 'recognizer',
          name: `State Teaching Board ${unique('')}`,
        });
        const staff = await buildUser(storage.db, { name: 'Sam Staff' });
        const officer = await buildUser(storage.db, { name: 'Olive Officer' });
        const earner = await buildUser(storage.db, { name: 'Erin Earner' });
        await addMember(storage.db, issuerOrg.id, staff.id, ['designer', 'issuing_staff']);
        await addMember(storage.db, board.id, officer.id, ['recognition_officer']);
        const title = `Restorative Circles ${unique('')}`;
        const { publicId: mcId } = await publishedMicroCredential(
          deps,
          { userId: staff.id, ip: null },
          issuerOrg.slug,
          title,
        );
        const programName = `Professional Educator License renewal ${unique('')}`;
        const { publicId: programId } = await createProgram(deps, {
          actor: { userId: officer.id, ip: null },
          orgSlug: board.slug,
          name: programName,
          licenseName: 'Educator license',
          cycleYears: 5,
          hoursRequired: 6,
          unitRule: 'fixed',
          fixedHours: 0.5,
          posting: 'automatic',
        });

        // The issuer submits version 1.
        const issuer = await web.logIn(staff);
        await issuer.goto(`${web.url}/orgs/${issuerOrg.slug}/recognition/submit`);
        await issuer.getByLabel('Recognition program').selectOption(programId);
        await issuer.getByLabel('What to submit').selectOption(`mc:${mcId}`);
        await issuer
          .getByLabel(/Statement: how competency is verified/)
          .fill('Trained peer reviewers score every submission against the published rubric.');
        await issuer.getByRole('button', { name: 'Submit for recognition' }).click();
        // Unless the board approved something like it before, it is an "Other" program: confirm it by name.
        const confirm = issuer.getByRole('checkbox', { name: /Yes, send it to/ });
        await issuer
          .getByText(/Submitted\./)
          .or(confirm)
          .waitFor();
        if (await confirm.isVisible()) {
          await confirm.check();
          await issuer.getByRole('button', { name: 'Submit for recognition' }).click();
        }
        await issuer.getByText(/Submitted\./).waitFor();
        const firstId = /\/recognition\/submissions\/([^/?#]+)$/.exec(new URL(issuer.url()).pathname)?.[1];
        assert.ok(firstId);

        // The board requests a change.
        const boardPage = await web.logIn(officer);
        await boardPage.goto(`${web.url}/orgs/${board.slug}/recognition/submissions/${firstId}`);
        await boardPage.getByLabel('Changes needed').fill('Add a criterion on facilitation with families.');
        await boardPage.getByRole('button', { name: 'Request changes' }).click();
        await boardPage.getByText('Changes requested; the issuer has been told.').waitFor();

        // The issuer revises: a new version, published, then resubmitted.
        await issuer.goto(`${web.url}/orgs/${issuerOrg.slug}/micro-credentials/${mcId}`);
        await issuer.getByRole('button', { name: 'Start a new version' }).click();
        await issuer.getByRole('button', { name: 'Publish version 2' }).click();
        await issuer.getByText('Published: it is in the catalog now.').waitFor();
        await issuer.goto(`${web.url}/orgs/${issuerOrg.slug}/recognition/submissions/${firstId}`);
        await issuer.getByRole('link', { name: 'Resubmit version 2' }).click();
        await issuer.getByRole('button', { name: 'Resubmit for recognition' }).click();
        await issuer.getByText(/Submitted\./).waitFor();
        const secondId = /\/recognition\/submissions\/([^/?#]+)$/.exec(new URL(issuer.url()).pathname)?.[1];
        assert.ok(secondId && secondId !== firstId);

        // The board approves version 2 for 0.5 hours.
        await boardPage.goto(`${web.url}/orgs/${board.slug}/recognition/submissions/${secondId}`);
        await boardPage.getByLabel('Credit hours granted').fill('0.5');
        await boardPage.getByRole('button', { name: 'Approve' }).click();
        await boardPage.getByText('Approved; the issuer has been told.').waitFor();

        // The earner links a license; the board confirms it.
        const earnerPage = await web.logIn(earner);
        await earnerPage.goto(`${web.url}/me/licenses`);
        await earnerPage.getByLabel('Program').selectOption(programId);
        await earnerPage.getByLabel('License or certification number').fill('EDU-2041-77');
        await earnerPage.getByLabel('Your current renewal cycle began on').fill('2025-07-01');
        await earnerPage.getByRole('button', { name: 'Link license' }).click();
        await earnerPage.getByText('License linked. The recognizer will confirm it.').waitFor();
        await boardPage.goto(`${web.url}/orgs/${board.slug}/recognition/licenses`);
        await boardPage.getByRole('button', { name: 'Confirm license EDU-2041-77' }).click();
        await boardPage.getByText(/License confirmed/).waitFor();

        // The earner completes it: the issuer awards version 2.
        await issuer.goto(`${web.url}/orgs/${issuerOrg.slug}/credentials`);
        await issuer.getByLabel('Micro-credential').selectOption(mcId);
        await issuer.getByLabel('Recipient’s email').fill(earner.email);
        await issuer.getByRole('button', { name: 'Issue credential' }).click();
        const credential = await storage.db
          .selectFrom('credentials')
          .select(['public_id', 'micro_credential_version'])
          .where('recipient_email', '=', earner.email)
          .executeTakeFirstOrThrow();
        assert.equal(credential.micro_credential_version, 2);

        // The board receives the notice (credit posted by rule) and the document verifies.
        await reloadUntil(boardPage, `${web.url}/orgs/${board.slug}/recognition/notices?state=posted`, title);
        await boardPage.getByRole('link', { name: title }).click();
        await boardPage.locator('#verify-result').getByText('Verified').waitFor();
        await boardPage.getByText('EDU-2041-77').first().waitFor();
        await reloadUntil(
          issuer,
          `${web.url}/orgs/${issuerOrg.slug}/credentials`,
          /Completion notice sent to State Teaching Board/,
        );

        // Credit on the earner's license record.
        await earnerPage.goto(`${web.url}/me/licenses`);
        await earnerPage.getByRole('link', { name: /Educator license EDU-2041-77/ }).click();
        await earnerPage.getByText(/0\.5 h.*of 6 h earned/).waitFor();
        const licenseUrl = earnerPage.url();

        // Revoking the badge reverses the credit with a new entry.
        await issuer.goto(`${web.url}/orgs/${issuerOrg.slug}/credentials`);
        await issuer.locator(`#a-${credential.public_id}`).selectOption('revoke');
        await issuer.locator(`#why-${credential.public_id}`).fill('Evidence was not the earner’s own work.');
        await issuer.locator(`#why-${credential.public_id}`).press('Enter');
        await issuer.getByRole('button', { name: 'Revoke this credential' }).click();
        await reloadUntil(earnerPage, licenseUrl, /Reversal/);
        await earnerPage.getByText(/0 h.*of 6 h earned/).waitFor();
        const entries = await storage.db
          .selectFrom('credit_entries as e')
          .innerJoin('credentials as c', 'c.id', 'e.credential_id')
          .select(['e.kind', 'e.hours'])
          .where('c.public_id', '=', credential.public_id)
          .orderBy('e.id')
          .execute();
        assert.deepEqual(
          entries.map((e) => [e.kind, Number(e.hours)]),
          [
            ['credit', 0.5],
            ['reversal', -0.5],
          ],
        );

        // The audit log shows every step, on both sides.
        const actions = async (organisationId: number) =>
          (
            await storage.db
              .selectFrom('audit_events')
              .select('action')
              .where('organisation_id', '=', organisationId)
              .orderBy('id')
              .execute()
          ).map((a) => a.action);
        const boardLog = await actions(board.id);
        const issuerLog = await actions(issuerOrg.id);
        const inOrder = (log: string[], expected: string[]) => {
          let at = -1;
          for (const action of expected) {
            const next = log.indexOf(action, at + 1);
            assert.ok(
              next > at,
              `${action} after ${expected[expected.indexOf(action) - 1] ?? 'the start'} in ${log.join(', ')}`,
            );
            at = next;
          }
        };
        inOrder(boardLog, [
          'recognition.program_created',
          'recognition.submitted',
          'recognition.changes_requested',
          'recognition.resubmitted',
          'recognition.approved',
          'license.linked',
          'license.confirmed',
          'notice.created',
          'credit.posted',
          'notice.posted',
          'credit.reversed',
        ]);
        inOrder(issuerLog, [
          'recognition.submitted',
          'recognition.changes_requested',
          'recognition.resubmitted',
          'recognition.approved',
          'credential.issued',
          'credential.notice_sent',
          'credential.revoked',
        ]);
      });
    },
  );
}
