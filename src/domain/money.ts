/** Money as integer minor units of an ISO 4217 currency (USD 25.00 = 2500). */

/** How many decimals a currency's minor unit has (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** “USD 25.00” — the code first, so nothing depends on a locale's symbol. */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${currency} ${(amountMinor / 10 ** digits).toFixed(digits)}`;
}

/** Parses “25”, “25.5” or “25.00” into minor units; null when it is not a plain non-negative amount. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const [whole, frac = ''] = t.replace('-', '').split('.');
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  return t.startsWith('-') ? -minor : minor;
}
