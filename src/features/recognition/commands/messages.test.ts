import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../../../domain/validation.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { translateMessage, translateProblems } from '../../../web/i18n/commandMessages.ts';
import { assertGroupSaidInSpanish, refusal } from '../../../testing/commandMessageChecks.ts';
import { programInput } from './programTerms.ts';
import { requestSessionInput } from '../sessions/commands/requestSession.ts';
import { rosterRows } from '../sessions/commands/uploadRoster.ts';

describe('recognition commands answer from the catalogue', () => {
  const es = translator('es');

  test('every recognition message is recognised and said in Spanish', () => {
    assertGroupSaidInSpanish('recognition');
  });

  test('a program’s checks answer in English; the page says them in Spanish', () => {
    const err = refusal(() =>
      parseInput(programInput, { name: 'x', licenseName: 'License', cycleYears: '30', unitRule: 'fixed' }),
    );
    assert.equal(err.fields.cycleYears, 'A renewal cycle is 1 to 20 years.');
    assert.equal(err.fields.name, 'Name the program, e.g. “Educator license renewal”.');
    const form = translateProblems(es, { values: {}, errors: err.fields, message: err.message });
    assert.equal(form.errors.cycleYears, 'Un ciclo de renovación dura de 1 a 20 años.');
    assert.equal(form.errors.name, 'Ponle nombre al programa, p. ej. «Renovación de la licencia docente».');
  });

  test('a session request’s checks and a roster’s lines come back in Spanish', () => {
    const session = refusal(() =>
      parseInput(requestSessionInput, {
        microCredential: 'mc',
        title: '',
        startsOn: '18/04/2026',
        hours: 0.1,
      }),
    );
    assert.equal(session.fields.title, 'Give the session’s title.');
    assert.equal(translateMessage(es, session.fields.title ?? ''), 'Indica el título de la sesión.');
    assert.equal(
      translateMessage(es, session.fields.startsOn ?? ''),
      'Escribe el primer día como una fecha, p. ej. 2026-04-18.',
    );
    const roster = refusal(() => rosterRows('name,email\nTaylor,taylor-at-example\n,sam@example.org\n'));
    assert.equal(
      roster.fields.roster,
      'Nothing was uploaded. Give a valid email address on line 2 and a name on line 3.',
    );
    assert.equal(
      translateMessage(es, roster.fields.roster ?? ''),
      'No se subió nada. Escribe un correo electrónico válido en la línea 2 y un nombre en la línea 3.',
    );
  });
});
