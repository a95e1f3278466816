import { AppError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/money.ts';
import type { PaymentProvider } from './provider.ts';

/**
 * The manual / invoice provider: Cairn issues a numbered invoice with payment instructions, the
 * payer pays by bank transfer or cheque, and the issuer's staff mark the invoice paid with the
 * transfer or cheque number (a receipt is emailed). It takes no webhooks and holds no money, so
 * a refund is recorded by staff with their own reference.
 */
export const manualInvoiceProvider: PaymentProvider = {
  name: 'manual',
  label: 'Invoice (bank transfer or cheque)',
  staffMarksPaid: true,
  async createPayment(request) {
    const amount = formatMoney(request.amountMinor, request.currency);
    return {
      reference: null,
      state: request.amountMinor === 0 ? 'paid' : 'pending',
      instructions:
        request.amountMinor === 0
          ? 'There is no fee to pay.'
          : `Pay ${amount} to ${request.organisationName} by bank transfer or cheque, quoting invoice ${request.invoiceNumber}. Staff mark the invoice paid when the money arrives and email you a receipt.`,
    };
  },
  async handleStatusUpdate() {
    throw new AppError(
      'not_found',
      'The manual invoice provider takes no status updates; staff mark invoices paid.',
    );
  },
  async refund(request) {
    return { reference: request.staffReference?.trim() || `manual-refund-${request.reference ?? 'invoice'}` };
  },
};
