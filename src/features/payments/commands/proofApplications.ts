import { z } from 'zod';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { formatMoney } from '../../../domain/money.ts';
import { CERTIFICATE_PART } from '../../catalog/index.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { findUser, primaryEmail } from '../../../storage/users.ts';
import { queueMail } from '../../../mail/outbox.ts';
import type { RenderedMail } from '../../../mail/templates.tsx';
import { invoiceMail, proofApprovedMail, proofRejectedMail, receiptMail, refundMail } from '../mail.tsx';
import { paymentProviderFor, paymentProviderNamed } from '../registry.ts';
import { earnersApplication } from '../../earning/index.ts';
import { issuePassedApplication } from '../../earning/index.ts';
import { saveEvidenceFile, sniffEvidence, submitApplication } from '../../earning/index.ts';
import { requireMember } from '../../accounts/index.ts';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';

/** A command's caller: who acts, the address of what it acts on, then the rest of its input. */
type CommandCall<Address> = { actor: Actor } & Address & Record<string, unknown>;
const onApplication = z.object({ application: z.string() });
const onStaffApplication = z.object({ orgSlug: z.string(), application: z.string() });
const onStaffPayment = z.object({ orgSlug: z.string(), payment: z.string() });

/** Certificates are documents or scans: PDF, PNG or JPEG, checked by their bytes. */
function certificateType(bytes: Uint8Array): string | null {
  const type = sniffEvidence(bytes);
  return type && ['application/pdf', 'image/png', 'image/jpeg'].includes(type) ? type : null;
}

/** Whether an application's version is earned by proof of completion. */
export async function isProofVersion(db: Queryable, versionId: number): Promise<boolean> {
  const v = await db
    .selectFrom('micro_credential_versions')
    .select('earning_mode')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  return v.earning_mode === 'proof_of_completion';
}

export const programInput = z.object({ program: z.string().trim().max(300).optional() });

/**
 * The earner's choice of pre-approved program when applying: required and checked against the
 * design's list when it has one.
 */
export function chosenProgram(approved: string[], input: unknown): string | null {
  const { program } = parseInput(programInput, input ?? {});
  if (!approved.length) return program || null;
  if (!program)
    throw invalid(
      { program: 'Choose the pre-approved program you completed.' },
      'Choose the pre-approved program you completed.',
    );
  if (!approved.includes(program))
    throw invalid(
      { program: 'That program is not on the list of pre-approved programs.' },
      'That program is not on the list of pre-approved programs.',
    );
  return program;
}

