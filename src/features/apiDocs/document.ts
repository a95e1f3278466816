import { API_SCOPES, API_SCOPE_WORDS } from '../../http/apiTokens.ts';
import { ALL_SCOPES, SCOPE_WORDS } from '../ob3api/index.ts';
import { OAUTH_ROUTES } from '../ob3api/index.ts';
import { errorStatuses, jsonSchemaOf, type RouteDoc } from '../../http/openapi/describe.ts';
import { apiErrorSchema, imsxStatusInfoSchema } from '../../http/openapi/errors.ts';
import { API_TAGS } from './registry.ts';

type Json = Record<string, unknown>;

/** Path parameters most routes share, described once. */
const COMMON_PARAMS: Record<string, string> = {
  slug: 'The organisation’s slug (as in its web address).',
  id: 'The public id of the thing named by the path.',
  run: 'The public id of the bulk award run.',
  attempt: 'The public id of the attempt.',
  part: 'The position of the evidence part (0 for the first).',
  token: 'The secret of the team invitation link.',
};

const STATUS_WORDS: Record<number, string> = {
  400: 'The request could not be read (bad JSON, a malformed value).',
  401: 'Not authenticated: log in, or send a valid token.',
  403: 'Authenticated but not allowed (role, `insufficient_scope` for a token, or a failed CSRF check).',
  404: 'Not found, or not yours to see (other organisations’ things do not exist for you).',
  405: 'That method is not allowed here.',
  409: 'Conflicts with the current state (already done, or sent twice).',
  413: 'The request is too large.',
  415: 'The Content-Type is not one this endpoint reads.',
  422: 'The input was read but some values need attention (`details.fields` names each).',
  429: 'Too many requests: wait `details.retryAfterSeconds` (also the Retry-After header).',
  500: 'Something went wrong on Cairn’s side; it has been logged.',
};

/** `/api/v1/orgs/:slug/x` → `/api/v1/orgs/{slug}/x`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The path parameters of a hono path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** A stable operationId from the method and path: `POST /api/v1/orgs/:slug/credentials` → `postOrgsCredentials`. */
export function operationId(doc: RouteDoc): string {
  const words = doc.path
    .replace(/^\/api\/v1/, '')
    .replace(/^\/ims\/ob\/v3p0/, '/ob3')
    .split(/[/.-]/)
    .filter((w) => w && !w.startsWith(':'));
  const tail = pathParams(doc.path).at(-1);
  const last = doc.path.split('/').at(-1) ?? '';
  const by = last.startsWith(':') && tail ? `By${tail[0]!.toUpperCase()}${tail.slice(1)}` : '';
  return doc.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') + by;
}

/**
 * Moves the `$defs` of a converted schema into components.schemas (OpenAPI resolves `#/…`
 * against the whole document, so a schema's own `#/$defs/x` would point nowhere).
 */
function hoistDefs(schema: Json, prefix: string, components: Json): Json {
  const defs = schema.$defs as Record<string, Json> | undefined;
  if (!defs) return schema;
  delete schema.$defs;
  const rename = (name: string) => `${prefix}_${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      out[k] =
        k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
          ? `#/components/schemas/${rename(v.slice(8))}`
          : rewrite(v);
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs)) components[rename(name)] = rewrite(def);
  return rewrite(schema) as Json;
}

/** The security requirement of an operation (OpenAPI 3.1 lets non-OAuth schemes list role names: here the token scope). */
function security(doc: RouteDoc): Json[] {
  switch (doc.auth) {
    case 'none':
      return [];
    case 'session':
      return [{ session: [] }];
    case 'token':
      return [{ apiToken: doc.scope ? [doc.scope] : [] }];
    case 'sessionOrToken':
      return [{ session: [] }, { apiToken: doc.scope ? [doc.scope] : [] }];
    case 'oauth2':
      return [{ OAuth2ACG: doc.oauthScope ? [doc.oauthScope] : [] }];
  }
}

const AUTH_WORDS: Record<RouteDoc['auth'], string> = {
  none: 'None: anyone may call it.',
  session: 'A logged-in session (cookie); writes also send the X-CSRF-Token header.',
  token: 'An organisation API token (Authorization: Bearer cairn_…).',
  sessionOrToken: 'An organisation API token, or a logged-in session whose role allows it.',
  oauth2: 'An OAuth 2.0 access token of the Open Badges 3.0 API.',
};

/** How an operation is authenticated, in words (the docs page and the operation's description). */
export function authWords(doc: RouteDoc): string {
  const scope = doc.scope
    ? ` Token scope: ${doc.scope}.`
    : doc.oauthScope
      ? ` Scope: ${doc.oauthScope}.`
      : '';
  return AUTH_WORDS[doc.auth] + scope;
}

/** The JSON Schema of a documented answer, self-contained (what tests compile with ajv). */
export function responseJsonSchema(doc: RouteDoc, status: number): Json | null {
  const response = doc.responses[status];
  return response?.schema ? jsonSchemaOf(response.schema, 'output') : null;
}

