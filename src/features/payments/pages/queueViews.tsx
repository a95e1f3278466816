import { CsrfField, ErrorSummary, emptyForm, TableHead, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { moneyWords } from '../moneyWords.ts';
import { paymentStateWords, statusWords } from './proofViews.tsx';

/** The view of the staff's proof-and-fees queue: pure JSX of its model (the route loads and renders). */

/** One application in the queue, with its certificate, fee and the forms that act on them. */
export interface QueueItem {
  publicId: string;
  earner: string;
  title: string;
  status: string;
  appliedOn: Date;
  program: string | null;
  certificate: { filename: string; href: string } | null;
  payment: {
    publicId: string;
    invoiceNumber: string;
    amountMinor: number;
    currency: string;
    state: string;
    receiptHref: string;
    markPaidAction: string;
    refundAction: string;
  } | null;
  /** Waiting for a decision: approving and rejecting are offered. */
  decidable: boolean;
  approveAction: string;
  rejectAction: string;
}

/** What the staff's proof-and-fees queue shows; `form` belongs to the row whose id is `formFor`. */
export interface QueueModel {
  organisation: { name: string; slug: string };
  open: QueueItem[];
  decided: QueueItem[];
  form: FormState;
  formFor: string;
}

type ErrorsFor = (id: string) => FormState;

/** The staff queue: applications waiting for a decision (with their fee), then the decided ones. */
export function QueueView({ model, csrfToken }: { model: QueueModel; csrfToken: string }) {
  const { t } = useT();
  const errorsFor: ErrorsFor = (id) => (model.formFor === id ? model.form : emptyForm);
  return (
    <>
      <h1>{t('payments.queue.heading', { organisation: model.organisation.name })}</h1>
      <p>{t('payments.queue.intro')}</p>
      <ErrorSummary form={model.form} />
      <h2>{t('payments.queue.waiting')}</h2>
      {model.open.length === 0 && <p>{t('payments.queue.noneWaiting')}</p>}
      {model.open.map((a) => (
        <WaitingCard a={a} errorsFor={errorsFor} csrfToken={csrfToken} />
      ))}
      <h2>{t('payments.queue.decided')}</h2>
      {model.decided.length === 0 && <p>{t('payments.queue.noneDecided')}</p>}
      <DecidedTable rows={model.decided} errorsFor={errorsFor} csrfToken={csrfToken} />
    </>
  );
}

/** A fee's invoice link, amount and state. */
function FeeFacts({ payment, tag }: { payment: NonNullable<QueueItem['payment']>; tag: boolean }) {
  const { t, number } = useT();
  const state = paymentStateWords(t, payment.state);
  return (
    <>
      <a href={payment.receiptHref}>{payment.invoiceNumber}</a>{' '}
      {moneyWords(number, payment.amountMinor, payment.currency)}{' '}
      {tag ? <span class="tag">{state}</span> : state}
    </>
  );
}

/** One waiting application: its certificate and fee, marking the invoice paid, approving or rejecting. */
function WaitingCard({ a, errorsFor, csrfToken }: { a: QueueItem; errorsFor: ErrorsFor; csrfToken: string }) {
  const { t, date } = useT();
  return (
    <section class="card" aria-label={`${a.earner}: ${a.title}`}>
      <h3>
        {a.earner} — {a.title}
      </h3>
      <p>
        {statusWords(t, a.status)} · {t('payments.queue.applied', { date: date(a.appliedOn) })}
        {a.program && <> · {t('payments.queue.program', { program: a.program })}</>}
      </p>
      <p>
        {t('payments.queue.certificate')}{' '}
        {a.certificate ? (
          <a href={a.certificate.href}>{a.certificate.filename}</a>
        ) : (
          t('payments.queue.notUploaded')
        )}{' '}
        · {t('payments.queue.fee')}{' '}
        {a.payment ? <FeeFacts payment={a.payment} tag /> : t('payments.queue.noFee')}
      </p>
      {a.payment && a.payment.state === 'pending' && (
        <MarkPaidForm payment={a.payment} form={errorsFor(a.payment.publicId)} csrfToken={csrfToken} />
      )}
      {a.decidable && <DecideForms a={a} form={errorsFor(a.publicId)} csrfToken={csrfToken} />}
    </section>
  );
}

/** Recording that an invoice was paid, with the transfer or cheque number. */
function MarkPaidForm({
  payment,
  form,
  csrfToken,
}: {
  payment: NonNullable<QueueItem['payment']>;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <form method="post" action={payment.markPaidAction} class="mb-4">
      <CsrfField token={csrfToken} />
      <label for={`ref-${payment.publicId}`}>{t('payments.queue.reference')}</label>{' '}
      <input id={`ref-${payment.publicId}`} name="reference" value={form.values.reference ?? ''} />{' '}
      {form.errors.reference && <span class="error-text">{form.errors.reference}</span>}
      <button type="submit" class="secondary">
        {t('payments.queue.markPaid')}
      </button>
    </form>
  );
}

/** Approving (and issuing), or rejecting with reasons. */
function DecideForms({ a, form, csrfToken }: { a: QueueItem; form: FormState; csrfToken: string }) {
  const { t } = useT();
  return (
    <div class="mt-4">
      <form method="post" action={a.approveAction} class="inline">
        <CsrfField token={csrfToken} />
        <button type="submit">{t('payments.queue.approve')}</button>
      </form>
      <form method="post" action={a.rejectAction} class="stack mt-4">
        <CsrfField token={csrfToken} />
        <label for={`reasons-${a.publicId}`}>{t('payments.queue.reasons')}</label>
        {form.errors.reasons && <span class="error-text">{form.errors.reasons}</span>}
        <textarea id={`reasons-${a.publicId}`} name="reasons" rows={2}>
          {form.values.reasons ?? ''}
        </textarea>
        <button type="submit" class="danger">
          {t('payments.queue.reject')}
        </button>
      </form>
    </div>
  );
}

/** The decided applications, with a refund form for each paid fee. */
function DecidedTable({
  rows,
  errorsFor,
  csrfToken,
}: {
  rows: QueueItem[];
  errorsFor: ErrorsFor;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <table>
      <TableHead
        columns={[
          t('payments.queue.columns.earner'),
          t('payments.queue.columns.microCredential'),
          t('payments.queue.columns.decision'),
          t('payments.queue.columns.fee'),
          t('payments.queue.columns.refund'),
        ]}
      />
      <tbody>
        {rows.map((a) => (
          <tr>
            <td>{a.earner}</td>
            <td>{a.title}</td>
            <td>{statusWords(t, a.status)}</td>
            <td>{a.payment ? <FeeFacts payment={a.payment} tag={false} /> : '—'}</td>
            <td>
              {a.payment && a.payment.state === 'paid' && (
                <RefundForm payment={a.payment} form={errorsFor(a.payment.publicId)} csrfToken={csrfToken} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Recording a refund of a paid fee: why, and the staff's own reference. */
function RefundForm({
  payment,
  form,
  csrfToken,
}: {
  payment: NonNullable<QueueItem['payment']>;
  form: FormState;
  csrfToken: string;
}) {
  const { t } = useT();
  return (
    <form method="post" action={payment.refundAction} class="stack">
      <CsrfField token={csrfToken} />
      <label for={`why-${payment.publicId}`}>{t('payments.queue.refundReason')}</label>
      {form.errors.reason && <span class="error-text">{form.errors.reason}</span>}
      <input id={`why-${payment.publicId}`} name="reason" value={form.values.reason ?? ''} />
      <label for={`rref-${payment.publicId}`}>{t('payments.queue.refundReference')}</label>
      <input id={`rref-${payment.publicId}`} name="reference" value={form.values.reference ?? ''} />
      <button type="submit" class="secondary">
        {t('payments.queue.recordRefund')}
      </button>
    </form>
  );
}
