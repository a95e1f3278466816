import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import { testBackends } from '../../testing/databases.ts';
import { testApp } from '../../testing/http.ts';
import { authzWorld, type AuthzWorld } from '../../testing/authzFixtures.ts';
import { createSession } from '../../storage/sessions.ts';
import { createApiToken } from '../accounts/commands/createApiToken.ts';
import { DAY } from '../../domain/clock.ts';
import type { Role } from '../../domain/roles.ts';
import type { AppEnv } from '../../http/env.ts';
import { API_ROUTE_DOCS } from '../../main/apiRouteDocs.ts';
import { jsonSchemaOf, type RouteDoc } from '../../http/openapi/describe.ts';
import { responseJsonSchema } from './document.ts';
import { apiErrorSchema } from '../../http/openapi/errors.ts';

/*
 * Real answers against their documented schemas: a sample of the API's endpoints is called on a
 * world of fixtures (src/testing/authzFixtures.ts), and each JSON answer must match the response
 * schema its route describes for that status (an undocumented status fails too). Errors must
 * match the one Error shape.
 */

const addFormats = createRequire(import.meta.url)('ajv-formats') as FormatsPlugin;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile(schema)));
  return v;
}

function routeDoc(route: string): RouteDoc {
  const doc = API_ROUTE_DOCS.find((d) => `${d.method} ${d.path}` === route);
  assert.ok(doc, `${route} is described`);
  return doc;
}

type Caller = Role | 'earner' | 'token' | 'anonymous';

interface Sample {
  route: string;
  as: Caller;
  path: (w: AuthzWorld) => string;
  body?: (w: AuthzWorld) => unknown;
}

/** A sample across the tags: reads for every kind of caller, a few writes. */
const SAMPLES: Sample[] = [
  { route: 'GET /api/v1/me', as: 'admin', path: () => '/api/v1/me' },
  { route: 'GET /api/v1/orgs/:slug/members', as: 'admin', path: (w) => `/api/v1/orgs/${w.org.slug}/members` },
  {
    route: 'GET /api/v1/orgs/:slug/invitations',
    as: 'admin',
    path: (w) => `/api/v1/orgs/${w.org.slug}/invitations`,
  },
  { route: 'GET /api/v1/catalog', as: 'anonymous', path: () => '/api/v1/catalog?sort=title' },
  {
    route: 'GET /api/v1/orgs/:slug/micro-credentials',
    as: 'designer',
    path: (w) => `/api/v1/orgs/${w.org.slug}/micro-credentials`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/micro-credentials/:id/history',
    as: 'designer',
    path: (w) => `/api/v1/orgs/${w.org.slug}/micro-credentials/${w.mc.publicId}/history`,
  },
  { route: 'GET /api/v1/me/pathways', as: 'earner', path: () => '/api/v1/me/pathways' },
  { route: 'GET /api/v1/applications', as: 'earner', path: () => '/api/v1/applications' },
  {
    route: 'GET /api/v1/applications/:id',
    as: 'earner',
    path: (w) => `/api/v1/applications/${w.application}`,
  },
  { route: 'GET /api/v1/reviews', as: 'reviewer', path: () => '/api/v1/reviews' },
  { route: 'GET /api/v1/reviews/:id', as: 'reviewer', path: (w) => `/api/v1/reviews/${w.attempt}` },
  { route: 'GET /api/v1/teams/:id', as: 'earner', path: (w) => `/api/v1/teams/${w.team}` },
  {
    route: 'GET /api/v1/orgs/:slug/teams',
    as: 'issuing_staff',
    path: (w) => `/api/v1/orgs/${w.org.slug}/teams`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/calibration',
    as: 'issuing_staff',
    path: (w) => `/api/v1/orgs/${w.org.slug}/calibration`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/applications/:id',
    as: 'issuing_staff',
    path: (w) => `/api/v1/orgs/${w.org.slug}/applications/${w.application}`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/proof-queue',
    as: 'issuing_staff',
    path: (w) => `/api/v1/orgs/${w.org.slug}/proof-queue`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/credentials',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/credentials`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/award-runs/:run',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/award-runs/${w.awardRun}`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/award-runs/:run/problems',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/award-runs/${w.awardRun}/problems`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/audit',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/audit?limit=5`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/recognition/programs',
    as: 'recognition_officer',
    path: (w) => `/api/v1/orgs/${w.org.slug}/recognition/programs`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/recognition/submissions',
    as: 'admin',
    path: (w) => `/api/v1/orgs/${w.org.slug}/recognition/submissions`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/recognition/submissions/:id',
    as: 'admin',
    path: (w) => `/api/v1/orgs/${w.org.slug}/recognition/submissions/${w.submission}`,
  },
  { route: 'GET /api/v1/openapi.json', as: 'anonymous', path: () => '/api/v1/openapi.json' },
  {
    route: 'POST /api/v1/orgs/:slug/credentials',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/credentials`,
    body: (w) => ({ email: 'contract@example.org', microCredential: w.mc.publicId, creditsEarned: 1 }),
  },
  {
    route: 'POST /api/v1/orgs/:slug/credentials/status',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/credentials/status`,
    body: (w) => ({ ids: [w.credential, 'cred_none'], action: 'suspend', reason: 'Checking the contract' }),
  },
  {
    route: 'POST /api/v1/orgs/:slug/stacks',
    as: 'designer',
    path: (w) => `/api/v1/orgs/${w.org.slug}/stacks`,
    body: (w) => ({ name: 'Contract stack', description: 'x', microCredentials: [w.mc.publicId] }),
  },
  // Errors: the one shape.
  {
    route: 'POST /api/v1/orgs/:slug/credentials',
    as: 'token',
    path: (w) => `/api/v1/orgs/${w.org.slug}/credentials`,
    body: () => ({ email: 'not an address' }),
  },
  { route: 'GET /api/v1/applications/:id', as: 'earner', path: () => '/api/v1/applications/app_none' },
  {
    route: 'GET /api/v1/orgs/:slug/members',
    as: 'anonymous',
    path: (w) => `/api/v1/orgs/${w.org.slug}/members`,
  },
  {
    route: 'GET /api/v1/orgs/:slug/invitations',
    as: 'reviewer',
    path: (w) => `/api/v1/orgs/${w.org.slug}/invitations`,
  },
];

