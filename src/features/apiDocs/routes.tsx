import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import type { RouteDoc } from '../../http/openapi/describe.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './document.ts';
import { ApiDocsPage } from './docsPage.tsx';
import { page } from '../../web/render.tsx';
import { requestTranslator } from '../../web/preferences.ts';

/** The API's description: `GET /api/v1/openapi.json` (OpenAPI 3.1) and `GET /api/docs` (the same, readable). */
export function apiDocsRoutes(routes: readonly RouteDoc[]) {
  const r = new Hono<AppEnv>();
  // Built once per app (it depends only on the public URL).
  let built: OpenApiDocument | undefined;
  const documentFor = (publicUrl: string) => (built ??= buildOpenApiDocument({ publicUrl, routes }));

  r.get('/api/v1/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(documentFor(c.var.deps.config.publicUrl));
  });
  r.get('/api/docs', (c) =>
    page(
      c,
      requestTranslator(c).t('apiDocs.title'),
      <ApiDocsPage doc={documentFor(c.var.deps.config.publicUrl)} />,
    ),
  );
  return r;
}
