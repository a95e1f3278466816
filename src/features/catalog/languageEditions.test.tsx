import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeDesign } from '../../testing/catalogFixtures.ts';
import { byLabel } from '../../testing/pageQueries.ts';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { validateAchievement } from '../../credentials/schema.ts';
import { achievementFromDesign, achievementJson, spanishAchievementFromDesign } from './achievement.ts';
import { cardForReader, designForReader, languageProblems, shownLanguages } from './languageEditions.ts';
import { designSchema, type Design } from './microCredential.ts';
import { designFromForm, formFromDesign } from './pages/designForm.ts';
import { LanguageEditionFields } from './pages/designer/languageEditionFields.tsx';

// Issue 14: a design's words stay in its issuer's language; a Spanish edition is optional,
// published as a related OB 3.0 Achievement and shown to readers of Spanish.

const edition = {
  name: 'Rutinas en el aula',
  description: 'El educador enseña rutinas.\n\nUna microcredencial basada en el desempeño.',
  criteria: 'Un plan, un vídeo y una reflexión.',
};
const design = (extra: Record<string, unknown> = {}): Design =>
  designSchema.parse(completeDesign('Classroom Routines', extra));
const ID = 'https://cairn.test/catalog/union/routines/v/3';

describe('a design’s languages, validated', () => {
  test('the issuer’s language defaults to English and is a BCP 47 code; the Spanish edition is optional', () => {
    const plain = design();
    assert.equal(plain.inLanguage, undefined);
    assert.equal(plain.spanishEdition, undefined);
    assert.equal(design({ inLanguage: 'pt-BR' }).inLanguage, 'pt-BR');
    assert.deepEqual(design({ spanishEdition: edition }).spanishEdition, edition);
    const noCriteria = design({ spanishEdition: { ...edition, criteria: '  ' } });
    assert.equal(noCriteria.spanishEdition?.criteria, undefined, 'blank criteria: none');
  });

  test('bad input is named by field', () => {
    const bad = (extra: Record<string, unknown>) => {
      const r = designSchema.safeParse(completeDesign('Classroom Routines', extra));
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(bad({ inLanguage: 'English' }), ['inLanguage']);
    assert.deepEqual(bad({ spanishEdition: { name: 'Ru', description: '' } }), [
      'spanishEdition.name',
      'spanishEdition.description',
    ]);
    assert.deepEqual(bad({ spanishEdition: { name: 'Rutinas', description: 'x'.repeat(11001) } }), [
      'spanishEdition.description',
    ]);
  });

  test('a Spanish edition of words written in Spanish is refused', () => {
    assert.deepEqual(languageProblems(design({ spanishEdition: edition })), {});
    assert.ok(languageProblems(design({ inLanguage: 'es-MX', spanishEdition: edition })).spanishEdition);
    assert.deepEqual(languageProblems(design({ inLanguage: 'es' })), {});
  });
});

describe('what a reader is shown', () => {
  test('a Spanish reader sees the Spanish edition; others, and everyone without one, the issuer’s words', () => {
    const d = design({ spanishEdition: edition });
    const es = designForReader(d, 'es');
    assert.equal(es.title, 'Rutinas en el aula');
    assert.equal(es.competency, 'El educador enseña rutinas.');
    assert.equal(es.description, 'Una microcredencial basada en el desempeño.');
    assert.equal(es.criteria, edition.criteria);
    assert.equal(es.earningMode, d.earningMode, 'only the words change');
    assert.deepEqual(designForReader(d, 'en'), d);
    const without = design();
    assert.deepEqual(designForReader(without, 'es'), without);
    const noCriteria = designForReader(design({ spanishEdition: { ...edition, criteria: '' } }), 'es');
    assert.equal(noCriteria.criteria, d.criteria, 'no Spanish criteria: the issuer’s');
  });

  test('the language of what a reader is shown: the Spanish edition’s where shown, else the issuer’s', () => {
    assert.deepEqual(shownLanguages(design({ spanishEdition: edition }), 'es'), {
      words: 'es',
      criteria: 'es',
    });
    assert.deepEqual(shownLanguages(design({ spanishEdition: edition }), 'en'), {
      words: 'en',
      criteria: 'en',
    });
    assert.deepEqual(
      shownLanguages(design({ spanishEdition: { ...edition, criteria: '' }, inLanguage: 'fr' }), 'es'),
      { words: 'es', criteria: 'fr' },
      'no Spanish criteria: the issuer’s, in their language',
    );
    assert.deepEqual(shownLanguages(design(), 'es'), { words: 'en', criteria: 'en' }, 'English by default');
  });

  test('a catalog card: the Spanish name and the first paragraph of its description, for Spanish readers', () => {
    const row = {
      title: 'Classroom Routines',
      competency: 'Teaches routines.',
      in_language: 'en',
      version: 1,
    };
    const withEdition = { ...row, es_name: edition.name, es_description: edition.description };
    assert.deepEqual(cardForReader(withEdition, 'es'), {
      ...row,
      title: 'Rutinas en el aula',
      competency: 'El educador enseña rutinas.',
      in_language: 'es',
    });
    assert.deepEqual(cardForReader(withEdition, 'en'), row);
    assert.deepEqual(cardForReader({ ...row, es_name: null, es_description: null }, 'es'), row);
  });
});

describe('the achievement and its Spanish edition (OB 3.0)', () => {
  const ctx = { id: ID, version: 3, image: 'https://cairn.test/images/img_1.png' };

  test('the issuer’s edition says its language and relates the Spanish one', () => {
    const a = achievementFromDesign(design({ spanishEdition: edition }), ctx);
    assert.equal(a.inLanguage, 'en');
    assert.deepEqual(a.related, [{ id: `${ID}/es`, inLanguage: 'es', version: '3' }]);
    const json = achievementJson(a, { id: 'did:web:cairn.test:orgs:union', name: 'Union' });
    assert.deepEqual(validateAchievement(json), { valid: true, errors: [] });
    assert.deepEqual(json.related, [{ type: ['Related'], id: `${ID}/es`, inLanguage: 'es', version: '3' }]);
    const plain = achievementFromDesign(design({ inLanguage: 'fr' }), ctx);
    assert.equal(plain.inLanguage, 'fr');
    assert.equal(plain.related, undefined);
  });

  test('the Spanish edition is an Achievement of its own, in Spanish, related back', () => {
    const d = design({ spanishEdition: edition });
    const es = spanishAchievementFromDesign(d, ctx)!;
    const json = achievementJson(es, { id: 'did:web:cairn.test:orgs:union', name: 'Union' });
    assert.deepEqual(validateAchievement(json), { valid: true, errors: [] });
    assert.equal(json.id, `${ID}/es`);
    assert.equal(json.name, 'Rutinas en el aula');
    assert.equal(json.description, edition.description);
    assert.equal(json.inLanguage, 'es');
    assert.deepEqual(json.criteria, { id: `${ID}/es`, narrative: edition.criteria });
    assert.deepEqual(json.image, { id: ctx.image, type: 'Image', caption: 'Rutinas en el aula' });
    assert.deepEqual(json.related, [{ type: ['Related'], id: ID, inLanguage: 'en', version: '3' }]);
    const noCriteria = spanishAchievementFromDesign(
      design({ spanishEdition: { ...edition, criteria: '' } }),
      ctx,
    );
    assert.deepEqual(noCriteria?.criteria, { id: ID }, 'the criteria are the issuer’s edition’s');
    assert.equal(spanishAchievementFromDesign(design(), ctx), undefined);
  });
});

describe('the designer’s language fields', () => {
  test('the form reads into the design and back; three empty fields mean no Spanish edition', () => {
    const read = designFromForm({
      title: 'Classroom Routines',
      inLanguage: 'en',
      'spanishEdition.name': edition.name,
      'spanishEdition.description': edition.description,
      'spanishEdition.criteria': '',
    });
    assert.equal(read.inLanguage, 'en');
    assert.deepEqual(read.spanishEdition, { ...edition, criteria: '' });
    const parsed = designSchema.parse(read);
    assert.deepEqual(parsed.spanishEdition, {
      name: edition.name,
      description: edition.description,
      criteria: undefined,
    });
    const none = designFromForm({ title: 'x', 'spanishEdition.name': ' ', 'spanishEdition.description': '' });
    assert.equal(none.spanishEdition, undefined);
    const values = formFromDesign(design({ spanishEdition: edition, inLanguage: 'en' }));
    assert.equal(values['spanishEdition.name'], edition.name);
    assert.equal(values['spanishEdition.criteria'], edition.criteria);
    assert.equal(values.inLanguage, 'en');
  });

  test('the field group: labelled controls, the values and errors shown, words from the catalogue', () => {
    const form = {
      values: { inLanguage: 'de', 'spanishEdition.name': edition.name },
      errors: { 'spanishEdition.description': 'Write the Spanish description.' },
    };
    const html = renderIn('en', <LanguageEditionFields form={form} />);
    assert.equal(byLabel(html, 'Spanish name').value, edition.name);
    assert.equal(byLabel(html, 'Spanish description').error, 'Write the Spanish description.');
    assert.equal(byLabel(html, 'Spanish criteria (optional)').tag, 'textarea');
    assert.equal(
      byLabel(html, 'Language this design is written in').value,
      'de',
      'a code set elsewhere is kept',
    );
    const es = renderIn('es', <LanguageEditionFields form={form} />);
    assert.equal(byLabel(es, 'Nombre en español').value, edition.name);
    for (const locale of ['en', 'es'] as const)
      assert.deepEqual(
        textsOutsideCatalogue(renderPseudo(<LanguageEditionFields form={form} />, locale), [
          edition.name,
          'Write the Spanish description.',
        ]),
        [],
      );
  });
});
