import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../../../domain/validation.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { commandMessage, translateMessage, translateProblems } from '../../../web/i18n/commandMessages.ts';
import { assertGroupSaidInSpanish, refusal } from '../../../testing/commandMessageChecks.ts';
import { checkMapping, checkRow, ROW_PROBLEM_SEPARATOR } from './awardRoster.ts';
import { changeStatusInput } from './changeCredentialStatus.ts';
import { issueCredentialInput } from './issueCredentialInput.ts';

describe('issuing commands answer from the catalogue', () => {
  const es = translator('es');

  test('every issuing message is recognised and said in Spanish', () => {
    assertGroupSaidInSpanish('issuing');
  });

  test('status and credential checks answer in English; a page says them in Spanish', () => {
    const status = refusal(() =>
      parseInput(changeStatusInput, { organisationId: 1, credential: 'cred_1', action: 'delete' }),
    );
    assert.equal(status.fields.action, 'Choose revoke, suspend or reinstate.');
    assert.equal(translateMessage(es, status.fields.action ?? ''), 'Elige revocar, suspender o restablecer.');
    const issue = refusal(() =>
      parseInput(issueCredentialInput, {
        recipient: {},
        microCredential: 'mc_1',
        validFrom: '2026-05-02T00:00:00Z',
        validUntil: '2026-05-01T00:00:00Z',
      }),
    );
    assert.equal(issue.fields['recipient.email'], 'Give the recipient’s email or DID.');
    assert.equal(issue.fields.validUntil, 'validUntil must come after validFrom.');
    assert.deepEqual(translateProblems(es, { values: {}, errors: issue.fields }).errors, {
      'recipient.email': 'Indica el correo electrónico o el DID de la persona destinataria.',
      validUntil: 'validUntil debe ser posterior a validFrom.',
    });
  });

  test('a mapping without the email column is refused in words a page can translate', () => {
    const err = refusal(() => checkMapping(['Name', 'Mail'], { name: 'Name' }));
    assert.equal(err.fields.email, 'Choose the column with the recipients’ email addresses.');
    const missing = refusal(() => checkMapping(['Name'], { email: 'E-mail' }));
    assert.equal(missing.fields.email, 'There is no column “E-mail” in the file (its columns: Name).');
    assert.equal(
      translateMessage(es, missing.fields.email ?? ''),
      'El archivo no tiene ninguna columna «E-mail» (sus columnas: Name).',
    );
  });

  test('a row left out says each of its problems, one per line, each a catalogue message', () => {
    const row = checkRow(['Email', 'Credits'], { email: 'Email', credits: 'Credits' }, 4, [
      'not-an-email',
      'lots',
      'extra',
    ]);
    assert.equal(row.state, 'invalid');
    const lines = (row.error ?? '').split(ROW_PROBLEM_SEPARATOR);
    assert.deepEqual(lines, [
      '1 value in a column the header does not name (unknown column): “extra”.',
      '“not-an-email” is not an email address.',
      'Credits “lots” is not a number from 0 to 10000.',
    ]);
    assert.deepEqual(
      lines.map((line) => translateMessage(es, line)),
      [
        '1 valor en una columna que la cabecera no nombra (columna desconocida): «extra».',
        '«not-an-email» no es una dirección de correo electrónico.',
        'Los créditos «lots» no son un número del 0 al 10000.',
      ],
    );
  });

  test('values written by people stay as they are inside the Spanish', () => {
    const taken = commandMessage('errors.issuing.credential.idTaken', { id: 'urn:uuid:1234' });
    assert.match(taken, /with the id urn:uuid:1234\./);
    assert.match(translateMessage(es, taken), /con el identificador urn:uuid:1234\./);
    const two = commandMessage('errors.issuing.rows.duplicateExternalId', { row: '7' });
    assert.equal(
      translateMessage(es, two),
      'Misma persona destinataria e identificador externo que la fila 7: se emite una sola vez.',
    );
  });
});
