import { z } from 'zod';
import type { ApiScope } from '../apiTokens.ts';

/**
 * How a route's caller proves who they are:
 * - `none`: anyone;
 * - `session`: a logged-in browser session (cookie `cairn_session`; writes also send `X-CSRF-Token`);
 * - `token`: an organisation API token only (`Authorization: Bearer cairn_…`);
 * - `sessionOrToken`: either (the token needs `scope`; a session needs a role allowing it);
 * - `oauth2`: an OAuth 2.0 access token of the Open Badges 3.0 API (`oauthScope`).
 */
export type RouteAuth = 'none' | 'session' | 'token' | 'sessionOrToken' | 'oauth2';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented answer; `schema` describes a JSON body (tests check real answers against it). */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default application/json; a body that is not JSON gets no schema check. */
  contentType?: string;
  /** Headers worth naming (e.g. Link, X-Total-Count). */
  headers?: Record<string, string>;
}

/** A request body: the zod schema the route's command validates it with. */
export interface BodyDoc {
  schema: z.ZodType;
  contentType?: string;
  description?: string;
  required?: boolean;
}

/** The description of one route of the JSON API, kept beside the route's code. */
export interface RouteDoc {
  method: HttpMethod;
  /** The path exactly as hono lists it, with `:name` parameters. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: RouteAuth;
  /** The organisation API token scope the route needs (auth `token` / `sessionOrToken`). */
  scope?: ApiScope;
  /** The OAuth 2.0 scope (auth `oauth2`). */
  oauthScope?: string;
  /** Descriptions of path parameters; common ones (slug, id …) have defaults. */
  params?: Record<string, string>;
  /** The query string, as a zod object (each property one parameter). */
  query?: z.ZodObject;
  body?: BodyDoc;
  /** Successful answers by status. */
  responses: Record<number, ResponseDoc>;
  /** Error statuses beyond the ones implied by auth, parameters and body (see errorStatuses). */
  errors?: number[];
  /** Errors use the OB 3.0 imsx_StatusInfo instead of Cairn's error shape. */
  imsxErrors?: boolean;
}

/** Describes one route (a typed identity: the document builder reads these). */
export function describeRoute(doc: RouteDoc): RouteDoc {
  return doc;
}

/** The error statuses an operation documents: the explicit ones, plus what its auth and input imply, plus 500. */
export function errorStatuses(doc: RouteDoc): number[] {
  const out = new Set(doc.errors ?? []);
  if (doc.auth !== 'none') out.add(401);
  if (doc.scope || doc.oauthScope) out.add(403);
  if (doc.path.includes('/:')) out.add(404);
  if (doc.body || doc.query) out.add(doc.imsxErrors ? 400 : 422);
  out.add(500);
  return [...out].sort((a, b) => a - b);
}

/** The JSON Schema (2020-12, OpenAPI 3.1's dialect) of a zod schema, for a request (`input`) or an answer (`output`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

// Shapes shared by many answers.

/** `{ok: true}`: the change was made. */
export const okSchema = z.object({ ok: z.literal(true) }).meta({ description: 'The change was made.' });
/** A date and time, ISO 8601 in UTC. */
export const isoDate = z
  .string()
  .meta({ description: 'Date and time (ISO 8601, UTC).', format: 'date-time' });
/** `{id}` of something just made. */
export const idSchema = (description: string) => z.object({ id: z.string().meta({ description }) });
/** `{publicId}` of something just made. */
export const publicIdSchema = (description: string) =>
  z.object({ publicId: z.string().meta({ description }) });
/** Any JSON object (a document whose shape a standard defines, e.g. an OB 3.0 credential). */
export const anyObject = (description: string) => z.record(z.string(), z.unknown()).meta({ description });
