import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderIn, renderPseudo, textsOutsideCatalogue } from '../../web/i18n/catalogueCheck.tsx';
import { CATALOGUES, LOCALES } from '../../web/i18n/i18n.ts';
import { API_ROUTE_DOCS } from '../../main/apiRouteDocs.ts';
import { buildOpenApiDocument } from './document.ts';
import { ApiDocsPage } from './docsPage.tsx';

// /api/docs: the page's own words come from the catalogue; what the OpenAPI document says
// (operation summaries and descriptions, tags, scopes, field names and types) is its data.

const doc = buildOpenApiDocument({ publicUrl: 'http://cairn.test', routes: API_ROUTE_DOCS });

/** Every string and key in the document: the texts the page may show as they are. */
function documentStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value, ...value.split('\n\n')];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(documentStrings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...documentStrings(v)]);
  return [];
}

describe('the API documentation page', () => {
  test('shows no text of its own outside the catalogue', () => {
    const data = [...documentStrings(doc), 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    for (const locale of LOCALES)
      assert.deepEqual(
        textsOutsideCatalogue(renderPseudo(<ApiDocsPage doc={doc} />, locale), data),
        [],
        locale,
      );
  });

  test('speaks Spanish around the document', () => {
    const es = CATALOGUES.es.apiDocs;
    const html = renderIn('es', <ApiDocsPage doc={doc} />);
    for (const text of [es.auth.heading, es.errors.heading, es.parameters, es.responses, es.schemas])
      assert.ok(html.includes(text), text);
    assert.match(html, /al menos 1 carácter|como mucho \d+ caracteres/);
  });
});
