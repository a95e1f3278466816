import { z } from 'zod';
import { awardInput } from '../commands/awardCredential.ts';
import { manyInput } from '../commands/changeManyCredentialStatuses.ts';
import { anyObject, describeRoute, isoDate } from '../../../http/openapi/describe.ts';

// The OpenAPI description of credentialsApi.ts's routes (served at /api/v1/openapi.json and /api/docs).

const tags = ['Credentials'];
const roles = 'A session needs the admin or issuing staff role.';

export const awardedSchema = z.object({
  id: z.string().meta({ description: 'The credential’s public id.' }),
  organisation: z.string().meta({ description: 'The issuing organisation’s slug.' }),
  url: z.string().meta({ description: 'The credential’s public page.' }),
  credential: anyObject(
    'The signed Open Badges 3.0 credential (OpenBadgeCredential, eddsa-rdfc-2022 proof).',
  ),
  jwt: z
    .string()
    .optional()
    .meta({ description: 'The same credential as a VC-JWT, when asked for with formats.' }),
});

export const credentialListSchema = z.object({
  credentials: z.array(
    z.object({
      id: z.string(),
      recipient: z.string().nullable().meta({ description: 'The email address (or DID) it was issued to.' }),
      achievement: z.object({ id: z.string().nullable(), name: z.string() }),
      issuedAt: isoDate,
      validUntil: isoDate.nullable(),
      status: z.string().meta({ description: 'valid, revoked, suspended or expired.' }),
      url: z.string(),
    }),
  ),
  next: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Pass as `before` for the next (older) page; null on the last page.' }),
});

export const statusResultSchema = z.object({
  changed: z.array(z.string()).meta({ description: 'Public ids of the credentials changed.' }),
  skipped: z
    .array(z.object({ id: z.string(), message: z.string() }))
    .meta({ description: 'Credentials left as they were, each with the reason.' }),
});

export const credentialsApiDocs = [
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/credentials',
    summary: 'Award a micro-credential to a person',
    description: `Issues a signed credential for a published micro-credential to an email address; the person is emailed a claim link. ${roles}`,
    tags,
    auth: 'sessionOrToken',
    scope: 'credentials:issue',
    errors: [409],
    body: { schema: awardInput },
    responses: { 201: { description: 'Issued.', schema: awardedSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/credentials',
    summary: 'Credentials the organisation issued, newest first',
    description: `100 a page. ${roles}`,
    tags,
    auth: 'sessionOrToken',
    scope: 'credentials:read',
    query: z.object({
      before: z
        .number()
        .int()
        .min(1)
        .optional()
        .meta({ description: 'The `next` value of the previous page.' }),
    }),
    responses: { 200: { description: 'One page.', schema: credentialListSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/credentials/status',
    summary: 'Revoke, suspend or reinstate credentials',
    description: `Each change updates the organisation’s published status list. ${roles}`,
    tags,
    auth: 'sessionOrToken',
    scope: 'credentials:status',
    body: { schema: manyInput },
    responses: { 200: { description: 'What changed and what was skipped.', schema: statusResultSchema } },
  }),
];
