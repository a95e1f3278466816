import { AppError } from '../../domain/errors.ts';
import type { Config } from '../../config.ts';
import type { PaymentProvider } from './provider.ts';
import { manualInvoiceProvider } from './manualInvoice.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

/** Every provider this build ships; a card processor is added here and to CAIRN_PAYMENT_PROVIDER. */
const providers: Record<Config['paymentProvider'], PaymentProvider> = { manual: manualInvoiceProvider };

/** The provider the configuration names (CAIRN_PAYMENT_PROVIDER). */
export function paymentProviderFor(config: Config): PaymentProvider {
  return providers[config.paymentProvider];
}

/** The provider a stored payment was made with (it may differ from today's configuration). */
export function paymentProviderNamed(name: string): PaymentProvider {
  const provider = (providers as Record<string, PaymentProvider | undefined>)[name];
  if (!provider) throw new AppError('conflict', commandMessage('errors.payments.unknownProvider', { name }));
  return provider;
}
