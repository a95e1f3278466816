import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../../../domain/validation.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { commandMessage, translateMessage } from '../../../web/i18n/commandMessages.ts';
import { assertGroupSaidInSpanish, refusal } from '../../../testing/commandMessageChecks.ts';
import { markPaidInput, refundInput } from './feePayments.ts';
import { manualInvoiceProvider } from '../manualInvoice.ts';
import { instructionWords, storedInstructions } from '../instructions.ts';

describe('payment commands answer from the catalogue', () => {
  const es = translator('es');
  const en = translator('en');

  test('every payment message is recognised and said in Spanish', () => {
    assertGroupSaidInSpanish('payments');
  });

  test('fee checks answer in English; a page says them in Spanish', () => {
    const paid = refusal(() => parseInput(markPaidInput, { reference: ' ' }));
    assert.equal(paid.fields.reference, 'Enter the payment reference (transfer or cheque number).');
    assert.equal(
      translateMessage(es, paid.fields.reference ?? ''),
      'Escribe la referencia del pago (número de transferencia o de cheque).',
    );
    const refund = refusal(() => parseInput(refundInput, {}));
    assert.equal(translateMessage(es, refund.fields.reason ?? ''), 'Escribe por qué se reembolsa la tasa.');
    const state = commandMessage('errors.payments.notPaid.cancelled', { invoice: 'INV-000007' });
    assert.equal(state, 'Only a paid invoice can be refunded; invoice INV-000007 is cancelled.');
    assert.equal(
      translateMessage(es, state),
      'Solo se puede reembolsar una factura pagada; la factura INV-000007 está cancelada.',
    );
  });

  test('the manual invoice’s instructions are facts, worded in the reader’s language when shown', async () => {
    const created = await manualInvoiceProvider.createPayment({
      paymentId: 'pay_1',
      invoiceNumber: 'INV-000001',
      amountMinor: 2500,
      currency: 'USD',
      description: 'Trauma-informed practice',
      organisationName: 'State Teaching Board',
      returnUrl: 'https://cairn.example/applications/app_1',
    });
    assert.deepEqual(created.instructions, {
      kind: 'transfer',
      amountMinor: 2500,
      currency: 'USD',
      payee: 'State Teaching Board',
      reference: 'INV-000001',
    });
    const row = { instruction_facts: JSON.parse(JSON.stringify(created.instructions)), instructions: '' };
    assert.equal(
      instructionWords(en, storedInstructions(row)),
      'Pay $25.00 to State Teaching Board by bank transfer or cheque, quoting invoice INV-000001. Staff mark the invoice paid when the money arrives and email you a receipt.',
    );
    assert.equal(
      instructionWords(es, storedInstructions(row)),
      'Paga 25,00\u00a0US$ a State Teaching Board por transferencia bancaria o cheque, indicando la factura INV-000001. El personal marcará la factura como pagada cuando llegue el dinero y te enviará un recibo por correo.',
    );
  });

  test('a payment stored before the facts were kept shows its stored text', () => {
    const old = { instruction_facts: null, instructions: 'Pay USD 25.00 to the board, quoting INV-000001.' };
    assert.equal(instructionWords(es, storedInstructions(old)), old.instructions);
    const broken = { instruction_facts: { kind: 'transfer' }, instructions: 'Pay by transfer.' };
    assert.equal(instructionWords(es, storedInstructions(broken)), 'Pay by transfer.');
  });
});
