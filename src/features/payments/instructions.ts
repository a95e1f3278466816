import { z } from 'zod';
import type { Translator } from '../../web/i18n/i18n.ts';
import { moneyWords } from './moneyWords.ts';

/**
 * How to pay, as facts a provider gives when a payment is created; the words are chosen when the
 * instructions are shown (page, invoice email, JSON API), in the reader's language.
 */
export type PaymentInstructions =
  | { kind: 'nothingToPay' }
  | { kind: 'transfer'; amountMinor: number; currency: string; payee: string; reference: string };

/**
 * A payment's instructions as stored: the facts, or the English text kept with payments made
 * before the facts were (shown as it is).
 */
export type StoredInstructions = PaymentInstructions | string;

const facts = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nothingToPay') }),
  z.object({
    kind: z.literal('transfer'),
    amountMinor: z.number().int(),
    currency: z.string(),
    payee: z.string(),
    reference: z.string(),
  }),
]);

/** The instructions of a payment row: its facts when it has them, else its stored text. */
export function storedInstructions(row: {
  instruction_facts: unknown;
  instructions: string;
}): StoredInstructions {
  const parsed = facts.safeParse(row.instruction_facts);
  return parsed.success ? parsed.data : row.instructions;
}

/** The instructions in the reader's words. */
export function instructionWords(
  i18n: Pick<Translator, 't' | 'number'>,
  instructions: StoredInstructions,
): string {
  if (typeof instructions === 'string') return instructions;
  if (instructions.kind === 'nothingToPay') return i18n.t('payments.instructions.nothingToPay');
  return i18n.t('payments.instructions.transfer', {
    amount: moneyWords(i18n.number, instructions.amountMinor, instructions.currency),
    payee: instructions.payee,
    invoice: instructions.reference,
  });
}