for (const backend of testBackends()) {
  describe(`real API answers match their documented schemas (${backend.name})`, () => {
    let app: Hono<AppEnv>;
    let world: AuthzWorld;
    const sessions = new Map<Caller, string>();
    const CSRF = 'contract-csrf-token-contract-csrf-token-0123456';

    before(async () => {
      const storage = await backend.storage();
      const built = testApp(storage);
      app = built.app;
      world = await authzWorld(storage, built.clock, built.config, 'Contract');
      const session = (userId: number) =>
        createSession(storage.db, {
          userId,
          ip: null,
          userAgent: 'contract',
          now: built.clock.now(),
          ttlMs: 14 * DAY,
        });
      for (const role of ['admin', 'designer', 'reviewer', 'issuing_staff', 'recognition_officer'] as const)
        sessions.set(role, await session(world.members[role].id));
      sessions.set('earner', await session(world.earner.id));
    });

    const call = async (s: Sample) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (s.as === 'token') headers.authorization = `Bearer ${world.token}`;
      else if (s.as !== 'anonymous')
        headers.cookie = `cairn_session=${sessions.get(s.as)}; cairn_csrf=${CSRF}`;
      if (s.body) {
        headers['content-type'] = 'application/json';
        headers['x-csrf-token'] = CSRF;
      }
      return app.request(s.path(world), {
        method: s.route.split(' ')[0],
        headers,
        body: s.body ? JSON.stringify(s.body(world)) : undefined,
      });
    };

    test('each sampled answer matches the schema documented for its status', async () => {
      const checked: string[] = [];
      for (const sample of SAMPLES) {
        const doc = routeDoc(sample.route);
        const res = await call(sample);
        const body: unknown = await res.json();
        const where = `${sample.route} as ${sample.as} → ${res.status}`;
        if (res.status >= 400) {
          const v = validator('Error', jsonSchemaOf(apiErrorSchema, 'output'));
          assert.ok(
            v(body),
            `${where}: not the Error shape: ${ajv.errorsText(v.errors)} ${JSON.stringify(body)}`,
          );
          checked.push(where);
          continue;
        }
        const schema = responseJsonSchema(doc, res.status);
        assert.ok(
          schema,
          `${where}: the status is not documented (${Object.keys(doc.responses).join(', ')}) ${JSON.stringify(body).slice(0, 300)}`,
        );
        const v = validator(`${sample.route} ${res.status}`, schema);
        assert.ok(
          v(body),
          `${where}: does not match its documented schema: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 600)}`,
        );
        checked.push(where);
      }
      assert.equal(checked.length, SAMPLES.length);
      assert.ok(
        checked.some((c) => c.endsWith('→ 201')) &&
          checked.some((c) => c.endsWith('→ 422')) &&
          checked.some((c) => c.endsWith('→ 404')) &&
          checked.some((c) => c.endsWith('→ 401')) &&
          checked.some((c) => c.endsWith('→ 403')),
        checked.join('\n'),
      );
    });

    test('a response that does not match its schema fails the check', async () => {
      const doc = routeDoc('GET /api/v1/me');
      const v = validator('me-negative', responseJsonSchema(doc, 200)!);
      const res = await call({ route: 'GET /api/v1/me', as: 'admin', path: () => '/api/v1/me' });
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(v(body), true);
      assert.equal(v({ ...body, organisations: 'none' }), false);
      assert.equal(v({ ...body, secret: 'an undocumented field' }), false, 'undocumented fields are caught');
    });

    test('a token without the scope gets 403 insufficient_scope in the Error shape, naming the scope', async () => {
      const storage = await backend.storage();
      const { token } = await createApiToken(
        { db: storage.db, clock: { now: () => new Date() } },
        {
          name: 'read only',
          scopes: ['credentials:read'],
          actor: { organisationId: world.org.id, userId: null, ip: null },
        },
      );
      const res = await app.request(`/api/v1/orgs/${world.org.slug}/audit`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      assert.equal(res.status, 403);
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { requiredScope: string } };
      };
      assert.ok(validator('Error', jsonSchemaOf(apiErrorSchema, 'output'))(body));
      assert.equal(body.error.code, 'insufficient_scope');
      assert.equal(body.error.details.requiredScope, 'audit:read');
      assert.match(body.error.message, /audit:read/);
    });
  });
}
