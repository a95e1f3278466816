import { z } from 'zod';
import { conflict, forbidden } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { receiptMail, refundMail } from '../mail.tsx';
import { paymentProviderNamed } from '../registry.ts';
import { requireActor } from '../../accounts/index.ts';
import { appLink, type CommandDeps, type OrganisationActor } from '../../../domain/commands.ts';
import { staffPayment } from '../queries.ts';
import { mailEarner, onStaffPayment, type CommandCall } from './shared.ts';
import { paymentPaths } from '../paths.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** Staff settle a fee: record an invoice as paid, or refund a paid fee. */

export const markPaidInput = z.object({
  reference: z
    .string({ message: commandMessage('errors.payments.reference') })
    .trim()
    .min(1, commandMessage('errors.payments.reference'))
    .max(200),
});

/** Staff record that an invoice was paid (with the transfer or cheque number); the earner is emailed a receipt. */
export async function markPaymentPaid(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; payment: string }, OrganisationActor>,
): Promise<void> {
  const { orgSlug, payment: paymentPublicId } = parseInput(onStaffPayment, input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireActor(tx, orgSlug, actor, 'payments.manage');
    const payment = await staffPayment(tx, organisation.id, paymentPublicId);
    if (payment.earner_user_id === actor.userId || payment.payer_user_id === actor.userId)
      throw forbidden(commandMessage('errors.payments.ownPaymentPaid'));
    const { reference } = parseInput(markPaidInput, input);
    if (!paymentProviderNamed(payment.provider).staffMarksPaid)
      throw conflict(commandMessage('errors.payments.processorConfirms'));
    if (payment.state !== 'pending')
      throw conflict(
        commandMessage(`errors.payments.notPending.${payment.state}`, { invoice: payment.invoice_number }),
      );
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
      throw conflict(commandMessage('errors.payments.changedMeanwhile'));
    await mailEarner(
      tx,
      payment.earner_user_id,
      payment.organisation_id,
      (name, locale) =>
        receiptMail({
          name,
          title: payment.title,
          invoiceNumber: payment.invoice_number,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
          reference,
          paidOn: now,
          link: appLink(deps.config, paymentPaths.receipt(payment.public_id)),
          ...(locale ? { locale } : {}),
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
    .string({ message: commandMessage('errors.payments.refundReason') })
    .trim()
    .min(1, commandMessage('errors.payments.refundReason'))
    .max(2000),
  reference: z.string().trim().max(200).optional(),
});

/** Staff refund a paid fee (through its provider; for invoices, the staff's own transfer reference). */
export async function refundPayment(
  deps: CommandDeps,
  { actor, ...input }: CommandCall<{ orgSlug: string; payment: string }, OrganisationActor>,
): Promise<{ reference: string }> {
  const { orgSlug, payment: paymentPublicId } = parseInput(onStaffPayment, input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireActor(tx, orgSlug, actor, 'payments.manage');
    const payment = await staffPayment(tx, organisation.id, paymentPublicId);
    if (payment.earner_user_id === actor.userId) throw forbidden(commandMessage('errors.payments.ownRefund'));
    const v = parseInput(refundInput, input);
    if (payment.state !== 'paid')
      throw conflict(
        commandMessage(`errors.payments.notPaid.${payment.state}`, { invoice: payment.invoice_number }),
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
      throw conflict(commandMessage('errors.payments.changedMeanwhile'));
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
    await mailEarner(
      tx,
      payment.earner_user_id,
      payment.organisation_id,
      (name, locale) =>
        refundMail({
          name,
          title: payment.title,
          invoiceNumber: payment.invoice_number,
          amountMinor: payment.amount_minor,
          currency: payment.currency,
          reference: refund.reference,
          link: appLink(deps.config, paymentPaths.receipt(payment.public_id)),
          ...(locale ? { locale } : {}),
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
