import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorSummary } from './forms.tsx';
import { CopyField } from './pageScripts.tsx';
import { renderIn, renderPseudo, textsOutsideCatalogue } from './i18n/catalogueCheck.tsx';
import { LOCALES } from './i18n/i18n.ts';

// The web kit's own words (the error summary's heading, the copy button) come from the catalogue;
// Card, EmptyState and Tabs have none of their own (callers give them their text).

const failed = { values: {}, errors: { name: 'Enter your name.' } };
const views = () => [
  <ErrorSummary form={failed} />,
  <CopyField id="link" label="Share link" value="https://cairn.test/badges/1" />,
];

describe('the web kit’s words', () => {
  test('come from the catalogue, in every language', () => {
    for (const locale of LOCALES)
      for (const view of views())
        assert.deepEqual(
          textsOutsideCatalogue(renderPseudo(view, locale), ['Enter your name.', 'Share link']),
          [],
          locale,
        );
    const es = views()
      .map((v) => renderIn('es', v))
      .join('');
    assert.ok(
      es.includes('Algunos campos necesitan atención.') && es.includes('aria-label="Copiar: Share link"'),
    );
  });
});
