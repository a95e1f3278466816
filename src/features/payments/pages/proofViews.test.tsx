import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { designSchema } from '../../catalog/microCredential.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES, translator, type Locale } from '../../../web/i18n/i18n.ts';
import type { RenderedMail } from '../../../mail/templates.tsx';
import { invoiceMail, proofApprovedMail, proofRejectedMail, receiptMail, refundMail } from '../mail.tsx';
import {
  ProofApplicationView,
  ProofApplyForm,
  ReceiptView,
  type ProofApplicationModel,
} from './proofViews.tsx';
import { QueueView, type QueueItem, type QueueModel } from './queueViews.tsx';

// The proof-and-fees pages and the fee emails in words from the catalogue, in every language;
// money written the reader's way (Intl currency formatting).

const at = new Date('2026-03-04T10:05:00Z');
const design = designSchema.parse({
  title: 'Trauma-informed practice',
  earningMode: 'proof_of_completion',
  applicationFeeCents: 2500,
  applicationFeeCurrency: 'USD',
});
const sessions = [{ publicId: 'ses_1', label: 'Acme CE — Trauma-Informed Care', startsOn: '2026-05-01' }];
const application: ProofApplicationModel = {
  title: 'Trauma-informed practice',
  status: 'in_progress',
  program: 'Acme CE — Trauma-Informed Care',
  deadline: at,
  editable: true,
  withdrawable: true,
  daysLeft: 12,
  credential: null,
  actions: { submit: '/s', withdraw: '/w', certificate: '/c' },
  certificate: { filename: 'certificate.pdf', href: '/evidence-files/file_1' },
  payment: {
    invoiceNumber: 'INV-000001',
    amountMinor: 2500,
    currency: 'USD',
    state: 'pending',
    instructions: 'Pay by transfer.',
    receiptHref: '/payments/pay_1/receipt',
  },
  decisions: [],
};
const decided: ProofApplicationModel = {
  ...application,
  status: 'passed',
  editable: false,
  withdrawable: false,
  credential: { publicId: 'cred_1', href: '/badges/cred_1' },
  certificate: null,
  payment: { ...application.payment!, state: 'paid' },
  decisions: [
    { passed: true, feedback: 'Certificate of completion approved.' },
    { passed: false, feedback: 'Not a pre-approved program.' },
  ],
};
const item: QueueItem = {
  publicId: 'app_1',
  earner: 'Ada Applicant',
  title: 'Trauma-informed practice',
  status: 'submitted',
  appliedOn: at,
  program: 'Acme CE — Trauma-Informed Care',
  certificate: { filename: 'certificate.pdf', href: '/evidence-files/file_1' },
  payment: {
    publicId: 'pay_1',
    invoiceNumber: 'INV-000001',
    amountMinor: 4000,
    currency: 'EUR',
    state: 'pending',
    receiptHref: '/payments/pay_1/receipt',
    markPaidAction: '/m',
    refundAction: '/r',
  },
  decidable: true,
  approveAction: '/a',
  rejectAction: '/j',
};
const refusal: FormState = {
  values: { reasons: '' },
  errors: { reasons: 'Write the reasons.' },
  message: 'Fix it.',
};
const queue: QueueModel = {
  organisation: { name: 'Union Academy', slug: 'union' },
  open: [item, { ...item, publicId: 'app_2', certificate: null, payment: null, program: null }],
  decided: [
    {
      ...item,
      publicId: 'app_3',
      status: 'rejected',
      decidable: false,
      payment: { ...item.payment!, state: 'paid' },
    },
  ],
  form: refusal,
  formFor: 'app_1',
};
const receipt = {
  paid: true,
  invoiceNumber: 'INV-000001',
  from: 'Union Academy',
  to: 'Ada Applicant',
  title: 'Trauma-informed practice',
  amountMinor: 2500,
  currency: 'USD',
  issuedOn: at,
  state: 'refunded',
  paidOn: at,
  reference: 'TRF-7781',
  refund: { on: at, reference: null },
  provider: { name: 'manual', label: 'Invoice' },
  instructions: null,
};
const DATA = [
  'Trauma-informed practice',
  'Acme CE — Trauma-Informed Care (2026-05-01)',
  'Acme CE — Trauma-Informed Care',
  'certificate.pdf',
  'INV-000001',
  'Pay by transfer.',
  'cred_1',
  'Certificate of completion approved.',
  'Not a pre-approved program.',
  'Ada Applicant',
  'Union Academy',
  'TRF-7781',
  'Write the reasons.',
  'Fix it.',
];

const views = () => [
  <ProofApplyForm d={design} orgSlug="union" mcSlug="tip" loggedIn csrfToken="c" sessions={sessions} />,
  <ProofApplyForm
    d={{ ...design, applicationFeeCents: 0 }}
    orgSlug="union"
    mcSlug="tip"
    loggedIn
    csrfToken="c"
    sessions={[]}
  />,
  <ProofApplyForm d={design} orgSlug="union" mcSlug="tip" loggedIn={false} csrfToken="c" sessions={[]} />,
  <ProofApplicationView model={application} form={emptyForm} csrfToken="c" />,
  <ProofApplicationView model={{ ...application, certificate: null }} form={emptyForm} csrfToken="c" />,
  <ProofApplicationView model={decided} form={emptyForm} csrfToken="c" />,
  <QueueView model={queue} csrfToken="c" />,
  <QueueView model={{ ...queue, open: [], decided: [], form: emptyForm }} csrfToken="c" />,
  <ReceiptView model={receipt} />,
  <ReceiptView
    model={{
      ...receipt,
      paid: false,
      state: 'pending',
      paidOn: null,
      reference: null,
      refund: null,
      instructions: 'Pay by transfer.',
    }}
  />,
];

