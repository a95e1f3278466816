import { z } from 'zod';
import { describeRoute } from '../../../http/openapi/describe.ts';

// The OpenAPI description of bulkAwardApi.ts's routes (served at /api/v1/openapi.json and /api/docs).

const tags = ['Bulk awards'];
const run = { run: 'The bulk award run’s public id.' };
const roles = 'A session needs the admin or issuing staff role.';

const FIELDS = ['email', 'name', 'externalId', 'credits', 'issuedOn', 'evidenceUrl'] as const;
export const awardMappingSchema = z
  .partialRecord(z.enum(FIELDS), z.string())
  .meta({ description: 'Which CSV column holds each field, e.g. {"email": "Email", "name": "Full Name"}.' });

export const awardProgressSchema = z.object({
  run: z.string(),
  state: z.enum(['uploaded', 'checking', 'dry_run', 'queued', 'running', 'done', 'failed']),
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicate: z.number().int(),
  alreadyIssued: z.number().int(),
  issued: z.number().int(),
  skipped: z.number().int(),
  percent: z.number().meta({ description: 'Share of the valid rows dealt with (issued or skipped), 0–100.' }),
  error: z.string().nullable(),
});

export const uploadedRunSchema = z.object({
  run: z.string(),
  total: z.number().int().meta({ description: 'Rows in the file.' }),
  header: z.array(z.string()),
  suggestedMapping: awardMappingSchema,
  page: z.string().meta({ description: 'The run’s page in Cairn.' }),
});

export const dryRunSchema = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicate: z.number().int(),
  alreadyIssued: z.number().int(),
  unusedColumns: z.array(z.string()),
});

export const bulkAwardApiDocs = [
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/award-runs',
    summary: 'Upload a roster (CSV) for a bulk award',
    description: `The CSV is the request body, read as a stream (up to 1 GB). ${roles}`,
    tags,
    auth: 'sessionOrToken',
    scope: 'awards:run',
    query: z.object({
      microCredential: z.string().meta({ description: 'The micro-credential to award (mc_…).' }),
      fileName: z.string().optional().meta({ description: 'The file’s name, shown on the run’s page.' }),
    }),
    body: {
      schema: z.string().meta({ description: 'The roster: a header line, then one person a line.' }),
      contentType: 'text/csv',
    },
    responses: {
      201: { description: 'The run, its header and a suggested column mapping.', schema: uploadedRunSchema },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/award-runs/:run',
    summary: 'Where a run stands',
    tags,
    auth: 'sessionOrToken',
    scope: 'awards:run',
    params: run,
    responses: { 200: { description: 'Its counts and state.', schema: awardProgressSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/award-runs/:run/problems',
    summary: 'Rows of a run that were refused or skipped',
    tags,
    auth: 'sessionOrToken',
    scope: 'awards:run',
    params: run,
    responses: {
      200: {
        description: 'Up to 1,000 rows, each with its problem.',
        schema: z.object({
          rows: z.array(
            z.object({
              line: z.number().int(),
              email: z.string().nullable(),
              state: z.string(),
              error: z.string().nullable(),
            }),
          ),
        }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/award-runs/:run/mapping',
    summary: 'Map the columns and check every row (a dry run: nothing is issued)',
    description:
      'Small files are checked at once (200, the summary); larger ones in the background (202, follow the run).',
    tags,
    auth: 'sessionOrToken',
    scope: 'awards:run',
    params: run,
    errors: [409],
    body: { schema: awardMappingSchema },
    responses: {
      200: { description: 'The dry run’s summary.', schema: dryRunSchema },
      202: { description: 'Checking in the background.', schema: awardProgressSchema },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/award-runs/:run/issue',
    summary: 'Issue the valid rows of a checked run',
    tags,
    auth: 'sessionOrToken',
    scope: 'awards:run',
    params: run,
    errors: [409],
    responses: { 202: { description: 'Issuing in the background.', schema: awardProgressSchema } },
  }),
];
