import type { PaymentState } from '../../storage/schema.ts';
import type { PaymentInstructions } from './instructions.ts';

/**
 * How Cairn takes an application fee. A provider sees only amounts, currencies and references:
 * Cairn never receives, stores or logs card numbers. A card processor would implement
 * `createPayment` by opening a checkout session on the processor's hosted payment page and
 * returning its `redirectUrl`; the card is typed there, and the processor's signed webhook
 * (`handleStatusUpdate`) tells Cairn the payment's new state.
 */
export interface PaymentProvider {
  /** The stable name stored on each payment (`payments.provider`). */
  readonly name: string;
  /** What staff and earners read. */
  readonly label: string;
  /** True when staff record payment by hand (invoices, cheques, transfers). */
  readonly staffMarksPaid: boolean;
  /** Starts a payment for an invoice. */
  createPayment(request: PaymentRequest): Promise<CreatedPayment>;
  /**
   * A status update from the provider (a webhook): verifies its signature and returns the
   * provider reference and new state, or throws when the signature does not verify.
   */
  handleStatusUpdate(update: {
    headers: Record<string, string>;
    body: string;
  }): Promise<{ reference: string; state: PaymentState }>;
  /** Gives the money back; returns the provider's reference for the refund. */
  refund(request: {
    reference: string | null;
    amountMinor: number;
    currency: string;
    staffReference?: string;
  }): Promise<{ reference: string }>;
}

export interface PaymentRequest {
  /** Cairn's public id of the payment (pay_…). */
  paymentId: string;
  invoiceNumber: string;
  amountMinor: number;
  currency: string;
  /** What is being paid for, e.g. the micro-credential's title. */
  description: string;
  organisationName: string;
  /** Where a hosted payment page would send the payer back to. */
  returnUrl: string;
}

export interface CreatedPayment {
  /** The provider's reference (a checkout session id); null until one exists (manual invoices). */
  reference: string | null;
  state: PaymentState;
  /** What the payer should do, as facts (worded in the reader's language on the invoice and in its email). */
  instructions: PaymentInstructions;
  /** A hosted payment page to send the payer to (card processors); absent for invoices. */
  redirectUrl?: string;
}
