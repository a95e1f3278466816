import { test } from 'node:test';
import assert from 'node:assert/strict';
import { achievementForReader, achievementLanguages } from './badgeEdition.ts';

// Issue 14 on the badge page: which words of the signed achievement a reader is shown, and in
// which language each is written (for the page's lang marks).

const signed = {
  name: 'Wait Time',
  description: 'Uses wait time well.',
  criteria: { narrative: 'A video.' },
  inLanguage: 'en',
};
const edition = {
  es_name: 'Tiempo de espera',
  es_description: 'Usa bien el tiempo.',
  es_criteria: 'Un vídeo.',
};
const none = { es_name: null, es_description: null, es_criteria: null };

test('a Spanish reader is shown the Spanish edition, in Spanish; anyone else the signed words, in their language', () => {
  const es = achievementForReader(signed, edition, 'es');
  assert.deepEqual(
    [es.name, es.description, es.criteria?.narrative],
    ['Tiempo de espera', 'Usa bien el tiempo.', 'Un vídeo.'],
  );
  assert.deepEqual(achievementLanguages(signed, edition, 'es'), { words: 'es', criteria: 'es' });
  assert.deepEqual(achievementForReader(signed, edition, 'en'), signed);
  assert.deepEqual(achievementLanguages(signed, edition, 'en'), { words: 'en', criteria: 'en' });
  assert.deepEqual(achievementLanguages({ ...signed, inLanguage: 'fr' }, none, 'es'), {
    words: 'fr',
    criteria: 'fr',
  });
});

test('without Spanish criteria the signed criteria stay, in the signed language; no inLanguage means English', () => {
  const noCriteria = { ...edition, es_criteria: null };
  assert.equal(achievementForReader(signed, noCriteria, 'es').criteria?.narrative, 'A video.');
  assert.deepEqual(achievementLanguages(signed, noCriteria, 'es'), { words: 'es', criteria: 'en' });
  const { inLanguage: _, ...unsaid } = signed;
  assert.deepEqual(achievementLanguages(unsaid, none, 'es'), { words: 'en', criteria: 'en' });
});
