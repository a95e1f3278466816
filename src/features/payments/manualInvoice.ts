import { AppError } from '../../domain/errors.ts';
import type { PaymentProvider } from './provider.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

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
    return {
      reference: null,
      state: request.amountMinor === 0 ? 'paid' : 'pending',
      instructions:
        request.amountMinor === 0
          ? { kind: 'nothingToPay' }
          : {
              kind: 'transfer',
              amountMinor: request.amountMinor,
              currency: request.currency,
              payee: request.organisationName,
              reference: request.invoiceNumber,
            },
    };
  },
  async handleStatusUpdate() {
    throw new AppError('not_found', commandMessage('errors.payments.noStatusUpdates'));
  },
  async refund(request) {
    return { reference: request.staffReference?.trim() || `manual-refund-${request.reference ?? 'invoice'}` };
  },
};
