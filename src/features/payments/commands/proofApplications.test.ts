import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends, unique } from '../../../testing/databases.ts';
import {
  loggedIn,
  testApp,
  testConfig,
  testCredentialServices,
  type TestBrowser,
} from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { startSmtpSink } from '../../../testing/smtp.ts';
import { silentLogger } from '../../../logger.ts';
import { outboxOnlyMailer, smtpMailer } from '../../../mail/mailer.ts';
import { deliverMailJob } from '../../../mail/deliverJob.ts';
import { Worker } from '../../../jobs/worker.ts';
import { issuePassedApplicationJob } from '../../earning/jobs.ts';
import type { JobDefinition } from '../../../jobs/definition.ts';
import type { Storage } from '../../../storage/database.ts';
import type { ManualClock } from '../../../domain/clock.ts';
import { formatMoney, parseMajorAmount } from '../../../domain/money.ts';
import { approvedSessions } from '../../../testing/sessionFixtures.ts';
import { designSchema } from '../../catalog/microCredential.ts';
import { byLabel, formOfButton, linkHref, pageText, rowsByHeader } from '../../../testing/pageQueries.ts';
import { loadProofApplication, loadQueue } from '../pages/proofLoaders.ts';

const CHOOSE = 'Choose your certificate (PDF, PNG or JPEG, up to 10 MB)';
const REPLACE = 'Replace the certificate (PDF, PNG or JPEG, up to 10 MB)';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const PROGRAMS = ['Acme CE — Trauma-Informed Care (2026)', 'Beta Learning — Ethics in Telehealth'];

const smtp = await startSmtpSink();
after(() => smtp.close());

type Json = { status: number; body: unknown };
const err = (r: Json) => (r.body as { error: { message: string; fields: Record<string, string> } }).error;

async function upload(
  b: TestBrowser,
  appId: string,
  bytes: Uint8Array | null,
  name = 'certificate.pdf',
): Promise<Response> {
  const form = new FormData();
  form.append('_csrf', await b.csrf());
  if (bytes) form.append('certificate', new Blob([Buffer.from(bytes)]), name);
  return b.request('POST', `/applications/${appId}/certificate`, { body: form });
}

function issueWorker(storage: Storage, clock: ManualClock) {
  return new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: outboxOnlyMailer,
      config: testConfig(),
      credentials: testCredentialServices(),
    },
    jobs: [issuePassedApplicationJob as JobDefinition<unknown>],
    concurrency: 1,
    pollMs: 20,
  });
}

function mailWorker(storage: Storage, clock: ManualClock) {
  return new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: smtpMailer(smtp.url),
      config: testConfig({ MAIL_FROM: 'Cairn <badges@cairn.test>' }),
    },
    jobs: [deliverMailJob as JobDefinition<unknown>],
    concurrency: 2,
    pollMs: 20,
  });
}

describe('money and fee validation (pure)', () => {
  test('amounts in minor units per currency; negative fees and unknown currencies are refused with clear messages', () => {
    assert.equal(formatMoney(2500, 'USD'), 'USD 25.00');
    assert.equal(formatMoney(2500, 'JPY'), 'JPY 2500');
    assert.equal(parseMajorAmount('25', 'USD'), 2500);
    assert.equal(parseMajorAmount('25.5', 'EUR'), 2550);
    assert.equal(parseMajorAmount('25.505', 'USD'), null, 'more decimals than the currency has');
    assert.equal(parseMajorAmount('abc', 'USD'), null);
    const base = { title: 'Fee check', earningMode: 'proof_of_completion' };
    const negative = designSchema.safeParse({ ...base, applicationFeeCents: -100 });
    assert.equal(negative.error?.issues[0]?.message, 'The fee cannot be negative.');
    const currency = designSchema.safeParse({
      ...base,
      applicationFeeCents: 100,
      applicationFeeCurrency: 'XYZ',
    });
    assert.match(currency.error?.issues[0]?.message ?? '', /three-letter ISO currency code/);
    const ok = designSchema.parse({ ...base, applicationFeeCents: 100, applicationFeeCurrency: 'eur' });
    assert.equal(ok.applicationFeeCurrency, 'EUR');
    assert.ok(
      designSchema.safeParse({ title: 'Old design', approvedPrograms: ['Acme — Old'] }).success,
      'a design naming the former free-text list stays valid (sessions are rows now)',
    );
  });
});