const link = 'https://cairn.test/payments/pay_1/receipt';
/** How to pay, as the manual provider keeps it: facts, worded when the mail is written. */
const transfer = {
  kind: 'transfer',
  amountMinor: 2500,
  currency: 'USD',
  payee: 'Union Academy',
  reference: 'INV-000001',
} as const;
const money = { amountMinor: 2500, currency: 'USD' };
const mails = (who: { locale?: Locale; i18n?: ReturnType<typeof translator> }): RenderedMail[] => {
  const v = { name: 'Ada Applicant', title: 'Trauma-informed practice', link, ...who };
  return [
    invoiceMail({ ...v, ...money, invoiceNumber: 'INV-000001', instructions: transfer }),
    receiptMail({ ...v, ...money, invoiceNumber: 'INV-000001', reference: 'TRF-7781', paidOn: at }),
    proofApprovedMail(v),
    proofRejectedMail({ ...v, reasons: 'Not a pre-approved program.', fee: { kind: 'none' } }),
    proofRejectedMail({
      ...v,
      reasons: 'Not a pre-approved program.',
      fee: { kind: 'paid', ...money, invoiceNumber: 'INV-000001', organisation: 'Union Academy' },
    }),
    proofRejectedMail({
      ...v,
      reasons: 'Not a pre-approved program.',
      fee: { kind: 'cancelled', invoiceNumber: 'INV-000001' },
    }),
    refundMail({ ...v, ...money, invoiceNumber: 'INV-000001', reference: 'TRF-OUT-9' }),
  ];
};

describe('proof-and-fees pages and emails', () => {
  test('show no text outside the catalogue', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('the emails have no text outside the catalogue (subject, HTML and plain text)', () => {
    for (const locale of LOCALES)
      for (const m of mails({ i18n: translator(locale, { pseudo: true }) })) {
        const data = [...DATA, 'TRF-OUT-9', link];
        assert.deepEqual(textsOutsideCatalogue(`<p>${m.subject}</p>`, data), [], `${m.template} subject`);
        assert.deepEqual(textsOutsideCatalogue(m.html, [...data, 'Cairn']), [], `${m.template} (${locale})`);
        const lines = m.text.split('\n').map((l) => `<p>${l.replace(/: https:\S+$/, '')}</p>`);
        assert.deepEqual(textsOutsideCatalogue(lines.join(''), data), [], `${m.template} text`);
      }
  });

  test('speak Spanish, with money and dates the Spanish way', () => {
    const es = CATALOGUES.es.payments;
    // Intl puts a no-break space between an amount and its currency.
    const html = views()
      .map((v) => renderIn('es', v))
      .join('')
      .replace(/\u00a0/g, ' ');
    for (const text of [
      es.apply.lead,
      es.fee.heading,
      es.queue.approve,
      es.receipt.print,
      es.paymentState.pending,
    ])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('Solicitar (tasa de 25,00 US$)'), 'the fee, Intl-formatted');
    assert.ok(html.includes('40,00 €'), 'euros');
    assert.ok(html.includes('Quedan 12 días para enviarla (hasta el 4 mar 2026)'));
    assert.ok(!html.includes('Awaiting payment') && !html.includes('Record refund'));
    const [invoice, receiptMailEs] = mails({ locale: 'es' });
    assert.equal(invoice?.subject, 'Factura INV-000001: 25,00\u00a0US$ por «Trauma-informed practice»');
    assert.ok(
      invoice?.text
        .replace(/\u00a0/g, ' ')
        .includes('Paga 25,00 US$ a Union Academy por transferencia bancaria'),
      'how to pay, worded in Spanish from the stored facts',
    );
    assert.ok(receiptMailEs?.text.includes('el 4 mar 2026 (referencia TRF-7781)'));
    assert.ok(receiptMailEs?.html.includes('lang="es"'), 'the mail says its language');
  });

  test('an approval without a note is worded in the reader’s language; staff’s note and older stored text as written', () => {
    const decision = (feedback: string | null) =>
      ({ ...decided, decisions: [{ passed: true, feedback }] }) satisfies ProofApplicationModel;
    const page = (locale: Locale, feedback: string | null) =>
      renderIn(locale, <ProofApplicationView model={decision(feedback)} form={emptyForm} csrfToken="c" />);
    assert.ok(page('es', null).includes('Certificado de finalización aprobado.'));
    assert.ok(page('en', null).includes('Certificate of completion approved.'));
    const note = 'Certificado revisado: sesión del 1 de mayo.';
    assert.ok(
      page('en', note).includes(note) && !page('en', note).includes('Certificate of completion approved.'),
    );
    // An approval decided before no text was stored in place of a note keeps its English.
    const older = page('es', 'Certificate of completion approved.');
    assert.ok(
      older.includes('Certificate of completion approved.') &&
        !older.includes('Certificado de finalización aprobado.'),
    );
  });

  test('English by default: money with Intl’s symbol', () => {
    const [invoice, receiptMailEn] = mails({});
    assert.equal(invoice?.subject, 'Invoice INV-000001: $25.00 for “Trauma-informed practice”');
    assert.ok(
      invoice?.text.includes(
        'Pay $25.00 to Union Academy by bank transfer or cheque, quoting invoice INV-000001.',
      ),
    );
    assert.equal(receiptMailEn?.subject, 'Receipt for invoice INV-000001 ($25.00)');
  });
});
