import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../../../domain/validation.ts';
import { translator } from '../../../web/i18n/i18n.ts';
import { commandMessage, translateMessage, translateProblems } from '../../../web/i18n/commandMessages.ts';
import { assertGroupSaidInSpanish, refusal } from '../../../testing/commandMessageChecks.ts';
import { teamInput } from '../teams/teams.ts';
import { reviewInput } from './reviewAttempt.ts';
import { outcomeInput } from './recordOutcome.ts';

describe('earning commands answer from the catalogue', () => {
  const es = translator('es');

  test('every earning message is recognised and said in Spanish', () => {
    assertGroupSaidInSpanish('earning');
  });

  test('team, review and outcome checks answer in English; a page says them in Spanish', () => {
    const team = refusal(() => parseInput(teamInput, { name: '', microCredentials: [] }));
    assert.deepEqual(team.fields, {
      name: 'Name the team.',
      microCredentials: 'Choose at least one micro-credential to work on together.',
    });
    assert.deepEqual(translateProblems(es, { values: {}, errors: team.fields }).errors, {
      name: 'Ponle nombre al equipo.',
      microCredentials: 'Elige al menos una microcredencial para trabajar juntos.',
    });
    const review = refusal(() =>
      parseInput(reviewInput, { scores: {}, overallFeedback: ' ', decision: 'maybe' }),
    );
    assert.equal(review.fields.decision, 'Decide: pass or needs revision.');
    assert.equal(translateMessage(es, review.fields.decision ?? ''), 'Decide: aprobar o necesita cambios.');
    const outcome = refusal(() =>
      parseInput(outcomeInput, { email: 'ada@example.org', completedOn: '1/5/26' }),
    );
    assert.equal(outcome.fields.completedOn, 'Use a date like 2026-05-01.');
    assert.equal(translateMessage(es, outcome.fields.completedOn ?? ''), 'Usa una fecha como 2026-05-01.');
  });

  test('values written by people stay as they are inside the Spanish', () => {
    const missing = commandMessage('errors.earning.evidence.missing', { prompt: 'Describe your routine' });
    assert.equal(missing, 'Missing: Describe your routine');
    assert.equal(translateMessage(es, missing), 'Falta: Describe your routine');
    const below = commandMessage('errors.earning.outcome.belowPassMark', { score: '55', passingScore: '70' });
    assert.equal(
      translateMessage(es, below),
      'Una puntuación de 55 está por debajo de la puntuación mínima de 70.',
    );
  });
});