for (const backend of testBackends()) {
  describe(`applying with proof and a fee (${backend.name})`, () => {
    test('invoice, certificate, no issue before payment, mark paid with receipt by SMTP, approve, issued once; tenancy', async () => {
      const storage = await backend.storage();
      const { app, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff, earner, staffEarner, stranger] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db, { name: 'Sam Staff' }),
        buildUser(storage.db, { name: 'Ada Applicant' }),
        buildUser(storage.db),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['issuing_staff']);
      await addMember(storage.db, org.id, staffEarner.id, ['issuing_staff']);
      const foreign = await buildOrganisation(storage.db, { kind: 'issuer' });
      const foreignOwner = await buildUser(storage.db);
      await addMember(storage.db, foreign.id, foreignOwner.id, ['owner']);
      const login = (u: { email: string; password: string }) => loggedIn(app, u);

      // Design with a fee: bad fees are refused with clear messages, through the API and the designer form.
      const d = await login(designer);
      const designs = `/api/v1/orgs/${org.slug}/micro-credentials`;
      const design = (extra: Record<string, unknown>) =>
        completeDesign(`Trauma-informed practice ${unique('')}`, {
          earningMode: 'proof_of_completion',
          evidenceParts: [],
          rubric: undefined,
          ...extra,
        });
      const negative = await d.postJson(designs, design({ applicationFeeCents: -2500 }));
      assert.equal(negative.status, 422);
      assert.equal(err(negative).fields.applicationFeeCents, 'The fee cannot be negative.');
      const badCurrency = await d.postJson(
        designs,
        design({ applicationFeeCents: 2500, applicationFeeCurrency: 'DOLLARS' }),
      );
      assert.equal(badCurrency.status, 422);
      assert.match(err(badCurrency).fields.applicationFeeCurrency ?? '', /three-letter ISO currency code/);
      const noFee = ((await d.postJson(designs, design({}))).body as { publicId: string }).publicId;
      const formPage = await d.post(`/orgs/${org.slug}/micro-credentials/${noFee}/edit`, {
        title: `Form fee ${unique('')}`,
        earningMode: 'proof_of_completion',
        applicationFee: '-5',
        applicationFeeCurrency: 'USD',
      });
      assert.equal(formPage.status, 422);
      const formHtml = await formPage.text();
      assert.ok(pageText(formHtml).includes('The fee cannot be negative.'));
      assert.equal(byLabel(formHtml, 'Application fee (empty = free)').value, '-5', 'what was typed is kept');
      const formCurrency = await d.post(`/orgs/${org.slug}/micro-credentials/${noFee}/edit`, {
        title: `Form fee ${unique('')}`,
        earningMode: 'proof_of_completion',
        applicationFee: '25.00',
        applicationFeeCurrency: 'XYZ',
      });
      assert.equal(formCurrency.status, 422);
      const currencyField = byLabel(await formCurrency.text(), 'Fee currency (ISO code, e.g. USD)');
      assert.ok(
        currencyField.error?.startsWith('Use a three-letter ISO currency code'),
        currencyField.error ?? '',
      );
      const unpublishable = await d.postJson(`${designs}/${noFee}/publish`, {});
      assert.equal(unpublishable.status, 422);
      assert.match(err(unpublishable).fields.applicationFeeCents ?? '', /Set the application fee/);
      const created = await d.postJson(
        designs,
        design({ applicationFeeCents: 2500, applicationFeeCurrency: 'usd' }),
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { publicId: mc, slug } = created.body as { publicId: string; slug: string };
      assert.equal((await d.postJson(`${designs}/${mc}/publish`, {})).status, 200);
      const [firstSession] = await approvedSessions(storage.db, mc, PROGRAMS);

      // The earner sees the fee and the programs, and must pick a pre-approved program.
      const e = await login(earner);
      const catalogHtml = await (await e.get(`/catalog/${org.slug}/${slug}`)).text();
      assert.equal(
        formOfButton(catalogHtml, 'Apply (fee $25.00)')?.action,
        `/catalog/${org.slug}/${slug}/apply`,
        'the fee, written the reader’s way, is on the button',
      );
      assert.ok(pageText(catalogHtml).includes('Beta Learning — Ethics in Telehealth'));
      const noProgram = await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {});
      assert.equal(noProgram.status, 422);
      assert.equal(err(noProgram).fields.session, 'Choose the pre-approved session you completed.');
      const unknownProgram = await e.postJson(`/api/v1/micro-credentials/${mc}/apply`, {
        program: 'Some other course',
      });
      assert.equal(
        err(unknownProgram).fields.session,
        'That session is not among the pre-approved sessions.',
      );
      const applied = await e.post(`/catalog/${org.slug}/${slug}/apply`, { session: firstSession! });
      assert.equal(applied.status, 303);
      const appId = /\/applications\/(app_[a-z0-9]+)/.exec(applied.headers.get('location') ?? '')?.[1];
      assert.ok(appId);
      const invoice = await lastMailTo(storage.db, earner.email);
      assert.equal(invoice.mail?.template, 'payment_invoice');
      assert.ok(invoice.mail?.subject.startsWith('Invoice INV-000001: $25.00 for “'), invoice.mail?.subject);
      assert.ok(invoice.mail?.text_body?.includes('quoting invoice INV-000001'));
      const payment = (await e.getJson(`/api/v1/applications/${appId}/payment`)).body as {
        id: string;
        invoiceNumber: string;
        state: string;
        amountMinor: number;
        currency: string;
        instructions: string;
      };
      assert.deepEqual(
        [payment.invoiceNumber, payment.state, payment.amountMinor, payment.currency],
        ['INV-000001', 'pending', 2500, 'USD'],
      );
      // How to pay is kept as facts and worded when shown: English for the JSON API.
      const stored = await storage.db
        .selectFrom('payments')
        .select(['instruction_facts', 'instructions'])
        .where('public_id', '=', payment.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [stored.instruction_facts?.kind, stored.instruction_facts?.payee, stored.instructions],
        ['transfer', org.name, ''],
      );
      assert.ok(payment.instructions.startsWith(`Pay $25.00 to ${org.name} by bank transfer or cheque`));
      const appHtml = await (await e.get(`/applications/${appId}`)).text();
      assert.ok(pageText(appHtml).includes('Invoice INV-000001: $25.00 · Awaiting payment'));
      const proofModel = await loadProofApplication(storage.db, earner.id, appId, clock.now());
      assert.deepEqual(
        proofModel.payment && [
          proofModel.payment.invoiceNumber,
          proofModel.payment.amountMinor,
          proofModel.payment.state,
        ],
        ['INV-000001', 2500, 'pending'],
      );
      assert.ok(proofModel.program?.startsWith('Acme CE — Trauma-Informed Care'), proofModel.program ?? '');

      // Certificate: missing, wrong type, then a PDF; nothing saved is lost by a bad upload.
      const early = await e.post(`/applications/${appId}/proof/submit`);
      assert.equal(early.status, 422);
      assert.equal(
        byLabel(await early.text(), CHOOSE).error,
        'Upload your certificate of completion before submitting.',
      );
      const none = await upload(e, appId, null);
      assert.equal(none.status, 422);
      assert.equal(
        byLabel(await none.text(), CHOOSE).error,
        'Choose your certificate of completion (a PDF or an image).',
      );
      // A scanned certificate of a few megabytes is fine (up to 10 MB).
      const scan = new Uint8Array(3 * 1024 * 1024);
      scan.set(PDF);
      assert.equal((await upload(e, appId, scan, 'scan.pdf')).status, 303);
      assert.equal((await upload(e, appId, PDF)).status, 303);
      const wrong = await upload(e, appId, new TextEncoder().encode('just some text'), 'cert.txt');
      assert.equal(wrong.status, 422);
      const wrongHtml = await wrong.text();
      assert.equal(byLabel(wrongHtml, REPLACE).error, 'Upload the certificate as a PDF, PNG or JPEG file.');
      assert.ok(
        linkHref(wrongHtml, 'certificate.pdf')?.startsWith('/evidence-files/file_'),
        'the earlier upload is kept',
      );
      assert.equal((await e.post(`/applications/${appId}/proof/submit`)).status, 303);
      assert.equal(
        ((await e.getJson(`/api/v1/applications/${appId}`)).body as { status: string }).status,
        'submitted',
      );
      const attempt = await storage.db
        .selectFrom('attempts as a')
        .innerJoin('applications as p', 'p.id', 'a.application_id')
        .select(['a.reviewer_user_id'])
        .where('p.public_id', '=', appId)
        .executeTakeFirstOrThrow();
      assert.equal(attempt.reviewer_user_id, null, 'no peer reviewer: staff decide');

      // Staff see it in the queue; approving before payment is refused clearly.
      const s = await login(staff);
      assert.equal((await s.get(`/orgs/${org.slug}/proof-queue`)).status, 200);
      const waiting = (await loadQueue(storage.db, staff.id, org.slug)).open;
      assert.deepEqual(
        waiting.map((a) => [a.earner, a.payment?.invoiceNumber, a.certificate?.filename, a.decidable]),
        [['Ada Applicant', 'INV-000001', 'certificate.pdf', true]],
      );
      const unpaid = await s.post(`/orgs/${org.slug}/proof-queue/${appId}/approve`);
      assert.equal(unpaid.status, 409);
      assert.ok(
        pageText(await unpaid.text()).includes(
          'The fee has not been paid: invoice INV-000001 (USD 25.00) is pending. Mark it paid before approving',
        ),
      );
      const unpaidJson = await s.postJson(`/api/v1/orgs/${org.slug}/applications/${appId}/approve`, {});
      assert.equal(unpaidJson.status, 409);
      assert.match(err(unpaidJson).message, /badge can only be issued after payment/);

      // Nobody outside the organisation, and not the earner, can mark it paid or see the queue.
      assert.equal(
        (await e.postJson(`/api/v1/orgs/${org.slug}/payments/${payment.id}/mark-paid`, { reference: 'SELF' }))
          .status,
        404,
        'the earner is not staff',
      );
      const fo = await login(foreignOwner);
      assert.equal((await fo.get(`/orgs/${org.slug}/proof-queue`)).status, 404);
      assert.equal(
        (await fo.postJson(`/api/v1/orgs/${org.slug}/payments/${payment.id}/mark-paid`, { reference: 'X' }))
          .status,
        404,
      );
      assert.equal(
        (
          await fo.postJson(`/api/v1/orgs/${foreign.slug}/payments/${payment.id}/mark-paid`, {
            reference: 'X',
          })
        ).status,
        404,
        'through its own organisation',
      );
      assert.equal(
        (await fo.postJson(`/api/v1/orgs/${foreign.slug}/applications/${appId}/approve`, {})).status,
        404,
      );
      assert.equal((await fo.get(`/payments/${payment.id}/receipt`)).status, 404);
      assert.equal((await (await login(stranger)).get(`/payments/${payment.id}/receipt`)).status, 404);
      assert.equal(
        (await d.postJson(`/api/v1/orgs/${org.slug}/payments/${payment.id}/mark-paid`, { reference: 'X' }))
          .status,
        403,
        'a designer may not',
      );

      // A member of staff who applies cannot mark their own invoice paid.
      const se = await login(staffEarner);
      const own = (await se.postJson(`/api/v1/micro-credentials/${mc}/apply`, { program: PROGRAMS[1] }))
        .body as { publicId: string; payment: { publicId: string; invoiceNumber: string } };
      assert.equal(own.payment.invoiceNumber, 'INV-000002', 'per-organisation sequence');
      const selfPaid = await se.postJson(
        `/api/v1/orgs/${org.slug}/payments/${own.payment.publicId}/mark-paid`,
        { reference: 'MINE' },
      );
      assert.equal(selfPaid.status, 403);
      assert.match(err(selfPaid).message, /cannot mark your own payment paid/);

      // Mark paid: a reference is required; the receipt goes out by SMTP.
      const noRef = await s.post(`/orgs/${org.slug}/payments/${payment.id}/mark-paid`, { reference: ' ' });
      assert.equal(noRef.status, 422);
      assert.ok(
        pageText(await noRef.text()).includes('Enter the payment reference (transfer or cheque number).'),
      );
      assert.equal(
        (await s.post(`/orgs/${org.slug}/payments/${payment.id}/mark-paid`, { reference: 'TRF-7781' }))
          .status,
        303,
      );
      assert.equal(
        (
          await s.postJson(`/api/v1/orgs/${org.slug}/payments/${payment.id}/mark-paid`, {
            reference: 'TRF-7781',
          })
        ).status,
        409,
        'only once',
      );
      await mailWorker(storage, clock).drain();
      const receipt = smtp.received.find(
        (m) =>
          m.subject === 'Receipt for invoice INV-000001 ($25.00)' &&
          m.text?.includes(`/payments/${payment.id}/receipt`),
      );
      assert.ok(receipt, 'the receipt was delivered over SMTP');
      assert.ok(receipt.text?.includes('(reference TRF-7781)'));
      const receiptHtml = await (await e.get(`/payments/${payment.id}/receipt`)).text();
      const rows = rowsByHeader(receiptHtml, 'Receipt INV-000001');
      assert.deepEqual([rows.Amount, rows.Status, rows['Payment reference']], ['$25.00', 'Paid', 'TRF-7781']);
      assert.equal((await s.get(`/payments/${payment.id}/receipt`)).status, 200, 'staff see it too');

      // Approve: issued by the job, exactly once.
      assert.equal((await s.post(`/orgs/${org.slug}/proof-queue/${appId}/approve`)).status, 303);
      assert.equal((await lastMailTo(storage.db, earner.email)).mail?.template, 'proof_approved');
      assert.equal(
        (await s.postJson(`/api/v1/orgs/${org.slug}/applications/${appId}/approve`, {})).status,
        409,
        'already approved',
      );
      await issueWorker(storage, clock).drain();
      await issueWorker(storage, clock).drain();
      const done = (await e.getJson(`/api/v1/applications/${appId}`)).body as {
        status: string;
        credential: string;
      };
      assert.equal(done.status, 'passed');
      const issued = await storage.db
        .selectFrom('credentials')
        .select(['public_id', 'document'])
        .where('recipient_email', '=', earner.email)
        .execute();
      assert.equal(issued.length, 1, 'issued once');
      assert.equal(issued[0]!.public_id, done.credential);
      const doc = JSON.parse(issued[0]!.document) as {
        credentialSubject: { result: Array<{ value: string }> };
      };
      assert.equal(doc.credentialSubject.result[0]?.value, 'Certificate of completion approved');

      // Staff wrote no note: none is stored in its place; the earner's page words the approval in
      // the earner's language.
      assert.deepEqual((await loadProofApplication(storage.db, earner.id, appId, clock.now())).decisions, [
        { passed: true, feedback: null },
      ]);
      const decisionIn = async () => pageText(await (await e.get(`/applications/${appId}`)).text());
      assert.ok((await decisionIn()).includes('Certificate of completion approved.'));
      await storage.db.updateTable('users').set({ locale: 'es' }).where('id', '=', earner.id).execute();
      assert.ok((await decisionIn()).includes('Certificado de finalización aprobado.'));
      await storage.db.updateTable('users').set({ locale: null }).where('id', '=', earner.id).execute();

      const actions = (
        await storage.db
          .selectFrom('audit_events')
          .select('action')
          .where('organisation_id', '=', org.id)
          .where('subject_id', 'in', [appId, payment.id])
          .orderBy('id')
          .execute()
      ).map((a) => a.action);
      assert.deepEqual(actions, [
        'application.created',
        'payment.created',
        'application.submitted',
        'payment.marked_paid',
        'application.approved',
      ]);
    });

    test('reject with reasons emailed, refund recorded on the payment, and the earner may apply again', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const [designer, staff, earner] = await Promise.all([
        buildUser(storage.db),
        buildUser(storage.db),
        buildUser(storage.db),
      ]);
      await addMember(storage.db, org.id, designer.id, ['designer']);
      await addMember(storage.db, org.id, staff.id, ['admin']);
      const d = await loggedIn(app, designer);
      const created = (
        await d.postJson(
          `/api/v1/orgs/${org.slug}/micro-credentials`,
          completeDesign(`Ethics ${unique('')}`, {
            earningMode: 'proof_of_completion',
            evidenceParts: [],
            rubric: undefined,
            applicationFeeCents: 4000,
            applicationFeeCurrency: 'EUR',
          }),
        )
      ).body as { publicId: string };
      await d.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${created.publicId}/publish`, {});
      const e = await loggedIn(app, earner);
      const applied = (await e.postJson(`/api/v1/micro-credentials/${created.publicId}/apply`, {})).body as {
        publicId: string;
        payment: { publicId: string; invoiceNumber: string };
      };
      assert.equal(applied.payment.invoiceNumber, 'INV-000001');
      const form = new FormData();
      form.append('certificate', new Blob([Buffer.from(PNG)]), 'scan.png');
      const api = await e.request('POST', `/api/v1/applications/${applied.publicId}/certificate`, {
        body: form,
        headers: { accept: 'application/json', 'x-csrf-token': await e.csrf() },
      });
      assert.equal(api.status, 201);
      assert.deepEqual((await e.postJson(`/api/v1/applications/${applied.publicId}/proof/submit`, {})).body, {
        attempt: 1,
      });
      const s = await loggedIn(app, staff);
      const queue = (await s.getJson(`/api/v1/orgs/${org.slug}/proof-queue`)).body as {
        applications: Array<{ id: string; payment: { state: string; amount: string } }>;
      };
      assert.deepEqual(
        queue.applications.map((a) => [a.id, a.payment.state, a.payment.amount]),
        [[applied.publicId, 'pending', 'EUR 40.00']],
      );
      assert.equal(
        (
          await s.postJson(`/api/v1/orgs/${org.slug}/payments/${applied.payment.publicId}/refund`, {
            reason: 'x',
          })
        ).status,
        409,
        'nothing paid yet',
      );
      assert.equal(
        (
          await s.postJson(`/api/v1/orgs/${org.slug}/payments/${applied.payment.publicId}/mark-paid`, {
            reference: 'CHQ 1044',
          })
        ).status,
        200,
      );

      const noReasons = await s.post(`/orgs/${org.slug}/proof-queue/${applied.publicId}/reject`, {
        reasons: '',
      });
      assert.equal(noReasons.status, 422);
      assert.ok(pageText(await noReasons.text()).includes('Write the reasons for the earner.'));
      assert.equal(
        (
          await s.post(`/orgs/${org.slug}/proof-queue/${applied.publicId}/reject`, {
            reasons: 'The certificate is from a program that is not pre-approved.',
          })
        ).status,
        303,
      );
      const rejected = await lastMailTo(storage.db, earner.email);
      assert.equal(rejected.mail?.template, 'proof_rejected');
      assert.ok(rejected.mail?.text_body?.includes('not pre-approved'));
      assert.ok(rejected.mail?.text_body?.includes('Your fee of €40.00 (invoice INV-000001)'));
      assert.equal(
        ((await e.getJson(`/api/v1/applications/${applied.publicId}`)).body as { status: string }).status,
        'rejected',
      );
      assert.equal((await e.get(`/applications/${applied.publicId}`)).status, 200);
      assert.deepEqual(
        (await loadProofApplication(storage.db, earner.id, applied.publicId, new Date())).decisions,
        [{ passed: false, feedback: 'The certificate is from a program that is not pre-approved.' }],
      );
      assert.equal(
        (await s.postJson(`/api/v1/orgs/${org.slug}/applications/${applied.publicId}/approve`, {})).status,
        409,
        'a rejected application cannot be approved',
      );

      const decided = await (await s.get(`/orgs/${org.slug}/proof-queue`)).text();
      assert.ok(
        formOfButton(decided, 'Record refund'),
        'a paid fee of a decided application can be refunded',
      );
      const noWhy = await s.post(`/orgs/${org.slug}/payments/${applied.payment.publicId}/refund`, {
        reason: '',
      });
      assert.equal(noWhy.status, 422);
      assert.ok(pageText(await noWhy.text()).includes('Write why the fee is refunded.'));
      assert.equal(
        (
          await s.post(`/orgs/${org.slug}/payments/${applied.payment.publicId}/refund`, {
            reason: 'Program not approved',
            reference: 'TRF-OUT-9',
          })
        ).status,
        303,
      );
      const refunded = (await e.getJson(`/api/v1/applications/${applied.publicId}/payment`)).body as {
        state: string;
        refundReference: string;
      };
      assert.deepEqual([refunded.state, refunded.refundReference], ['refunded', 'TRF-OUT-9']);
      assert.equal((await lastMailTo(storage.db, earner.email)).mail?.template, 'payment_refunded');
      assert.equal(
        (
          await s.postJson(`/api/v1/orgs/${org.slug}/payments/${applied.payment.publicId}/refund`, {
            reason: 'again',
          })
        ).status,
        409,
        'refunded once',
      );
      const actions = (
        await storage.db
          .selectFrom('audit_events')
          .select('action')
          .where('organisation_id', '=', org.id)
          .where('subject_id', 'in', [applied.publicId, applied.payment.publicId])
          .orderBy('id')
          .execute()
      ).map((a) => a.action);
      assert.deepEqual(actions, [
        'application.created',
        'payment.created',
        'application.submitted',
        'payment.marked_paid',
        'application.rejected',
        'payment.refunded',
      ]);

      const again = await e.postJson(`/api/v1/micro-credentials/${created.publicId}/apply`, {});
      assert.equal(again.status, 201, 'a rejected application is closed');
      assert.equal(
        (again.body as { payment: { invoiceNumber: string } }).payment.invoiceNumber,
        'INV-000002',
      );
      assert.equal(
        (
          await e.postJson(
            `/api/v1/applications/${(again.body as { publicId: string }).publicId}/withdraw`,
            {},
          )
        ).status,
        200,
      );
      const cancelled = await storage.db
        .selectFrom('payments')
        .select('state')
        .where('invoice_number', '=', 'INV-000002')
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.equal(cancelled.state, 'cancelled', 'withdrawing cancels the open invoice');
    });
  });
}
