import { z } from 'zod';
import { describeRoute, isoDate } from '../../../http/openapi/describe.ts';
import { auditQuerySchema } from './auditQuery.ts';

// The OpenAPI description of audit.tsx's JSON route (served at /api/v1/openapi.json and /api/docs).

export const auditPageSchema = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: isoDate,
      action: z.string().meta({ description: 'A stable action code, e.g. credential.issued.' }),
      description: z.string().meta({ description: 'The action in words.' }),
      actor: z.string().nullable().meta({ description: 'Who did it (null: the system or an API token).' }),
      actorEmail: z.string().nullable(),
      subject: z.object({ type: z.string(), id: z.string().nullable() }),
      ip: z.string().nullable(),
      data: z.unknown(),
    }),
  ),
  next: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'Pass as `before` for older events; null on the last page.' }),
});

export const auditApiDocs = [
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/audit',
    summary: 'The organisation’s audit log, newest first',
    description: 'Filters as on the audit page. A session needs the admin role.',
    tags: ['Audit'],
    auth: 'sessionOrToken',
    scope: 'audit:read',
    query: auditQuerySchema,
    responses: { 200: { description: 'One page of events.', schema: auditPageSchema } },
  }),
];
