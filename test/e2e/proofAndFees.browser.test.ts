import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../src/testing/databases.ts';
import { browserAvailable, useBrowserServer } from '../../src/testing/server.ts';
import { addMember, buildOrganisation, buildUser } from '../../src/testing/factories.ts';
import { publishedMicroCredential } from '../../src/testing/catalogFixtures.ts';
import { testConfig } from '../../src/testing/http.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { approvedSessions } from '../../src/testing/sessionFixtures.ts';

// Program A in real Chromium: the earner picks a pre-approved program, applies and gets an
// invoice, uploads a certificate and submits; staff cannot approve before payment, mark the
// invoice paid, approve, and the badge appears on the earner's page.
const [pglite] = testBackends();

describe(
  'applying with proof and a fee in Chromium',
  { skip: browserAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium' },
  () => {
    const web = useBrowserServer(() => pglite!.storage());

    test('apply with a program, invoice, certificate, refused before payment, mark paid, approve, badge', async () => {
      const storage = await pglite!.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Allied Therapy Council' });
      const [designer, staff, earner] = [
        await buildUser(storage.db),
        await buildUser(storage.db, { name: 'Sol Staff' }),
        await buildUser(storage.db, { name: 'Tess Therapist' }),
      ];
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      const deps = { db: storage.db, clock: new ManualClock(new Date()), config: testConfig() };
      const title = `Ethics in Telehealth ${unique('')}`;
      const { slug, publicId: mcId } = await publishedMicroCredential(
        deps,
        { userId: designer.id, ip: null },
        org.slug,
        title,
        {
          earningMode: 'proof_of_completion',
          evidenceParts: [],
          rubric: undefined,
          applicationFeeCents: 2500,
          applicationFeeCurrency: 'USD',
        },
      );

      await approvedSessions(deps.db, mcId, ['Northwind CE — Telehealth Ethics 2026']);
      const e = await web.logIn(earner);
      await e.goto(`${web.url}/catalog/${org.slug}/${slug}`);
      await e
        .getByLabel('The session you completed')
        .selectOption({ label: 'Northwind CE — Telehealth Ethics 2026' });
      await e.getByRole('button', { name: 'Apply (fee $25.00)' }).click();
      await e.getByText('Invoice INV-000001 has been emailed to you').waitFor();
      await e.getByText('Awaiting payment').waitFor();
      await e.getByLabel(/Choose your certificate/).setInputFiles({
        name: 'certificate.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% certificate of completion\n'),
      });
      await e.getByRole('button', { name: 'Upload' }).click();
      await e.getByText('Certificate uploaded.').waitFor();
      await e.getByRole('button', { name: 'Submit for approval' }).click();
      await e.getByText('Submitted. The issuer decides').waitFor();

      const s = await web.logIn(staff);
      await s.getByRole('link', { name: 'Proof & fees' }).first().click();
      const card = s.getByRole('region', { name: `Tess Therapist: ${title}` });
      await card.getByRole('button', { name: 'Approve and issue' }).click();
      await s.getByText('The fee has not been paid: invoice INV-000001 (USD 25.00) is pending.').waitFor();
      await s
        .getByRole('region', { name: `Tess Therapist: ${title}` })
        .getByLabel(/Payment reference/)
        .fill('TRF-20931');
      await s
        .getByRole('region', { name: `Tess Therapist: ${title}` })
        .getByRole('button', { name: 'Mark paid' })
        .click();
      await s.getByText('Marked paid. A receipt has been emailed').waitFor();
      await s
        .getByRole('region', { name: `Tess Therapist: ${title}` })
        .getByRole('button', { name: 'Approve and issue' })
        .click();
      await s.getByText('Approved. The badge is being issued').waitFor();

      // The receipt prints from its own page.
      await e.reload();
      await e.getByRole('link', { name: 'View and print the receipt' }).click();
      await e.getByRole('heading', { name: 'Receipt INV-000001' }).waitFor();
      await e.getByText('TRF-20931').waitFor();

      // The badge is issued by a job; the earner's page links to it.
      await e.goBack();
      let badge = '';
      for (let i = 0; i < 50 && !badge; i++) {
        await e.reload();
        badge = (await e.getByRole('link', { name: /^cred_/ }).count())
          ? ((await e.getByRole('link', { name: /^cred_/ }).textContent()) ?? '')
          : '';
        if (!badge) await new Promise((res) => setTimeout(res, 200));
      }
      assert.match(badge, /^cred_/);
      await e.getByText('Approved', { exact: true }).first().waitFor();
    });
  },
);
