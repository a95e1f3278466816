import { publicId } from '../../../domain/ids.ts';
import type { Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { invoiceMail } from '../mail.tsx';
import { paymentProviderFor } from '../registry.ts';
import { nextInvoiceNumber, organisationName } from '../queries.ts';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';
import { mailEarner } from './shared.ts';
import { earningPaths } from '../../earning/index.ts';
import { paymentPaths } from '../paths.ts';

/** The new application a fee is charged for. */
interface FeeApplication {
  id: number;
  publicId: string;
  organisationId: number;
  earnerUserId: number;
  title: string;
  amountMinor: number;
  currency: string;
}

/**
 * Creates the fee payment of a new proof-of-completion application (inside the application's
 * transaction): an invoice number, the provider's instructions, an audit entry and the invoice
 * email. Nothing is created when the fee is zero.
 */
export async function createApplicationPayment(
  tx: Tx,
  deps: CommandDeps,
  { actor, application: app, now }: { actor: Actor; application: FeeApplication; now: Date },
): Promise<{ publicId: string; invoiceNumber: string } | null> {
  if (app.amountMinor <= 0) return null;
  const provider = paymentProviderFor(deps.config);
  const invoiceNumber = await nextInvoiceNumber(tx, app.organisationId);
  const id = publicId('pay');
  const created = await provider.createPayment({
    paymentId: id,
    invoiceNumber,
    amountMinor: app.amountMinor,
    currency: app.currency,
    description: app.title,
    organisationName: await organisationName(tx, app.organisationId),
    returnUrl: appLink(deps.config, earningPaths.application(app.publicId)),
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
  await announceInvoice(tx, deps, {
    actor,
    app,
    payment: { id, invoiceNumber, instructions: created.instructions, provider: provider.name },
    now,
  });
  return { publicId: id, invoiceNumber };
}

/** The audit entry and the invoice email of a new fee payment. */
async function announceInvoice(
  tx: Tx,
  deps: CommandDeps,
  {
    actor,
    app,
    payment,
    now,
  }: {
    actor: Actor;
    app: FeeApplication;
    payment: { id: string; invoiceNumber: string; instructions: string; provider: string };
    now: Date;
  },
): Promise<void> {
  await recordAudit(
    tx,
    {
      organisationId: app.organisationId,
      actorUserId: actor.userId,
      action: 'payment.created',
      subjectType: 'payment',
      subjectId: payment.id,
      data: {
        application: app.publicId,
        invoice: payment.invoiceNumber,
        amountMinor: app.amountMinor,
        currency: app.currency,
        provider: payment.provider,
      },
      ip: actor.ip,
    },
    now,
  );
  await mailEarner(
    tx,
    app.earnerUserId,
    app.organisationId,
    (name, locale) =>
      invoiceMail({
        name,
        title: app.title,
        invoiceNumber: payment.invoiceNumber,
        amountMinor: app.amountMinor,
        currency: app.currency,
        instructions: payment.instructions,
        link: appLink(deps.config, paymentPaths.receipt(payment.id)),
        ...(locale ? { locale } : {}),
      }),
    now,
  );
}
