import { requireMember } from '../../accounts/index.ts';
import { applicationFacts, earnersApplication, earningPaths } from '../../earning/index.ts';
import { issuingPaths } from '../../issuing/index.ts';
import type { Queryable } from '../../../storage/database.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { paymentPaths } from '../paths.ts';
import { certificateAndAttempts, currentPayment, paymentFor, proofQueue, versionTitle } from '../queries.ts';
import { paymentProviderNamed } from '../registry.ts';
import type { ProofApplicationModel, ReceiptModel } from './proofViews.tsx';
import type { QueueItem, QueueModel } from './queueViews.tsx';

/** The loaders of the proof-and-fees pages: each reads through the queries and returns its view's model. */

/** The earner's page of one of their proof-of-completion applications (others find nothing). */
export async function loadProofApplication(
  db: Queryable,
  userId: number,
  applicationPublicId: string,
  now: Date,
): Promise<ProofApplicationModel> {
  const app = await earnersApplication(db, userId, applicationPublicId);
  const v = await versionTitle(db, app.version_id);
  const [[certificate, attempts], payment] = await Promise.all([
    certificateAndAttempts(db, app.id),
    currentPayment(db, app.id),
  ]);
  const { editable, daysLeft, credential } = await applicationFacts(db, app, now);
  return {
    title: v.title,
    status: app.status,
    program: app.proof_program,
    deadline: app.deadline_at,
    editable,
    withdrawable: ['in_progress', 'submitted', 'in_review'].includes(app.status),
    daysLeft,
    credential: credential
      ? { publicId: credential.public_id, href: issuingPaths.badge(credential.public_id) }
      : null,
    actions: {
      submit: paymentPaths.proofSubmit(app.public_id),
      withdraw: earningPaths.applicationWithdraw(app.public_id),
      certificate: paymentPaths.certificate(app.public_id),
    },
    certificate: certificate
      ? { filename: certificate.filename, href: earningPaths.evidenceFile(certificate.public_id) }
      : null,
    payment: payment
      ? {
          invoiceNumber: payment.invoice_number,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
          state: payment.state,
          instructions: payment.instructions,
          receiptHref: paymentPaths.receipt(payment.public_id),
        }
      : null,
    decisions: attempts
      .filter((a) => a.decision)
      .map((a) => ({ passed: a.decision === 'passed', feedback: a.overall_feedback })),
  };
}

type QueueRow = Awaited<ReturnType<typeof proofQueue>>[number];

/** One row of the queue as its view shows it, with the addresses of its forms. */
function queueItem(orgSlug: string, a: QueueRow): QueueItem {
  return {
    publicId: a.public_id,
    earner: a.earner_name,
    title: a.title,
    status: a.status,
    appliedOn: a.created_at,
    program: a.proof_program,
    certificate:
      a.file_id && a.filename ? { filename: a.filename, href: earningPaths.evidenceFile(a.file_id) } : null,
    payment: a.payment_id
      ? {
          publicId: a.payment_id,
          invoiceNumber: a.invoice_number ?? '',
          amountMinor: a.amount_minor ?? 0,
          currency: a.currency ?? '',
          state: a.payment_state ?? '',
          receiptHref: paymentPaths.receipt(a.payment_id),
          markPaidAction: paymentPaths.markPaid(orgSlug, a.payment_id),
          refundAction: paymentPaths.refund(orgSlug, a.payment_id),
        }
      : null,
    decidable: ['submitted', 'in_review'].includes(a.status),
    approveAction: paymentPaths.approve(orgSlug, a.public_id),
    rejectAction: paymentPaths.reject(orgSlug, a.public_id),
  };
}

/** The staff's proof-and-fees queue of an organisation; `form` belongs to the row whose id is `formFor`. */
export async function loadQueue(
  db: Queryable,
  userId: number,
  orgSlug: string,
  { form = emptyForm, formFor = '' }: { form?: FormState; formFor?: string } = {},
): Promise<QueueModel> {
  const { organisation } = await requireMember(db, orgSlug, userId, 'applications.read');
  const [open, decided] = await Promise.all([
    proofQueue(db, organisation.id, 'open'),
    proofQueue(db, organisation.id, 'decided'),
  ]);
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    open: open.map((a) => queueItem(organisation.slug, a)),
    decided: decided.map((a) => queueItem(organisation.slug, a)),
    form,
    formFor,
  };
}

/** A fee's printable invoice or receipt, for its earner or the issuer's staff (others find nothing). */
export async function loadReceipt(
  db: Queryable,
  userId: number,
  paymentPublicId: string,
): Promise<ReceiptModel> {
  const p = await paymentFor(db, userId, paymentPublicId);
  const provider = paymentProviderNamed(p.provider);
  return {
    paid: p.state === 'paid' || p.state === 'refunded',
    invoiceNumber: p.invoice_number,
    from: p.org_name,
    to: p.earner_name,
    title: p.title,
    amountMinor: p.amount_minor,
    currency: p.currency,
    issuedOn: p.created_at,
    state: p.state,
    paidOn: p.paid_at,
    reference: p.provider_reference,
    refund: p.refunded_at ? { on: p.refunded_at, reference: p.refund_reference } : null,
    provider: { name: provider.name, label: provider.label },
    instructions: p.state === 'pending' ? p.instructions : null,
  };
}
