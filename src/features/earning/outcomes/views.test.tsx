import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../../web/i18n/i18n.ts';
import { OutcomesView, type OutcomesViewModel } from './views.tsx';

// The outcomes page in words from the catalogue, for every earning mode, in every language.

const at = new Date('2026-05-01T14:05:00Z');
const base: OutcomesViewModel = {
  organisation: { slug: 'union', name: 'Union Academy' },
  microCredential: { publicId: 'mc_1', title: 'Questioning Quiz', version: 1, retired: false },
  mode: 'assessment',
  passingScore: 80,
  recordable: true,
  action: '/orgs/union/micro-credentials/mc_1/outcomes',
  backHref: '/orgs/union/micro-credentials/mc_1',
  outcomes: [
    { at, email: 'high@example.org', result: { kind: 'score', score: 92 }, issued: true, by: 'Sam Staff' },
    { at, email: 'low@example.org', result: { kind: 'score', score: 79 }, issued: false, by: null },
    { at, email: 'bo@example.org', result: { kind: 'attended' }, issued: true, by: 'Sam Staff' },
    { at, email: 'cy@example.org', result: { kind: 'completed' }, issued: true, by: 'Sam Staff' },
  ],
};
const withErrors: FormState = {
  values: { email: 'x', attended: 'no' },
  errors: { attended: 'A badge is issued for attendance only.' },
  message: 'Check the form.',
};
const DATA = [
  'Questioning Quiz',
  'high@example.org',
  'low@example.org',
  'bo@example.org',
  'cy@example.org',
  'Sam Staff',
  'A badge is issued for attendance only.',
  'Check the form.',
];

const views = () => [
  <OutcomesView model={base} form={emptyForm} csrfToken="c" />,
  <OutcomesView model={{ ...base, mode: 'attendance', outcomes: [] }} form={withErrors} csrfToken="c" />,
  <OutcomesView model={{ ...base, mode: 'course_completion' }} form={emptyForm} csrfToken="c" />,
  <OutcomesView
    model={{ ...base, mode: 'reviewed_evidence', recordable: false }}
    form={emptyForm}
    csrfToken="c"
  />,
  <OutcomesView
    model={{ ...base, mode: 'proof_of_completion', recordable: false }}
    form={emptyForm}
    csrfToken="c"
  />,
  <OutcomesView
    model={{ ...base, microCredential: { ...base.microCredential, retired: true } }}
    form={emptyForm}
    csrfToken="c"
  />,
];

describe('the outcomes page', () => {
  test('shows no text outside the catalogue', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(textsOutsideCatalogue(renderPseudo(view, locale), DATA), [], locale);
  });

  test('speaks Spanish: modes, results, dates', () => {
    const es = CATALOGUES.es.earning.outcomes;
    const html = views()
      .map((v) => renderIn('es', v))
      .join('');
    for (const text of [es.modes.assessment, es.record, es.attended, es.notRecordable.reviewed, es.retired])
      assert.ok(html.includes(text), text);
    assert.ok(html.includes('Puntuación 79 (por debajo de la nota de aprobado)'));
    assert.ok(html.includes('1 may 2026'), 'the date, the Spanish way');
    assert.ok(html.includes('<td>Cairn</td>'), 'recorded by Cairn itself');
    assert.ok(!html.includes('Record outcome') && !html.includes('Not issued'));
  });
});