function operation(doc: RouteDoc, components: Json): Json {
  const id = operationId(doc);
  const parameters: Json[] = pathParams(doc.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    description: doc.params?.[name] ?? COMMON_PARAMS[name] ?? name,
    schema: { type: 'string' },
  }));
  if (doc.query) {
    const query = jsonSchemaOf(doc.query, 'input');
    const properties = (query.properties ?? {}) as Record<string, Json>;
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries(properties)) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: 'query',
        required: required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  const responses: Json = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const type = r.contentType ?? 'application/json';
    const headers = r.headers
      ? Object.fromEntries(
          Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
        )
      : undefined;
    responses[status] = {
      description: r.description,
      ...(headers ? { headers } : {}),
      ...(r.schema
        ? {
            content: {
              [type]: { schema: hoistDefs(jsonSchemaOf(r.schema, 'output'), `${id}_${status}`, components) },
            },
          }
        : r.contentType
          ? { content: { [type]: {} } }
          : {}),
    };
  }
  for (const status of errorStatuses(doc)) {
    responses[String(status)] ??= doc.imsxErrors
      ? {
          description: STATUS_WORDS[status] ?? 'Error.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Imsx_StatusInfo' } } },
        }
      : { $ref: `#/components/responses/Error${status}` };
  }
  return {
    operationId: id,
    summary: doc.summary,
    description: [doc.description, `Authentication: ${authWords(doc)}`].filter(Boolean).join('\n\n'),
    tags: doc.tags,
    security: security(doc),
    ...(doc.scope ? { 'x-cairn-scope': doc.scope } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: doc.body.required ?? true,
            ...(doc.body.description ? { description: doc.body.description } : {}),
            content: {
              [doc.body.contentType ?? 'application/json']: {
                schema: hoistDefs(jsonSchemaOf(doc.body.schema, 'input'), `${id}_body`, components),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export interface OpenApiConfig {
  publicUrl: string;
  /** Every route described beside the code (assembled in src/main/apiRouteDocs.ts). */
  routes: readonly RouteDoc[];
}

/** The OpenAPI 3.1 document of Cairn's JSON API, built from the route descriptions. */
export function buildOpenApiDocument(config: OpenApiConfig) {
  const routes = config.routes;
  const schemas: Json = {
    Error: jsonSchemaOf(apiErrorSchema, 'output'),
    Imsx_StatusInfo: jsonSchemaOf(imsxStatusInfoSchema, 'output'),
  };
  const paths: Record<string, Json> = {};
  for (const doc of routes) {
    const path = openApiPath(doc.path);
    const method = doc.method.toLowerCase();
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`The route ${doc.method} ${doc.path} is described twice.`);
    item[method] = operation(doc, schemas);
  }
  const errorResponses = Object.fromEntries(
    Object.entries(STATUS_WORDS).map(([status, description]) => [
      `Error${status}`,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cairn API',
      version: '1',
      description: [
        'The JSON API of Cairn: micro-credentials from design to recognized credit, Open Badges 3.0 credentials, the W3C VC API and the Open Badges 3.0 API.',
        'Errors: every JSON API error is `{"error": {"code", "message", "details"}}` (the Error schema); the Open Badges 3.0 API answers errors with imsx_StatusInfo, as its specification requires.',
        'Authentication: a browser session (cookie, plus the X-CSRF-Token header on writes), an organisation API token (Authorization: Bearer cairn_…, limited to its scopes: `x-cairn-scope` names the one an operation needs), or for /ims/ob/v3p0 an OAuth 2.0 access token.',
      ].join('\n\n'),
    },
    servers: [{ url: config.publicUrl }],
    tags: API_TAGS.map(({ name, description }) => ({ name, description })),
    paths,
    components: {
      schemas,
      responses: errorResponses,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'cairn_session',
          description:
            'A logged-in browser session. Writes (POST, PUT) also send the X-CSRF-Token header with the value of the cairn_csrf cookie.',
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: `An organisation API token (cairn_…), made on the organisation’s API tokens page or with \`cairn tokens create --scope …\`. Its scopes: ${API_SCOPES.map((s) => `${s} (${API_SCOPE_WORDS[s]})`).join('; ')}`,
          'x-cairn-scopes': API_SCOPE_WORDS,
        },
        OAuth2ACG: {
          type: 'oauth2',
          description:
            'The Open Badges 3.0 API: OAuth 2.0 authorization code grant with PKCE; clients register dynamically.',
          flows: {
            authorizationCode: {
              authorizationUrl: `${config.publicUrl}${OAUTH_ROUTES.authorization}`,
              tokenUrl: `${config.publicUrl}${OAUTH_ROUTES.token}`,
              refreshUrl: `${config.publicUrl}${OAUTH_ROUTES.token}`,
              scopes: Object.fromEntries(ALL_SCOPES.map((s) => [s, SCOPE_WORDS[s]])),
            },
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
