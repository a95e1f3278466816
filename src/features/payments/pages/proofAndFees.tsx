import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { notFound } from '../../../domain/errors.ts';
import type { Design } from '../../catalog/index.ts';
import { formatMoney } from '../../../domain/money.ts';
import { earnersApplication } from '../../earning/index.ts';
import { requireMember } from '../../accounts/index.ts';
import { submitProof, uploadCertificate } from '../commands/certificate.ts';
import { approveProofApplication, rejectProofApplication } from '../commands/decideProof.ts';
import { markPaymentPaid, refundPayment } from '../commands/feePayments.ts';
import { paymentProviderNamed } from '../registry.ts';
import { certificateAndAttempts, currentPayment, paymentFor, proofQueue, versionTitle } from '../queries.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody } from '../../../http/jsonBody.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  emptyForm,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { ApplicationHeading, applicationFacts } from '../../earning/index.ts';

/** A JSON body's fields when it is an object, else none (the command's schema reports what is missing). */
const fieldsOf = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

type C = Context<AppEnv>;
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
const PAYMENT_STATE: Record<string, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};
const STATUS: Record<string, string> = {
  in_progress: 'Certificate not submitted yet',
  submitted: 'Waiting for the issuer’s decision',
  in_review: 'Waiting for the issuer’s decision',
  passed: 'Approved',
  rejected: 'Not approved',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

/** On the catalog page: apply with a certificate of completion, naming the program and showing the fee. */
export function ProofApplyForm({
  d,
  orgSlug,
  mcSlug,
  loggedIn,
  csrfToken,
}: {
  d: Design;
  orgSlug: string;
  mcSlug: string;
  loggedIn: boolean;
  csrfToken: string;
}) {
  const fee = d.applicationFeeCents ? formatMoney(d.applicationFeeCents, d.applicationFeeCurrency) : null;
  if (!loggedIn) {
    return (
      <p>
        <a class="button" href={`/login?next=${encodeURIComponent(`/catalog/${orgSlug}/${mcSlug}`)}`}>
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
      {d.approvedPrograms.length > 0 && (
        <>
          <label for="f-program">The program you completed</label>
          <select id="f-program" name="program" required>
            <option value="">Choose a pre-approved program…</option>
            {d.approvedPrograms.map((p) => (
              <option value={p}>{p}</option>
            ))}
          </select>
        </>
      )}
      <button type="submit">Apply{fee ? ` (fee ${fee})` : ''}</button>
    </form>
  );
}

/** The earner's page of a proof-of-completion application: fee and invoice, certificate, submission, decision. */
export async function proofApplicationPage(
  c: C,
  form: FormState = emptyForm,
  status: ContentfulStatusCode = 200,
) {
  const { db, clock } = c.var.deps;
  const app = await earnersApplication(db, actor(c).userId, c.req.param('id') ?? '');
  const v = await versionTitle(db, app.version_id);
  const [[item, attempts], payment] = await Promise.all([
    certificateAndAttempts(db, app.id),
    currentPayment(db, app.id),
  ]);
  const { editable, daysLeft, credential } = await applicationFacts(db, app, clock.now());
  const base = `/applications/${app.public_id}`;
  return page(
    c,
    v.title,
    <>
      <ApplicationHeading title={v.title} />
      <p role="status">
        <span class="tag">{STATUS[app.status] ?? app.status}</span>
        {app.proof_program && <> · Program: {app.proof_program}</>}
        {editable && (
          <>
            {' '}
            · {daysLeft} days left to submit (until {app.deadline_at.toISOString().slice(0, 10)})
          </>
        )}
        {credential && (
          <>
            {' '}
            · Your badge: <a href={`/badges/${credential.public_id}`}>{credential.public_id}</a>
          </>
        )}
      </p>
      <ErrorSummary form={form} />
      {payment && (
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
                Your certificate can be reviewed while the invoice is open; the badge is issued only after the
                fee is paid.
              </p>
            </>
          )}
          <p>
            <a href={`/payments/${payment.public_id}/receipt`}>
              {payment.state === 'paid' ? 'View and print the receipt' : 'View and print the invoice'}
            </a>
          </p>
        </section>
      )}
      <section class="card" aria-labelledby="cert-heading">
        <h2 id="cert-heading">Certificate of completion</h2>
        {form.errors.certificate && (
          <p id="f-certificate-error" class="error-text">
            {form.errors.certificate}
          </p>
        )}
        {item ? (
          <p>
            Uploaded: <a href={`/evidence-files/${item.public_id}`}>{item.filename}</a>
          </p>
        ) : (
          <p>Not uploaded yet.</p>
        )}
        {editable && (
          <form method="post" action={`${base}/certificate`} enctype="multipart/form-data" class="stack">
            <CsrfField token={c.var.csrfToken} />
            <label for="f-certificate">
              {item ? 'Replace the certificate' : 'Choose your certificate'} (PDF, PNG or JPEG, up to 10 MB)
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
      {editable && (
        <ActionButton
          action={`${base}/proof/submit`}
          csrfToken={c.var.csrfToken}
          label="Submit for approval"
        />
      )}{' '}
      {['in_progress', 'submitted', 'in_review'].includes(app.status) && (
        <ActionButton
          action={`${base}/withdraw`}
          csrfToken={c.var.csrfToken}
          label="Withdraw"
          variant="danger"
        />
      )}
      {attempts.some((a) => a.decision) && (
        <section class="card">
          <h2>Decision</h2>
          {attempts
            .filter((a) => a.decision)
            .map((a) => (
              <div>
                <h3>{a.decision === 'passed' ? 'Approved' : 'Not approved'}</h3>
                <p>{a.overall_feedback}</p>
              </div>
            ))}
        </section>
      )}
    </>,
    status,
  );
}

function money(p: { amount_minor: number | null; currency: string | null }) {
  return p.amount_minor === null || p.currency === null ? '—' : formatMoney(p.amount_minor, p.currency);
}

async function queuePage(
  c: C,
  form: FormState = emptyForm,
  formFor = '',
  status: ContentfulStatusCode = 200,
) {
  const { organisation } = await requireMember(
    c.var.deps.db,
    c.req.param('slug') ?? '',
    actor(c).userId,
    'applications.read',
  );
  const [open, decided] = await Promise.all([
    proofQueue(c.var.deps.db, organisation.id, 'open'),
    proofQueue(c.var.deps.db, organisation.id, 'decided'),
  ]);
  const base = `/orgs/${organisation.slug}`;
  const errorsFor = (id: string) => (formFor === id ? form : emptyForm);
  return page(
    c,
    'Proof & fees',
    <>
      <h1>Proof & fees — {organisation.name}</h1>
      <p>
        Applications with a certificate of completion. Approve once the certificate is from a pre-approved
        program and the fee is paid; the badge is then issued.
      </p>
      <ErrorSummary form={form} />
      <h2>Waiting</h2>
      {open.length === 0 && <p>No applications are waiting.</p>}
      {open.map((a) => {
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
              Certificate:{' '}
              {a.file_id ? <a href={`/evidence-files/${a.file_id}`}>{a.filename}</a> : 'not uploaded'} · Fee:{' '}
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
              <form method="post" action={`${base}/payments/${a.payment_id}/mark-paid`} class="mb-4">
                <CsrfField token={c.var.csrfToken} />
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
                <form method="post" action={`${base}/proof-queue/${a.public_id}/approve`} class="inline">
                  <CsrfField token={c.var.csrfToken} />
                  <button type="submit">Approve and issue</button>
                </form>
                <form method="post" action={`${base}/proof-queue/${a.public_id}/reject`} class="stack mt-4">
                  <CsrfField token={c.var.csrfToken} />
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
      })}
      <h2>Decided</h2>
      {decided.length === 0 && <p>No decisions yet.</p>}
      <table>
        <TableHead columns={['Earner', 'Micro-credential', 'Decision', 'Fee', 'Refund']} />
        <tbody>
          {decided.map((a) => {
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
                    <form method="post" action={`${base}/payments/${a.payment_id}/refund`} class="stack">
                      <CsrfField token={c.var.csrfToken} />
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
    </>,
    status,
  );
}

/** Earners upload certificates and read invoices; staff decide from the queue, mark invoices paid and refund. HTML and JSON. */
export function proofAndFeesRoutes() {
  const r = new Hono<AppEnv>();

  const certificateFrom = async (c: C) => {
    const body = await c.req.parseBody();
    const file = body.certificate ?? body.file;
    return file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  };

  // Earner pages.
  r.post('/applications/:id/certificate', async (c) => {
    const file = await certificateFrom(c);
    return handleForm(
      c,
      {},
      async () => {
        await uploadCertificate(c.var.deps, { actor: actor(c), application: c.req.param('id'), file });
        return redirectWith(
          c,
          `/applications/${c.req.param('id')}`,
          'success',
          'Certificate uploaded. Submit it for approval when you are ready.',
        );
      },
      (form, status) => proofApplicationPage(c, form, status),
    );
  });
  r.post('/applications/:id/proof/submit', async (c) =>
    handleForm(
      c,
      {},
      async () => {
        await submitProof(c.var.deps, { actor: actor(c), application: c.req.param('id') });
        return redirectWith(
          c,
          `/applications/${c.req.param('id')}`,
          'success',
          'Submitted. The issuer decides within three weeks; you will get an email.',
        );
      },
      (form, status) => proofApplicationPage(c, form, status),
    ),
  );
  r.get('/payments/:id/receipt', async (c) => {
    const p = await paymentFor(c.var.deps.db, actor(c).userId, c.req.param('id'));
    const paid = p.state === 'paid' || p.state === 'refunded';
    const kind = paid ? 'Receipt' : 'Invoice';
    const rows: Array<[string, string]> = [
      ['From', p.org_name],
      ['To', p.earner_name],
      ['For', `Application fee: ${p.title}`],
      ['Amount', formatMoney(p.amount_minor, p.currency)],
      ['Issued', p.created_at.toISOString().slice(0, 10)],
      ['Status', PAYMENT_STATE[p.state] ?? p.state],
    ];
    if (p.paid_at) rows.push(['Paid on', p.paid_at.toISOString().slice(0, 10)]);
    if (p.provider_reference) rows.push(['Payment reference', p.provider_reference]);
    if (p.refunded_at)
      rows.push([
        'Refunded on',
        `${p.refunded_at.toISOString().slice(0, 10)} (reference ${p.refund_reference ?? '—'})`,
      ]);
    rows.push(['Payment method', paymentProviderNamed(p.provider).label]);
    return page(
      c,
      `${kind} ${p.invoice_number}`,
      <article class="card narrow">
        <h1>
          {kind} {p.invoice_number}
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
        {p.state === 'pending' && <p>{p.instructions}</p>}
        <p class="muted">Print this page with your browser’s Print command to keep a copy.</p>
      </article>,
    );
  });

  // Staff pages.
  r.get('/orgs/:slug/proof-queue', (c) => queuePage(c));
  const staffForm = (
    path: string,
    run: (c: C, fields: Record<string, string | string[]>) => Promise<string>,
    key: (c: C) => string,
  ) =>
    r.post(path, async (c) => {
      const fields = await formFields(c);
      return handleForm(
        c,
        fields,
        async () => {
          const message = await run(c, fields);
          return redirectWith(c, `/orgs/${c.req.param('slug')}/proof-queue`, 'success', message);
        },
        (form, status) => queuePage(c, form, key(c), status),
      );
    });
  staffForm(
    '/orgs/:slug/proof-queue/:app/approve',
    async (c, fields) => {
      await approveProofApplication(c.var.deps, {
        ...fields,
        actor: actor(c),
        orgSlug: c.req.param('slug') ?? '',
        application: c.req.param('app') ?? '',
      });
      return 'Approved. The badge is being issued and the earner has been emailed.';
    },
    (c) => c.req.param('app') ?? '',
  );
  staffForm(
    '/orgs/:slug/proof-queue/:app/reject',
    async (c, fields) => {
      await rejectProofApplication(c.var.deps, {
        ...fields,
        actor: actor(c),
        orgSlug: c.req.param('slug') ?? '',
        application: c.req.param('app') ?? '',
      });
      return 'Rejected. The earner has been emailed the reasons.';
    },
    (c) => c.req.param('app') ?? '',
  );
  staffForm(
    '/orgs/:slug/payments/:payment/mark-paid',
    async (c, fields) => {
      await markPaymentPaid(c.var.deps, {
        ...fields,
        actor: actor(c),
        orgSlug: c.req.param('slug') ?? '',
        payment: c.req.param('payment') ?? '',
      });
      return 'Marked paid. A receipt has been emailed to the earner.';
    },
    (c) => c.req.param('payment') ?? '',
  );
  staffForm(
    '/orgs/:slug/payments/:payment/refund',
    async (c, fields) => {
      const { reference } = await refundPayment(c.var.deps, {
        ...fields,
        actor: actor(c),
        orgSlug: c.req.param('slug') ?? '',
        payment: c.req.param('payment') ?? '',
      });
      return `Refund recorded (reference ${reference}); the earner has been emailed.`;
    },
    (c) => c.req.param('payment') ?? '',
  );

  // The same over JSON (session with the CSRF header, or a bearer token).
  const presentPayment = (p: {
    public_id: string;
    invoice_number: string;
    amount_minor: number;
    currency: string;
    state: string;
    provider: string;
    provider_reference: string | null;
    instructions: string;
    paid_at: Date | null;
    refunded_at: Date | null;
    refund_reference: string | null;
  }) => ({
    id: p.public_id,
    invoiceNumber: p.invoice_number,
    amountMinor: p.amount_minor,
    currency: p.currency,
    amount: formatMoney(p.amount_minor, p.currency),
    state: p.state,
    provider: p.provider,
    reference: p.provider_reference,
    instructions: p.instructions,
    paidAt: p.paid_at?.toISOString() ?? null,
    refundedAt: p.refunded_at?.toISOString() ?? null,
    refundReference: p.refund_reference,
  });
  r.post('/api/v1/applications/:id/certificate', async (c) => {
    const file = await certificateFrom(c);
    return c.json(
      await uploadCertificate(c.var.deps, { actor: actor(c), application: c.req.param('id'), file }),
      201,
    );
  });
  r.post('/api/v1/applications/:id/proof/submit', async (c) =>
    c.json(await submitProof(c.var.deps, { actor: actor(c), application: c.req.param('id') })),
  );
  r.get('/api/v1/applications/:id/payment', async (c) => {
    const app = await earnersApplication(c.var.deps.db, actor(c).userId, c.req.param('id'));
    const p = await currentPayment(c.var.deps.db, app.id);
    if (!p) throw notFound('A payment for that application');
    return c.json(presentPayment(p));
  });
  r.get('/api/v1/orgs/:slug/proof-queue', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'applications.read',
    );
    const rows = await proofQueue(
      c.var.deps.db,
      organisation.id,
      c.req.query('decided') === 'true' ? 'decided' : 'open',
    );
    return c.json({
      applications: rows.map((a) => ({
        id: a.public_id,
        status: a.status,
        title: a.title,
        earner: a.earner_name,
        program: a.proof_program,
        certificate: a.file_id,
        payment: a.payment_id
          ? { id: a.payment_id, invoiceNumber: a.invoice_number, state: a.payment_state, amount: money(a) }
          : null,
      })),
    });
  });
  const decided = async (c: C, run: () => Promise<unknown>) => {
    const result = await run();
    return c.json(result ?? { ok: true });
  };
  r.post('/api/v1/orgs/:slug/applications/:id/approve', async (c) =>
    decided(c, async () =>
      approveProofApplication(c.var.deps, {
        ...fieldsOf(await jsonBody(c)),
        actor: actor(c),
        orgSlug: c.req.param('slug'),
        application: c.req.param('id'),
      }),
    ),
  );
  r.post('/api/v1/orgs/:slug/applications/:id/reject', async (c) =>
    decided(c, async () =>
      rejectProofApplication(c.var.deps, {
        ...fieldsOf(await jsonBody(c)),
        actor: actor(c),
        orgSlug: c.req.param('slug'),
        application: c.req.param('id'),
      }),
    ),
  );
  r.post('/api/v1/orgs/:slug/payments/:id/mark-paid', async (c) =>
    decided(c, async () =>
      markPaymentPaid(c.var.deps, {
        ...fieldsOf(await jsonBody(c)),
        actor: actor(c),
        orgSlug: c.req.param('slug'),
        payment: c.req.param('id'),
      }),
    ),
  );
  r.post('/api/v1/orgs/:slug/payments/:id/refund', async (c) =>
    decided(c, async () =>
      refundPayment(c.var.deps, {
        ...fieldsOf(await jsonBody(c)),
        actor: actor(c),
        orgSlug: c.req.param('slug'),
        payment: c.req.param('id'),
      }),
    ),
  );
  return r;
}
