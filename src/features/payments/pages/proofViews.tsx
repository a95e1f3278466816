import type { Design } from '../../catalog/index.ts';
import { formatMoney } from '../../../domain/money.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  emptyForm,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { ApplicationHeading } from '../../earning/index.ts';
import type { proofQueue } from '../queries.ts';

/** The views of the proof-and-fees pages: pure JSX of their models (the routes load and render). */

export const PAYMENT_STATE: Record<string, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};
export const STATUS: Record<string, string> = {
  in_progress: 'Certificate not submitted yet',
  submitted: 'Waiting for the issuer’s decision',
  in_review: 'Waiting for the issuer’s decision',
  passed: 'Approved',
  rejected: 'Not approved',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

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
  const fee = d.applicationFeeCents ? formatMoney(d.applicationFeeCents, d.applicationFeeCurrency) : null;
  if (!loggedIn) {
    const back = `/catalog/${orgSlug}/${mcSlug}${chosenSession ? `?session=${encodeURIComponent(chosenSession)}` : ''}`;
    return (
      <p>
        <a class="button" href={`/login?next=${encodeURIComponent(back)}`}>
          Log in to apply
        </a>
      </p>
    );
  }
  return (
    <form method="post" action={`/catalog/${orgSlug}/${mcSlug}/apply`} class="card stack">
      <CsrfField token={csrfToken} />
      <p>
        Apply with the certificate of completion from a pre-approved program.{' '}
        {fee ? `The application fee is ${fee}; you receive an invoice when you apply.` : 'There is no fee.'}{' '}
        Decisions take up to three weeks.
      </p>
      {sessions.length > 0 && (
        <>
          <label for="f-session">The session you completed</label>
          <select id="f-session" name="session" required>
            <option value="">Choose a pre-approved session…</option>
            {sessions.map((s) => (
              <option value={s.publicId} selected={s.publicId === chosenSession}>
                {s.startsOn ? `${s.label} (${s.startsOn})` : s.label}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit">Apply{fee ? ` (fee ${fee})` : ''}</button>
    </form>
  );
}

export function money(p: { amount_minor: number | null; currency: string | null }) {
  return p.amount_minor === null || p.currency === null ? '—' : formatMoney(p.amount_minor, p.currency);
}

/** What the earner's page of a proof-of-completion application shows. */
export interface ProofApplicationModel {
  title: string;
  status: string;
  program: string | null;
  deadline: Date;
  editable: boolean;
  daysLeft: number;
  credential: { public_id: string } | null | undefined;
  base: string;
  certificate: { public_id: string; filename: string } | undefined;
  payment: ProofPayment | undefined;
  decisions: Array<{ decision: string | null; overall_feedback: string | null }>;
}

interface ProofPayment {
  public_id: string;
  invoice_number: string;
  amount_minor: number;
  currency: string;
  state: string;
  instructions: string;
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
  return (
    <>
      <ApplicationHeading title={m.title} />
      <p role="status">
        <span class="tag">{STATUS[m.status] ?? m.status}</span>
        {m.program && <> · Program: {m.program}</>}
        {m.editable && (
          <>
            {' '}
            · {m.daysLeft} days left to submit (until {m.deadline.toISOString().slice(0, 10)})
          </>
        )}
        {m.credential && (
          <>
            {' '}
            · Your badge: <a href={`/badges/${m.credential.public_id}`}>{m.credential.public_id}</a>
          </>
        )}
      </p>
      <ErrorSummary form={form} />
      {m.payment && <FeeSection payment={m.payment} />}
      <CertificateSection model={m} form={form} csrfToken={csrfToken} />
      {m.editable && (
        <ActionButton action={`${m.base}/proof/submit`} csrfToken={csrfToken} label="Submit for approval" />
      )}{' '}
      {['in_progress', 'submitted', 'in_review'].includes(m.status) && (
        <ActionButton action={`${m.base}/withdraw`} csrfToken={csrfToken} label="Withdraw" variant="danger" />
      )}
      {m.decisions.length > 0 && (
        <section class="card">
          <h2>Decision</h2>
          {m.decisions.map((a) => (
            <div>
              <h3>{a.decision === 'passed' ? 'Approved' : 'Not approved'}</h3>
              <p>{a.overall_feedback}</p>
            </div>
          ))}
        </section>
      )}
    </>
  );
}

/** The application fee: its invoice, state, payment instructions and a printable copy. */
function FeeSection({ payment }: { payment: ProofPayment }) {
  return (
    <section class="card" aria-labelledby="fee-heading">
      <h2 id="fee-heading">Application fee</h2>
      <p>
        Invoice <strong>{payment.invoice_number}</strong>:{' '}
        {formatMoney(payment.amount_minor, payment.currency)} ·{' '}
        <span class="tag">{PAYMENT_STATE[payment.state]}</span>
      </p>
      {payment.state === 'pending' && (
        <>
          <p>{payment.instructions}</p>
          <p class="muted">
            Your certificate can be reviewed while the invoice is open; the badge is issued only after the fee
            is paid.
          </p>
        </>
      )}
      <p>
        <a href={`/payments/${payment.public_id}/receipt`}>
          {payment.state === 'paid' ? 'View and print the receipt' : 'View and print the invoice'}
        </a>
      </p>
    </section>
  );
}

/** The certificate of completion: what was uploaded and, while open, the upload form. */
function CertificateSection({
  model: { certificate, editable, base },
  form,
  csrfToken,
}: {
  model: ProofApplicationModel;
  form: FormState;
  csrfToken: string;
}) {
  return (
    <section class="card" aria-labelledby="cert-heading">
      <h2 id="cert-heading">Certificate of completion</h2>
      {form.errors.certificate && (
        <p id="f-certificate-error" class="error-text">
          {form.errors.certificate}
        </p>
      )}
      {certificate ? (
        <p>
          Uploaded: <a href={`/evidence-files/${certificate.public_id}`}>{certificate.filename}</a>
        </p>
      ) : (
        <p>Not uploaded yet.</p>
      )}
      {editable && (
        <form method="post" action={`${base}/certificate`} enctype="multipart/form-data" class="stack">
          <CsrfField token={csrfToken} />
          <label for="f-certificate">
            {certificate ? 'Replace the certificate' : 'Choose your certificate'} (PDF, PNG or JPEG, up to 10
            MB)
          </label>
          <input
            id="f-certificate"
            name="certificate"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-describedby={form.errors.certificate ? 'f-certificate-error' : undefined}
          />
          <button type="submit" class="secondary">
            Upload
          </button>
        </form>
      )}
    </section>
  );
}

type QueueRow = Awaited<ReturnType<typeof proofQueue>>[number];

/** What the staff's proof-and-fees queue shows; `form` belongs to the row whose id is `formFor`. */
export interface QueueModel {
  organisation: { name: string; slug: string };
  open: QueueRow[];
  decided: QueueRow[];
  form: FormState;
  formFor: string;
}

/** The staff queue: applications waiting for a decision (with their fee), then the decided ones. */
export function QueueView({ model, csrfToken }: { model: QueueModel; csrfToken: string }) {
  const orgBase = `/orgs/${model.organisation.slug}`;
  const errorsFor = (id: string) => (model.formFor === id ? model.form : emptyForm);
  return (
    <>
      <h1>Proof & fees — {model.organisation.name}</h1>
      <p>
        Applications with a certificate of completion. Approve once the certificate is from a pre-approved
        program and the fee is paid; the badge is then issued.
      </p>
      <ErrorSummary form={model.form} />
      <h2>Waiting</h2>
      {model.open.length === 0 && <p>No applications are waiting.</p>}
      {model.open.map((a) => (
        <WaitingCard a={a} orgBase={orgBase} errorsFor={errorsFor} csrfToken={csrfToken} />
      ))}
      <h2>Decided</h2>
      {model.decided.length === 0 && <p>No decisions yet.</p>}
      <DecidedTable rows={model.decided} orgBase={orgBase} errorsFor={errorsFor} csrfToken={csrfToken} />
    </>
  );
}

interface RowProps {
  orgBase: string;
  errorsFor: (id: string) => FormState;
  csrfToken: string;
}

/** One waiting application: its certificate and fee, marking the invoice paid, approving or rejecting. */
function WaitingCard({ a, orgBase, errorsFor, csrfToken }: RowProps & { a: QueueRow }) {
  const f = errorsFor(a.public_id);
  const pf = a.payment_id ? errorsFor(a.payment_id) : emptyForm;
  return (
    <section class="card" aria-label={`${a.earner_name}: ${a.title}`}>
      <h3>
        {a.earner_name} — {a.title}
      </h3>
      <p>
        {STATUS[a.status]} · applied {a.created_at.toISOString().slice(0, 10)}
        {a.proof_program && <> · program: {a.proof_program}</>}
      </p>
      <p>
        Certificate: {a.file_id ? <a href={`/evidence-files/${a.file_id}`}>{a.filename}</a> : 'not uploaded'}{' '}
        · Fee:{' '}
        {a.payment_id ? (
          <>
            <a href={`/payments/${a.payment_id}/receipt`}>{a.invoice_number}</a> {money(a)}{' '}
            <span class="tag">{PAYMENT_STATE[a.payment_state ?? '']}</span>
          </>
        ) : (
          'none'
        )}
      </p>
      {a.payment_id && a.payment_state === 'pending' && (
        <form method="post" action={`${orgBase}/payments/${a.payment_id}/mark-paid`} class="mb-4">
          <CsrfField token={csrfToken} />
          <label for={`ref-${a.payment_id}`}>Payment reference (transfer or cheque number)</label>{' '}
          <input id={`ref-${a.payment_id}`} name="reference" value={pf.values.reference ?? ''} />{' '}
          {pf.errors.reference && <span class="error-text">{pf.errors.reference}</span>}
          <button type="submit" class="secondary">
            Mark paid
          </button>
        </form>
      )}
      {['submitted', 'in_review'].includes(a.status) && (
        <div class="mt-4">
          <form method="post" action={`${orgBase}/proof-queue/${a.public_id}/approve`} class="inline">
            <CsrfField token={csrfToken} />
            <button type="submit">Approve and issue</button>
          </form>
          <form method="post" action={`${orgBase}/proof-queue/${a.public_id}/reject`} class="stack mt-4">
            <CsrfField token={csrfToken} />
            <label for={`reasons-${a.public_id}`}>Reasons for rejecting (emailed to the earner)</label>
            {f.errors.reasons && <span class="error-text">{f.errors.reasons}</span>}
            <textarea id={`reasons-${a.public_id}`} name="reasons" rows={2}>
              {f.values.reasons ?? ''}
            </textarea>
            <button type="submit" class="danger">
              Reject
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

/** The decided applications, with a refund form for each paid fee. */
function DecidedTable({ rows, orgBase, errorsFor, csrfToken }: RowProps & { rows: QueueRow[] }) {
  return (
    <table>
      <TableHead columns={['Earner', 'Micro-credential', 'Decision', 'Fee', 'Refund']} />
      <tbody>
        {rows.map((a) => {
          const rf = a.payment_id ? errorsFor(a.payment_id) : emptyForm;
          return (
            <tr>
              <td>{a.earner_name}</td>
              <td>{a.title}</td>
              <td>{STATUS[a.status]}</td>
              <td>
                {a.payment_id ? (
                  <>
                    <a href={`/payments/${a.payment_id}/receipt`}>{a.invoice_number}</a> {money(a)}{' '}
                    {PAYMENT_STATE[a.payment_state ?? '']}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {a.payment_id && a.payment_state === 'paid' && (
                  <form method="post" action={`${orgBase}/payments/${a.payment_id}/refund`} class="stack">
                    <CsrfField token={csrfToken} />
                    <label for={`why-${a.payment_id}`}>Reason</label>
                    {rf.errors.reason && <span class="error-text">{rf.errors.reason}</span>}
                    <input id={`why-${a.payment_id}`} name="reason" value={rf.values.reason ?? ''} />
                    <label for={`rref-${a.payment_id}`}>Refund reference (optional)</label>
                    <input id={`rref-${a.payment_id}`} name="reference" value={rf.values.reference ?? ''} />
                    <button type="submit" class="secondary">
                      Record refund
                    </button>
                  </form>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A printable invoice or receipt (app.css's print rules hide the page frame). */
export function ReceiptView({
  kind,
  invoiceNumber,
  rows,
  instructions,
}: {
  kind: string;
  invoiceNumber: string;
  rows: Array<[string, string]>;
  instructions: string | null;
}) {
  return (
    <article class="card narrow">
      <h1>
        {kind} {invoiceNumber}
      </h1>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {instructions && <p>{instructions}</p>}
      <p class="muted">Print this page with your browser’s Print command to keep a copy.</p>
    </article>
  );
}