/** The next invoice number of an organisation (INV-000001, …): one atomic counter row per organisation. */
async function nextInvoiceNumber(tx: Queryable, organisationId: number): Promise<string> {
  const row = await tx
    .insertInto('invoice_counters')
    .values({ organisation_id: organisationId, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('organisation_id')
        .doUpdateSet((eb) => ({ last_number: eb('invoice_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `INV-${String(row.last_number).padStart(6, '0')}`;
}

async function mailEarner(
  tx: Tx,
  userId: number,
  organisationId: number,
  build: (name: string) => RenderedMail,
  now: Date,
): Promise<boolean> {
  const user = await findUser(tx, userId);
  const address = await primaryEmail(tx, userId);
  if (!user || !address) return false;
  await queueMail(tx, address.email, build(user.name), now, { organisationId });
  return true;
}

/**
 * Creates the fee payment of a new proof-of-completion application (inside the application's
 * transaction): an invoice number, the provider's instructions, an audit entry and the invoice
 * email. Nothing is created when the fee is zero.
 */
export async function createApplicationPayment(
  tx: Tx,
  deps: CommandDeps,
  {
    actor,
    application: app,
    now,
  }: {
    actor: Actor;
    application: {
      id: number;
      publicId: string;
      organisationId: number;
      earnerUserId: number;
      title: string;
      amountMinor: number;
      currency: string;
    };
    now: Date;
  },
): Promise<{ publicId: string; invoiceNumber: string } | null> {
  if (app.amountMinor <= 0) return null;
  const provider = paymentProviderFor(deps.config);
  const org = await tx
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', app.organisationId)
    .executeTakeFirstOrThrow();
  const invoiceNumber = await nextInvoiceNumber(tx, app.organisationId);
  const id = publicId('pay');
  const created = await provider.createPayment({
    paymentId: id,
    invoiceNumber,
    amountMinor: app.amountMinor,
    currency: app.currency,
    description: app.title,
    organisationName: org.name,
    returnUrl: appLink(deps.config, `/applications/${app.publicId}`),
  });
  await tx
    .insertInto('payments')
    .values({
      public_id: id,
      organisation_id: app.organisationId,
      application_id: app.id,
      payer_user_id: app.earnerUserId,
      amount_minor: app.amountMinor,
      currency: app.currency,
      provider: provider.name,
      provider_reference: created.reference,
      state: created.state,
      invoice_number: invoiceNumber,
      instructions: created.instructions,
      paid_at: created.state === 'paid' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const amount = formatMoney(app.amountMinor, app.currency);
  await recordAudit(
    tx,
    {
      organisationId: app.organisationId,
      actorUserId: actor.userId,
      action: 'payment.created',
      subjectType: 'payment',
      subjectId: id,
      data: {
        application: app.publicId,
        invoice: invoiceNumber,
        amountMinor: app.amountMinor,
        currency: app.currency,
        provider: provider.name,
      },
      ip: actor.ip,
    },
    now,
  );
  await mailEarner(
    tx,
    app.earnerUserId,
    app.organisationId,
    (name) =>
      invoiceMail({
        name,
        title: app.title,
        invoiceNumber,
        amount,
        instructions: created.instructions,
        link: appLink(deps.config, `/payments/${id}/receipt`),
      }),
    now,
  );
  return { publicId: id, invoiceNumber };
}

/** An application's current fee payment (the newest that is not cancelled), if any. */
export function currentPayment(db: Queryable, applicationId: number) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('state', '!=', 'cancelled')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Uploads the certificate of completion (PDF, PNG or JPEG, up to 10 MB), replacing an earlier
 * upload while the application is still open for changes.
 */
const certificateInput = onApplication.extend({
  file: z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) }).nullable(),
});

export async function uploadCertificate(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string; file: { name: string; bytes: Uint8Array } | null }>,
): Promise<{ publicId: string }> {
  const { application: applicationPublicId, file } = parseInput(certificateInput, input);
  const app = await earnersApplication(deps.db, actor.userId, applicationPublicId);
  if (!(await isProofVersion(deps.db, app.version_id)))
    throw conflict('This application does not take a certificate of completion.');
  if (!file || file.bytes.length === 0)
    throw invalid(
      { certificate: 'Choose your certificate of completion (a PDF or an image).' },
      'Choose your certificate of completion (a PDF or an image).',
    );
  if (file.bytes.length > CERTIFICATE_PART.maxSizeMb * 1024 * 1024)
    throw invalid(
      { certificate: `Certificates are limited to ${CERTIFICATE_PART.maxSizeMb} MB.` },
      `Certificates are limited to ${CERTIFICATE_PART.maxSizeMb} MB.`,
    );
  if (!certificateType(file.bytes))
    throw invalid(
      { certificate: 'Upload the certificate as a PDF, PNG or JPEG file.' },
      'Upload the certificate as a PDF, PNG or JPEG file.',
    );
  try {
    return await saveEvidenceFile(deps, { actor, application: applicationPublicId, part: 0, file });
  } catch (error) {
    if (error instanceof AppError && error.fields.part0)
      throw invalid({ certificate: error.fields.part0 }, error.fields.part0);
    throw error;
  }
}

/** A proof-of-completion application of the acting staff member's organisation, or not_found. */
async function staffApplication(tx: Queryable, organisationId: number, applicationPublicId: string) {
  const app = await tx
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .select([
      'p.id',
      'p.public_id',
      'p.status',
      'p.organisation_id',
      'p.earner_user_id',
      'p.attempts',
      'v.title',
      'v.earning_mode',
    ])
    .where('p.public_id', '=', applicationPublicId)
    .where('p.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!app || app.earning_mode !== 'proof_of_completion') throw notFound('That application');
  return app;
}

async function openAttempt(tx: Queryable, applicationId: number) {
  return tx
    .selectFrom('attempts')
    .select(['id', 'number'])
    .where('application_id', '=', applicationId)
    .where('decision', 'is', null)
    .orderBy('number', 'desc')
    .executeTakeFirst();
}

export const approveInput = z.object({ note: z.string().trim().max(5000).optional() });

/**
 * Approves a submitted certificate: only once the fee is paid (a clear refusal otherwise), never
 * by the earner; the credential is issued by the `applications.issue` job, exactly once.
 */
export async function approveProofApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; application: string }>,
): Promise<void> {
  const { orgSlug, application: applicationPublicId } = parseInput(onStaffApplication, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'credentials.issue');
    const app = await staffApplication(tx, organisation.id, applicationPublicId);
    if (app.earner_user_id === actor.userId) throw forbidden('You cannot decide your own application.');
    const { note } = parseInput(approveInput, input);
    if (!['submitted', 'in_review'].includes(app.status))
      throw conflict(
        app.status === 'passed'
          ? 'This application has already been approved.'
          : 'This application is not waiting for a decision (the earner has not submitted a certificate, or it was decided or withdrawn).',
      );
    const attempt = await openAttempt(tx, app.id);
    if (!attempt) throw conflict('There is no submitted certificate to approve.');
    const payment = await currentPayment(tx, app.id);
    if (payment && payment.state !== 'paid') {
      throw conflict(
        `The fee has not been paid: invoice ${payment.invoice_number} (${formatMoney(payment.amount_minor, payment.currency)}) is ${payment.state}. Mark it paid before approving; the badge can only be issued after payment.`,
      );
    }
    const decided = await tx
      .updateTable('attempts')
      .set({
        decision: 'passed',
        reviewer_user_id: actor.userId,
        reviewed_at: now,
        overall_feedback: note || 'Certificate of completion approved.',
      })
      .where('id', '=', attempt.id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1)
      throw conflict('Someone else decided this application a moment ago; reload the queue.');
    await tx
      .updateTable('applications')
      .set({ status: 'passed', passed_at: now, updated_at: now })
      .where('id', '=', app.id)
      .execute();
    await issuePassedApplication.enqueue(tx, { applicationId: app.id }, now, {
      idempotencyKey: `issue:${app.public_id}`,
      organisationId: app.organisation_id,
    });
    await mailEarner(
      tx,
      app.earner_user_id,
      app.organisation_id,
      (name) =>
        proofApprovedMail({
          name,
          title: app.title,
          link: appLink(deps.config, `/applications/${app.public_id}`),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.approved',
        subjectType: 'application',
        subjectId: app.public_id,
        data: { attempt: attempt.number, payment: payment?.public_id ?? null },
        ip: actor.ip,
      },
      now,
    );
  });
}

export const rejectInput = z.object({
  reasons: z
    .string({ message: 'Write the reasons for the earner.' })
    .trim()
    .min(1, 'Write the reasons for the earner.')
    .max(5000),
});

/** Rejects a submitted certificate with reasons (emailed to the earner); the fee is left for staff to refund. */
export async function rejectProofApplication(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; application: string }>,
): Promise<void> {
  const { orgSlug, application: applicationPublicId } = parseInput(onStaffApplication, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Access first (organisation, permission, the application itself), then the reasons.
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'credentials.issue');
    const app = await staffApplication(tx, organisation.id, applicationPublicId);
    if (app.earner_user_id === actor.userId) throw forbidden('You cannot decide your own application.');
    const { reasons } = parseInput(rejectInput, input);
    if (!['submitted', 'in_review'].includes(app.status))
      throw conflict('This application is not waiting for a decision.');
    const attempt = await openAttempt(tx, app.id);
    if (!attempt) throw conflict('There is no submitted certificate to reject.');
    const payment = await currentPayment(tx, app.id);
    const decided = await tx
      .updateTable('attempts')
      .set({
        decision: 'rejected',
        reviewer_user_id: actor.userId,
        reviewed_at: now,
        overall_feedback: reasons,
      })
      .where('id', '=', attempt.id)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1)
      throw conflict('Someone else decided this application a moment ago; reload the queue.');
    await tx
      .updateTable('applications')
      .set({ status: 'rejected', updated_at: now })
      .where('id', '=', app.id)
      .execute();
    if (payment?.state === 'pending')
      await tx
        .updateTable('payments')
        .set({ state: 'cancelled', updated_at: now })
        .where('id', '=', payment.id)
        .execute();
    const feeNote = !payment
      ? 'There was no fee for this application.'
      : payment.state === 'paid'
        ? `Your fee of ${formatMoney(payment.amount_minor, payment.currency)} (invoice ${payment.invoice_number}) is handled by ${organisation.name}: if it is refunded you will receive a separate email.`
        : `Invoice ${payment.invoice_number} has been cancelled; do not pay it.`;
    await mailEarner(
      tx,
      app.earner_user_id,
      app.organisation_id,
      (name) =>
        proofRejectedMail({
          name,
          title: app.title,
          reasons,
          feeNote,
          link: appLink(deps.config, `/applications/${app.public_id}`),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: app.organisation_id,
        actorUserId: actor.userId,
        action: 'application.rejected',
        subjectType: 'application',
        subjectId: app.public_id,
        data: {
          attempt: attempt.number,
          payment: payment?.public_id ?? null,
          paymentState: payment?.state ?? null,
        },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** A payment of the acting staff member's organisation (404 for anyone else). */
async function staffPayment(tx: Queryable, organisationId: number, paymentPublicId: string) {
  const payment = await tx
    .selectFrom('payments as y')
    .innerJoin('applications as p', 'p.id', 'y.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .selectAll('y')
    .select(['p.public_id as application_public_id', 'p.earner_user_id', 'v.title'])
    .where('y.public_id', '=', paymentPublicId)
    .where('y.organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!payment) throw notFound('That payment');
  return payment;
}

export const markPaidInput = z.object({
  reference: z
    .string({ message: 'Enter the payment reference (transfer or cheque number).' })
    .trim()
    .min(1, 'Enter the payment reference (transfer or cheque number).')
    .max(200),
});

/** Staff record that an invoice was paid (with the transfer or cheque number); the earner is emailed a receipt. */
export async function markPaymentPaid(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; payment: string }>,
): Promise<void> {
  const { orgSlug, payment: paymentPublicId } = parseInput(onStaffPayment, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'credentials.issue');
    const payment = await staffPayment(tx, organisation.id, paymentPublicId);
    if (payment.earner_user_id === actor.userId || payment.payer_user_id === actor.userId)
      throw forbidden('You cannot mark your own payment paid; ask another member of staff.');
    const { reference } = parseInput(markPaidInput, input);
    if (!paymentProviderNamed(payment.provider).staffMarksPaid)
      throw conflict('This payment is confirmed by its payment processor, not by staff.');
    if (payment.state !== 'pending')
      throw conflict(`Invoice ${payment.invoice_number} is ${payment.state}, not waiting for payment.`);
    const updated = await tx
      .updateTable('payments')
      .set({
        state: 'paid',
        provider_reference: reference,
        marked_paid_by: actor.userId,
        paid_at: now,
        receipt_sent_at: now,
        updated_at: now,
      })
      .where('id', '=', payment.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict('Someone else changed this payment; reload and try again.');
    const amount = formatMoney(payment.amount_minor, payment.currency);
    await mailEarner(
      tx,
      payment.earner_user_id,
      payment.organisation_id,
      (name) =>
        receiptMail({
          name,
          title: payment.title,
          invoiceNumber: payment.invoice_number,
          amount,
          reference,
          paidOn: now.toISOString().slice(0, 10),
          link: appLink(deps.config, `/payments/${payment.public_id}/receipt`),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: payment.organisation_id,
        actorUserId: actor.userId,
        action: 'payment.marked_paid',
        subjectType: 'payment',
        subjectId: payment.public_id,
        data: { invoice: payment.invoice_number, reference, application: payment.application_public_id },
        ip: actor.ip,
      },
      now,
    );
  });
}

export const refundInput = z.object({
  reason: z
    .string({ message: 'Write why the fee is refunded.' })
    .trim()
    .min(1, 'Write why the fee is refunded.')
    .max(2000),
  reference: z.string().trim().max(200).optional(),
});

/** Staff refund a paid fee (through its provider; for invoices, the staff's own transfer reference). */
export async function refundPayment(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; payment: string }>,
): Promise<{ reference: string }> {
  const { orgSlug, payment: paymentPublicId } = parseInput(onStaffPayment, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'credentials.issue');
    const payment = await staffPayment(tx, organisation.id, paymentPublicId);
    if (payment.earner_user_id === actor.userId)
      throw forbidden('You cannot refund your own payment; ask another member of staff.');
    const v = parseInput(refundInput, input);
    if (payment.state !== 'paid')
      throw conflict(
        `Only a paid invoice can be refunded; invoice ${payment.invoice_number} is ${payment.state}.`,
      );
    // Claim the payment first so two refunds can never both reach the provider.
    const claimed = await tx
      .updateTable('payments')
      .set({
        state: 'refunded',
        refunded_by: actor.userId,
        refunded_at: now,
        refund_reason: v.reason,
        updated_at: now,
      })
      .where('id', '=', payment.id)
      .where('state', '=', 'paid')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw conflict('Someone else changed this payment; reload and try again.');
    const refund = await paymentProviderNamed(payment.provider).refund({
      reference: payment.provider_reference,
      amountMinor: payment.amount_minor,
      currency: payment.currency,
      staffReference: v.reference,
    });
    await tx
      .updateTable('payments')
      .set({ refund_reference: refund.reference })
      .where('id', '=', payment.id)
      .execute();
    const amount = formatMoney(payment.amount_minor, payment.currency);
    await mailEarner(
      tx,
      payment.earner_user_id,
      payment.organisation_id,
      (name) =>
        refundMail({
          name,
          title: payment.title,
          invoiceNumber: payment.invoice_number,
          amount,
          reference: refund.reference,
          link: appLink(deps.config, `/payments/${payment.public_id}/receipt`),
        }),
      now,
    );
    await recordAudit(
      tx,
      {
        organisationId: payment.organisation_id,
        actorUserId: actor.userId,
        action: 'payment.refunded',
        subjectType: 'payment',
        subjectId: payment.public_id,
        data: {
          invoice: payment.invoice_number,
          reference: refund.reference,
          reason: v.reason,
          application: payment.application_public_id,
        },
        ip: actor.ip,
      },
      now,
    );
    return { reference: refund.reference };
  });
}

/** The staff queue: proof-of-completion applications of an organisation with their payment. */
export function proofQueue(db: Queryable, organisationId: number, which: 'open' | 'decided') {
  let q = db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('users as u', 'u.id', 'p.earner_user_id')
    .leftJoin('payments as y', (j) =>
      j.onRef('y.application_id', '=', 'p.id').on('y.state', '!=', 'cancelled'),
    )
    .leftJoin('evidence_items as e', (j) =>
      j.onRef('e.application_id', '=', 'p.id').on('e.part_index', '=', 0),
    )
    .leftJoin('evidence_files as f', 'f.id', 'e.file_id')
    .select([
      'p.public_id',
      'p.status',
      'p.proof_program',
      'p.created_at',
      'p.updated_at',
      'v.title',
      'u.name as earner_name',
      'y.public_id as payment_id',
      'y.state as payment_state',
      'y.invoice_number',
      'y.amount_minor',
      'y.currency',
      'f.public_id as file_id',
      'f.filename',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('v.earning_mode', '=', 'proof_of_completion');
  q =
    which === 'open'
      ? q.where('p.status', 'in', ['in_progress', 'submitted', 'in_review']).orderBy('p.updated_at')
      : q.where('p.status', 'in', ['passed', 'rejected']).orderBy('p.updated_at', 'desc').limit(100);
  return q.execute();
}

/** Submits the uploaded certificate to the issuer's queue (the fee may still be outstanding; approval waits for it). */
export async function submitProof(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ application: string }>,
): Promise<{ attempt: number }> {
  const { application: applicationPublicId } = parseInput(onApplication, input);
  const app = await earnersApplication(deps.db, actor.userId, applicationPublicId);
  if (!(await isProofVersion(deps.db, app.version_id)))
    throw conflict('This application is not earned with a certificate of completion.');
  try {
    return await submitApplication(deps, { actor, application: applicationPublicId });
  } catch (error) {
    if (error instanceof AppError && error.fields.part0)
      throw invalid(
        { certificate: 'Upload your certificate of completion before submitting.' },
        'Upload your certificate of completion before submitting.',
      );
    throw error;
  }
}
