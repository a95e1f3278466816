import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../domain/errors.ts';
import { testConfig, testCredentialServices } from '../../testing/http.ts';
import type { Db } from '../../storage/database.ts';
import { translator } from '../../web/i18n/i18n.ts';
import { readSubmission, type Submission } from '../verification/index.ts';
import { commandMessage, recogniseMessage } from '../../web/i18n/commandMessages.ts';
import { backpackMessage, translateMessage } from './messages.ts';

// The import form's refusals come from the backpack's commands and from the credential reader it
// shares with /verify; each is found in the catalogue, so the page can say it in Spanish.

const es = translator('es');

async function refusal(submission: Submission): Promise<AppError> {
  const deps = {
    db: undefined as unknown as Db,
    config: testConfig(),
    services: testCredentialServices(),
    now: new Date(),
  };
  try {
    await readSubmission(deps, submission);
  } catch (err) {
    assert.ok(err instanceof AppError);
    return err;
  }
  throw new Error('expected a refusal');
}

describe('backpack messages', () => {
  test('every refusal of the credential reader is a catalogue message, and its field note too', async () => {
    const bytes = (s: string) => new Uint8Array(Buffer.from(s));
    const submissions: Submission[] = [
      {},
      { text: '{"a": ', url: 'https://x.example' },
      { text: '{"a": ' },
      { text: 'hello' },
      { url: 'not an address' },
      { url: 'ftp://badges.example.org/1' },
      { url: 'https://badges.example.org/1' },
      { file: { name: 'photo.png', bytes: bytes('not a badge at all') } },
    ];
    for (const submission of submissions) {
      const err = await refusal(submission);
      for (const text of [err.message, ...Object.values(err.fields)]) {
        assert.ok(recogniseMessage(text), `not in the catalogue: ${text}`);
        assert.notEqual(translateMessage(es, text), text, `not said in Spanish: ${text}`);
      }
    }
  });

  test('a message with values and braces goes back and forth; other text is left as it is', () => {
    const english = commandMessage('errors.verification.notJsonField', { open: '{', close: '}' });
    assert.equal(english, 'Paste the whole credential, from { to }.');
    assert.equal(translateMessage(es, english), 'Pega la credencial entera, de { a }.');
    const named = backpackMessage('alreadyInCollection', { name: 'For “the” district' });
    assert.equal(named, 'That badge is already in “For “the” district”.');
    assert.equal(translateMessage(es, named), 'Esa insignia ya está en «For “the” district».');
    assert.equal(translateMessage(es, 'Something else entirely.'), 'Something else entirely.');
  });
});
