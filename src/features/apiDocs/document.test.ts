import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { testBackends } from '../../testing/databases.ts';
import { testApp } from '../../testing/http.ts';
import { API_SCOPES } from '../../http/apiTokens.ts';
import { buildOpenApiDocument } from './document.ts';
import { API_ROUTE_DOCS } from '../../main/apiRouteDocs.ts';

/** The routes whose contract the document must describe: the JSON API, the OB 3.0 API and the W3C VC API. */
const DESCRIBED = /^\/(api\/v1\/|ims\/|credentials\/|presentations\/)/;

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument({ publicUrl: 'http://cairn.test', routes: API_ROUTE_DOCS });

  test('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(doc.openapi, '3.1.0');
  });

  test('describes every API route of the app, and no route the app does not have', async () => {
    const storage = await testBackends()[0]!.storage();
    const { app } = testApp(storage);
    // `ALL` routes only answer “method not allowed” / “no such endpoint” for a described path.
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && DESCRIBED.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    const described = new Set(API_ROUTE_DOCS.map((d) => `${d.method} ${d.path}`));
    const missing = [...routes].filter((r) => !described.has(r));
    const stale = [...described].filter((r) => !routes.has(r));
    assert.deepEqual(
      missing,
      [],
      `API route(s) without a description: add a describeRoute({…}) beside the route (a *.openapi.ts next to its file, listed in src/main/apiRouteDocs.ts):\n  ${missing.join('\n  ')}`,
    );
    assert.deepEqual(
      stale,
      [],
      `Described route(s) the app does not have (remove or fix the path):\n  ${stale.join('\n  ')}`,
    );
    assert.ok(routes.size > 60, 'the app’s routes were enumerated');
  });

  test('every operation has an id, a summary and tags; every error answer uses the one Error shape (imsx_StatusInfo on the OB 3.0 API)', () => {
    const ids = new Set<string>();
    const tagNames = new Set(doc.tags.map((t) => t.name));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const op = raw as {
          operationId: string;
          summary: string;
          tags: string[];
          responses: Record<
            string,
            { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> }
          >;
        };
        const name = `${method.toUpperCase()} ${path}`;
        assert.ok(!ids.has(op.operationId), `${name}: operationId ${op.operationId} is not unique`);
        ids.add(op.operationId);
        assert.ok(op.summary, `${name} has a summary`);
        assert.ok(op.tags.length && op.tags.every((t) => tagNames.has(t)), `${name}: its tags are declared`);
        const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        assert.ok(
          errors.some(([status]) => status === '500'),
          `${name} documents 500`,
        );
        for (const [status, response] of errors) {
          const ref = path.startsWith('/ims/')
            ? response.content?.['application/json']?.schema.$ref
            : response.$ref;
          assert.equal(
            ref,
            path.startsWith('/ims/')
              ? '#/components/schemas/Imsx_StatusInfo'
              : `#/components/responses/Error${status}`,
            `${name} ${status}`,
          );
        }
      }
    }
    assert.deepEqual(Object.keys(doc.components.schemas).slice(0, 2), ['Error', 'Imsx_StatusInfo']);
  });

  test('routes that take organisation API tokens name the scope they need, and every scope is used', () => {
    const used = new Set<string>();
    for (const route of API_ROUTE_DOCS) {
      if (route.auth === 'token' || route.auth === 'sessionOrToken') {
        assert.ok(route.scope, `${route.method} ${route.path} takes tokens but names no scope`);
        used.add(route.scope);
      } else {
        assert.equal(
          route.scope,
          undefined,
          `${route.method} ${route.path} does not take tokens, so it needs no scope`,
        );
      }
    }
    assert.deepEqual([...used].sort(), [...API_SCOPES].sort());
    const op = doc.paths['/api/v1/orgs/{slug}/credentials']?.post as {
      'x-cairn-scope': string;
      security: unknown[];
    };
    assert.equal(op['x-cairn-scope'], 'credentials:issue');
    assert.deepEqual(op.security, [{ session: [] }, { apiToken: ['credentials:issue'] }]);
  });

  test('request bodies come from the commands’ own zod schemas', () => {
    const award = doc.paths['/api/v1/orgs/{slug}/credentials']?.post as {
      requestBody: {
        content: {
          'application/json': { schema: { required: string[]; properties: Record<string, unknown> } };
        };
      };
    };
    const schema = award.requestBody.content['application/json'].schema;
    assert.deepEqual(schema.required, ['email', 'microCredential']);
    assert.ok('creditsEarned' in schema.properties && 'formats' in schema.properties);
  });
});
