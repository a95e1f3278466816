import { applyPath, catalogEntryPath, CERTIFICATE_PART, type Design } from '../../catalog/index.ts';
import { ActionButton, CsrfField, ErrorSummary, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { ApplicationHeading } from '../../earning/index.ts';
import { moneyWords } from '../moneyWords.ts';
import { instructionWords, type StoredInstructions } from '../instructions.ts';

/** The views of the earner's proof-and-fees pages: pure JSX of their models (the routes load and render). */

const STATUSES = [
  'in_progress',
  'submitted',
  'in_review',
  'needs_revision',
  'passed',
  'rejected',
  'expired',
  'withdrawn',
] as const;
const PAYMENT_STATES = ['pending', 'paid', 'refunded', 'cancelled'] as const;

/** A proof-of-completion application's status in the reader's words (its code if unknown). */
export function statusWords(t: Translator['t'], status: string): string {
  return (STATUSES as readonly string[]).includes(status)
    ? t(`payments.status.${status as (typeof STATUSES)[number]}`)
    : status;
}

/** A fee payment's state in the reader's words (its code if unknown). */
export function paymentStateWords(t: Translator['t'], state: string): string {
  return (PAYMENT_STATES as readonly string[]).includes(state)
    ? t(`payments.paymentState.${state as (typeof PAYMENT_STATES)[number]}`)
    : state;
}

/** A pre-approved session an earner may name when applying. */
export interface SessionOption {
  publicId: string;
  label: string;
  startsOn: string | null;
}

/** On the catalog page: apply with a certificate of completion, naming the session and showing the fee. */
export function ProofApplyForm({
  d,
  orgSlug,
  mcSlug,
  loggedIn,
  csrfToken,
  sessions,
  chosenSession,
}: {
  d: Design;
  orgSlug: string;
  mcSlug: string;
  loggedIn: boolean;
  csrfToken: string;
  /** The micro-credential's approved sessions (none: any program may be named, or none). */
  sessions: SessionOption[];
  /** The session an invitation link chose. */
  chosenSession?: string | undefined;
}) {
  const { t, number } = useT();
  const fee = d.applicationFeeCents
    ? moneyWords(number, d.applicationFeeCents, d.applicationFeeCurrency)
    : null;
  if (!loggedIn) {
    const back = `${catalogEntryPath(orgSlug, mcSlug)}${chosenSession ? `?session=${encodeURIComponent(chosenSession)}` : ''}`;
    return (
      <p>
        <a class="button" href={`/login?next=${encodeURIComponent(back)}`}>
          {t('payments.apply.logIn')}
        </a>
      </p>
    );
  }
  return (
    <form method="post" action={applyPath(orgSlug, mcSlug)} class="card stack">
      <CsrfField token={csrfToken} />
      <p>
        {t('payments.apply.lead')} {fee ? t('payments.apply.fee', { fee }) : t('payments.apply.noFee')}{' '}
        {t('payments.apply.decisions')}
      </p>
      {sessions.length > 0 && (
        <>
          <label for="f-session">{t('payments.apply.session')}</label>
          <select id="f-session" name="session" required>
            <option value="">{t('payments.apply.chooseSession')}</option>
            {sessions.map((s) => (
              <option value={s.publicId} selected={s.publicId === chosenSession}>
                {s.startsOn ? `${s.label} (${s.startsOn})` : s.label}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit">
        {fee ? t('payments.apply.buttonWithFee', { fee }) : t('payments.apply.button')}
      </button>
    </form>
  );
}

/** An application's fee, as its earner sees it. */
export interface ProofPayment {
  invoiceNumber: string;
  amountMinor: number;
  currency: string;
  state: string;
  /** How to pay: the provider's facts (worded here), or the text stored with an older payment. */
  instructions: StoredInstructions;
  receiptHref: string;
}

/** What the earner's page of a proof-of-completion application shows. */
export interface ProofApplicationModel {
  title: string;
  status: string;
  program: string | null;
  deadline: Date;
  editable: boolean;
  /** Withdrawing is offered (not yet decided). */
  withdrawable: boolean;
  daysLeft: number;
  credential: { publicId: string; href: string } | null;
  actions: { submit: string; withdraw: string; certificate: string };
  certificate: { filename: string; href: string } | null;
  payment: ProofPayment | null;
  /** Each decision, with what staff wrote (null: no note; an approval is then worded when shown). */
  decisions: Array<{ passed: boolean; feedback: string | null }>;
}

/** The earner's page of a proof-of-completion application: fee and invoice, certificate, submission, decision. */
export function ProofApplicationView({
  model: m,
  form,
  csrfToken,
}: {
  model: ProofApplicationModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t, date } = useT();
  return (
    <>
      <ApplicationHeading title={m.title} />
      <p role="status">
        <span class="tag">{statusWords(t, m.status)}</span>
        {m.program && <> · {t('payments.application.program', { program: m.program })}</>}
        {m.editable && (
          <> · {t('payments.application.daysLeft', { count: m.daysLeft, deadline: date(m.deadline) })}</>
        )}
        {m.credential && (
          <>
            {' '}
            · {t('payments.application.yourBadge')} <a href={m.credential.href}>{m.credential.publicId}</a>
          </>
        )}
      </p>
      <ErrorSummary form={form} />
      {m.payment && <FeeSection payment={m.payment} />}
      <CertificateSection model={m} form={form} csrfToken={csrfToken} />
      {m.editable && (
        <ActionButton
          action={m.actions.submit}
          csrfToken={csrfToken}
          label={t('payments.application.submit')}
        />
      )}{' '}
      {m.withdrawable && (
        <ActionButton
          action={m.actions.withdraw}
          csrfToken={csrfToken}
          label={t('payments.application.withdraw')}
          variant="danger"
        />
      )}
      {m.decisions.length > 0 && (
        <section class="card">
          <h2>{t('payments.application.decision')}</h2>
          {m.decisions.map((a) => (
            <div>
              <h3>{a.passed ? t('payments.application.approved') : t('payments.application.notApproved')}</h3>
              <p>{a.feedback ?? (a.passed ? t('payments.application.approvedWithoutNote') : '')}</p>
            </div>
          ))}
        </section>
      )}
    </>
  );
}

/** The application fee: its invoice, state, payment instructions and a printable copy. */
function FeeSection({ payment }: { payment: ProofPayment }) {
  const i18n = useT();
  const { t, number } = i18n;
  return (
    <section class="card" aria-labelledby="fee-heading">
      <h2 id="fee-heading">{t('payments.fee.heading')}</h2>
      <p>
        {t('payments.fee.invoice')} <strong>{payment.invoiceNumber}</strong>:{' '}
        {moneyWords(number, payment.amountMinor, payment.currency)} ·{' '}
        <span class="tag">{paymentStateWords(t, payment.state)}</span>
      </p>
      {payment.state === 'pending' && (
        <>
          <p>{instructionWords(i18n, payment.instructions)}</p>
          <p class="muted">{t('payments.fee.reviewWhileOpen')}</p>
        </>
      )}
      <p>
        <a href={payment.receiptHref}>
          {payment.state === 'paid' ? t('payments.fee.viewReceipt') : t('payments.fee.viewInvoice')}
        </a>
      </p>
    </section>
  );
}

/** The certificate of completion: what was uploaded and, while open, the upload form. */
function CertificateSection({
  model: { certificate, editable, actions },
  form,
  csrfToken,
}: {
  model: ProofApplicationModel;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="cert-heading">
      <h2 id="cert-heading">{t('payments.certificate.heading')}</h2>
      {form.errors.certificate && (
        <p id="f-certificate-error" class="error-text">
          {form.errors.certificate}
        </p>
      )}
      {certificate ? (
        <p>
          {t('payments.certificate.uploaded')} <a href={certificate.href}>{certificate.filename}</a>
        </p>
      ) : (
        <p>{t('payments.certificate.notUploaded')}</p>
      )}
      {editable && (
        <form method="post" action={actions.certificate} enctype="multipart/form-data" class="stack">
          <CsrfField token={csrfToken} />
          <label for="f-certificate">
            {certificate
              ? t('payments.certificate.replace', { size: CERTIFICATE_PART.maxSizeMb })
              : t('payments.certificate.choose', { size: CERTIFICATE_PART.maxSizeMb })}
          </label>
          <input
            id="f-certificate"
            name="certificate"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby={form.errors.certificate ? 'f-certificate-error' : undefined}
          />
          <button type="submit" class="secondary">
            {t('payments.certificate.upload')}
          </button>
        </form>
      )}
    </section>
  );
}

/** A printable invoice or receipt: who, what, how much and its state. */
export interface ReceiptModel {
  /** Paid or refunded: a receipt; otherwise an invoice. */
  paid: boolean;
  invoiceNumber: string;
  from: string;
  to: string;
  title: string;
  amountMinor: number;
  currency: string;
  issuedOn: Date;
  state: string;
  paidOn: Date | null;
  reference: string | null;
  refund: { on: Date; reference: string | null } | null;
  /** The payment provider's stable name, and its own label for one the catalogue does not know. */
  provider: { name: string; label: string };
  /** How to pay, while the invoice is open (facts worded here, or an older payment's text). */
  instructions: StoredInstructions | null;
}

/** The receipt's rows: what each line says, then its value. */
function receiptRows(m: ReceiptModel, { t, date, number }: Translator): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    [t('payments.receipt.from'), m.from],
    [t('payments.receipt.to'), m.to],
    [t('payments.receipt.for'), t('payments.receipt.forFee', { title: m.title })],
    [t('payments.receipt.amount'), moneyWords(number, m.amountMinor, m.currency)],
    [t('payments.receipt.issued'), date(m.issuedOn)],
    [t('payments.receipt.status'), paymentStateWords(t, m.state)],
  ];
  if (m.paidOn) rows.push([t('payments.receipt.paidOn'), date(m.paidOn)]);
  if (m.reference) rows.push([t('payments.receipt.reference'), m.reference]);
  if (m.refund)
    rows.push([
      t('payments.receipt.refundedOn'),
      t('payments.receipt.refunded', { date: date(m.refund.on), reference: m.refund.reference ?? '—' }),
    ]);
  const method = m.provider.name === 'manual' ? t('payments.receipt.providers.manual') : m.provider.label;
  rows.push([t('payments.receipt.method'), method]);
  return rows;
}

/** A receipt's or invoice's title: "Receipt INV-000001". */
export const receiptTitle = (t: Translator['t'], m: Pick<ReceiptModel, 'paid' | 'invoiceNumber'>) =>
  m.paid
    ? t('payments.receipt.receipt', { invoice: m.invoiceNumber })
    : t('payments.receipt.invoice', { invoice: m.invoiceNumber });

/** A printable invoice or receipt (app.css's print rules hide the page frame). */
export function ReceiptView({ model }: { model: ReceiptModel }) {
  const translator = useT();
  return (
    <article class="card narrow">
      <h1>{receiptTitle(translator.t, model)}</h1>
      <table>
        <tbody>
          {receiptRows(model, translator).map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.instructions && <p>{instructionWords(translator, model.instructions)}</p>}
      <p class="muted">{translator.t('payments.receipt.print')}</p>
    </article>
  );
}
