import { z } from 'zod';
import { PERSONAL_ROUTE } from '../../../http/apiTokens.ts';
import { EARNING_MODES } from '../microCredential.ts';
import { createMicroCredentialInput } from '../commands/createMicroCredential.ts';
import { reviewerPoolInput } from '../commands/setReviewerPool.ts';
import { stackInput } from '../commands/stackInput.ts';
import { importInput } from '../commands/importAchievements.ts';
import { pathwayInput } from '../commands/pathwayInput.ts';
import { designSchema } from '../microCredential.ts';
import { describeRoute, isoDate, okSchema } from '../../../http/openapi/describe.ts';

// The OpenAPI description of catalogApi.ts's routes (served at /api/v1/openapi.json and /api/docs).
// A command's input also names what the path says (organisation, micro-credential): not in the body.
const inPath = { orgSlug: true, microCredentialId: true } as const;

const tags = ['Catalog'];

/** The catalog's filters (read by catalogQuery in catalogApi.ts; anything unreadable is ignored). */
export const catalogQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Words to search for (title, competency, tags, issuer).' }),
  stack: z.string().optional().meta({ description: 'Only this stack (its slug).' }),
  issuer: z.string().optional().meta({ description: 'Only this issuer (its slug).' }),
  recognizedBy: z.string().max(100).optional().meta({
    description: 'Only micro-credentials this recognizer (its slug) approved and still recognizes.',
  }),
  mode: z.enum(EARNING_MODES).optional().meta({ description: 'How it is earned.' }),
  maxEffort: z.number().optional().meta({ description: 'At most this many hours of effort.' }),
  minCredits: z.number().optional().meta({ description: 'At least this many credit hours.' }),
  sort: z.enum(['relevance', 'newest', 'title', 'effort']).optional(),
  page: z.number().int().min(1).optional().meta({ description: '1 for the first page (20 a page).' }),
});

export const catalogSchema = z.object({
  items: z.array(
    z.object({
      public_id: z.string(),
      slug: z.string(),
      organisation_slug: z.string(),
      organisation_name: z.string(),
      version: z.number().int(),
      title: z.string(),
      competency: z.string(),
      in_language: z
        .string()
        .meta({ description: 'The language the title and competency are written in (BCP 47), e.g. en.' }),
      effort_hours: z.number().nullable(),
      credit_hours: z.number().nullable(),
      earning_mode: z.enum(EARNING_MODES),
      tags: z.array(z.string()),
      published_at: isoDate.nullable(),
    }),
  ),
  total: z.number().int().meta({ description: 'How many match, over all pages.' }),
});

export const orgMicroCredentialsSchema = z.object({
  microCredentials: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      retired: z.boolean(),
      version: z.number().int(),
      status: z.enum(['draft', 'published', 'superseded']),
      title: z.string(),
      publishedAt: isoDate.nullable(),
    }),
  ),
});

export const auditEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.string().nullable(),
  subject: z.object({ type: z.string(), id: z.string().nullable() }),
  data: z.unknown(),
  at: isoDate,
});

const made = z.object({ publicId: z.string(), slug: z.string() });
const version = z.object({ version: z.number().int() });

export const pathwaysProgressSchema = z.object({
  pathways: z.array(
    z.object({
      pathway: z.object({
        publicId: z.string(),
        slug: z.string(),
        name: z.string(),
        organisation: z.string(),
      }),
      progress: z.object({
        satisfied: z.boolean(),
        done: z.number().int(),
        needed: z.number().int(),
        at: isoDate.nullable(),
      }),
    }),
  ),
});

const mc = { id: 'The micro-credential’s public id (mc_…).' };
const design = ['designer', 'admin'];

export const catalogApiDocs = [
  describeRoute({
    method: 'GET',
    path: '/api/v1/catalog',
    summary: 'Search the public catalog',
    tags,
    auth: 'none',
    query: catalogQuerySchema,
    responses: { 200: { description: 'One page of published micro-credentials.', schema: catalogSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/micro-credentials',
    summary: 'The organisation’s micro-credentials, every version',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:read',
    errors: [403],
    responses: { 200: { description: 'One row per version.', schema: orgMicroCredentialsSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/history',
    summary: 'What happened to a micro-credential (its audit events)',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:read',
    params: mc,
    errors: [403],
    responses: {
      200: {
        description: 'Its events, newest first.',
        schema: z.object({ events: z.array(auditEventSchema) }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials',
    summary: 'Create a micro-credential (a draft)',
    description: `Roles: ${design.join(', ')}.`,
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    errors: [403, 409],
    body: { schema: createMicroCredentialInput.omit({ orgSlug: true }) },
    responses: { 201: { description: 'The draft was made.', schema: made } },
  }),
  describeRoute({
    method: 'PUT',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/draft',
    summary: 'Replace the draft’s design',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: mc,
    errors: [403, 409],
    body: { schema: designSchema },
    responses: { 200: { description: 'Saved.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/publish',
    summary: 'Publish the draft (it enters the catalog)',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: mc,
    errors: [403, 409, 422],
    responses: { 200: { description: 'The published version.', schema: version } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/revise',
    summary: 'Start a new draft from the published version',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: mc,
    errors: [403, 409],
    responses: { 201: { description: 'The new draft’s version.', schema: version } },
  }),
  describeRoute({
    method: 'PUT',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/reviewers',
    summary: 'Choose who reviews its submissions',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: mc,
    errors: [403],
    body: {
      schema: reviewerPoolInput.omit(inPath),
      description: 'Members’ public ids (usr_…); empty = any reviewer of the organisation.',
    },
    responses: { 200: { description: 'Saved.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/retire',
    summary: 'Retire it (leaves the catalog; issued credentials stay valid)',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: mc,
    errors: [403, 409],
    responses: { 200: { description: 'Retired.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials/import',
    summary: 'Import Open Badges achievements as drafts',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    errors: [403],
    body: { schema: importInput.omit({ orgSlug: true }) },
    responses: {
      201: {
        description: 'The drafts made, and the stack if one was asked for.',
        schema: z.object({ microCredentials: z.array(z.string()), stack: z.string().nullable() }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/pathways',
    summary: 'Save a pathway (a requirement tree of micro-credentials)',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    errors: [403, 409],
    body: { schema: pathwayInput.omit({ orgSlug: true }) },
    responses: { 201: { description: 'Saved.', schema: made } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/me/pathways',
    summary: 'My progress on the pathways my credentials count toward',
    tags,
    description: PERSONAL_ROUTE,
    auth: 'session',
    responses: { 200: { description: 'Progress per pathway (“3 of 5”).', schema: pathwaysProgressSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/stacks',
    summary: 'Create a stack',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    errors: [403, 409],
    body: { schema: stackInput.omit({ orgSlug: true }) },
    responses: { 201: { description: 'Saved.', schema: made } },
  }),
  describeRoute({
    method: 'PUT',
    path: '/api/v1/orgs/:slug/stacks/:id',
    summary: 'Update a stack',
    tags,
    auth: 'sessionOrToken',
    scope: 'catalog:write',
    params: { id: 'The stack’s public id.' },
    errors: [403, 409],
    body: { schema: stackInput.omit({ orgSlug: true }) },
    responses: { 200: { description: 'Saved.', schema: made } },
  }),
];
