import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { formatMoney } from '../../../domain/money.ts';
import { earnersApplication } from '../../earning/index.ts';
import { requireMember } from '../../accounts/index.ts';
import { submitProof, uploadCertificate } from '../commands/certificate.ts';
import { approveProofApplication, rejectProofApplication } from '../commands/decideProof.ts';
import { markPaymentPaid, refundPayment } from '../commands/feePayments.ts';
import { paymentProviderNamed } from '../registry.ts';
import { certificateAndAttempts, currentPayment, paymentFor, proofQueue, versionTitle } from '../queries.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { applicationFacts } from '../../earning/index.ts';
import {
  PAYMENT_STATE,
  ProofApplicationView,
  QueueView,
  ReceiptView,
  type ProofApplicationModel,
  type QueueModel,
} from './proofViews.tsx';
import { actor, certificateFrom, type C } from './routeHelpers.ts';
import { proofAndFeesApiRoutes } from './proofAndFeesApi.ts';

/** The earner's page of a proof-of-completion application (its loader and view, rendered). */
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
  const model: ProofApplicationModel = {
    title: v.title,
    status: app.status,
    program: app.proof_program,
    deadline: app.deadline_at,
    editable,
    daysLeft,
    credential,
    base: `/applications/${app.public_id}`,
    certificate: item,
    payment,
    decisions: attempts.filter((a) => a.decision),
  };
  return page(
    c,
    v.title,
    <ProofApplicationView model={model} form={form} csrfToken={c.var.csrfToken} />,
    status,
  );
}

/** The staff's proof-and-fees queue of an organisation (its loader and view, rendered). */
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
  const model: QueueModel = { organisation, open, decided, form, formFor };
  return page(c, 'Proof & fees', <QueueView model={model} csrfToken={c.var.csrfToken} />, status);
}

/** Earners upload certificates and read invoices; staff decide from the queue, mark invoices paid and refund. HTML and JSON. */
export function proofAndFeesRoutes() {
  const r = new Hono<AppEnv>();
  earnerRoutes(r);
  staffRoutes(r);
  proofAndFeesApiRoutes(r);
  return r;
}

/** The earner's forms (certificate upload, submission) and the printable invoice or receipt. */
function earnerRoutes(r: Hono<AppEnv>) {
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
      <ReceiptView
        kind={kind}
        invoiceNumber={p.invoice_number}
        rows={rows}
        instructions={p.state === 'pending' ? p.instructions : null}
      />,
    );
  });
}

/** The staff's queue and its forms: approve, reject, mark paid, refund. */
function staffRoutes(r: Hono<AppEnv>) {
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
}
