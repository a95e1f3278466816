import { minorDigits } from '../../domain/money.ts';
import type { Translator } from '../../web/i18n/i18n.ts';

/**
 * An amount of money (integer minor units of an ISO 4217 currency) written the reader's way with
 * Intl's currency formatting: "$25.00" in English, "25,00 US$" in Spanish.
 */
export function moneyWords(number: Translator['number'], amountMinor: number, currency: string): string {
  return number(amountMinor / 10 ** minorDigits(currency), { style: 'currency', currency });
}
