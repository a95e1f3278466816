import { z } from 'zod';
import { describeRoute } from '../../http/openapi/describe.ts';

/** The tags, in the order the docs page shows them. */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  {
    name: 'Account and organisation',
    description: 'The logged-in account, an organisation’s members and invitations.',
  },
  { name: 'Catalog', description: 'The public catalog; designing micro-credentials, stacks and pathways.' },
  {
    name: 'Earning',
    description: 'Earners: applications, evidence, proof and fees, teams, their credentials.',
  },
  { name: 'Reviewing', description: 'Peer reviewers: the review queue, reviews and second reviews.' },
  {
    name: 'Earning (issuer staff)',
    description: 'Issuer staff: applications, outcomes, proof decisions, payments, calibration.',
  },
  { name: 'Credentials', description: 'Issuing credentials, listing them and changing their status.' },
  {
    name: 'Bulk awards',
    description: 'Awarding a micro-credential to a roster (CSV): upload, map, check, issue.',
  },
  { name: 'Recognition', description: 'Recognition programs and the submissions providers send them.' },
  { name: 'Audit', description: 'The organisation’s audit log.' },
  {
    name: 'Webhooks',
    description: 'Telling the organisation’s own systems what happens: subscriptions, deliveries, replays.',
  },
  { name: 'W3C VC API', description: 'Issuing and verifying credentials and presentations (W3C VC API).' },
  {
    name: 'Open Badges 3.0 API',
    description: 'The 1EdTech Open Badges 3.0 API (OAuth 2.0; errors are imsx_StatusInfo).',
  },
  { name: 'API description', description: 'This description itself.' },
];

/** The description's own route (src/features/apiDocs/routes.tsx). */
export const apiDocsApiDocs = [
  describeRoute({
    method: 'GET',
    path: '/api/v1/openapi.json',
    summary: 'This API’s description (OpenAPI 3.1)',
    tags: ['API description'],
    auth: 'none',
    responses: {
      200: {
        description: 'The OpenAPI document; the readable version is /api/docs.',
        schema: z
          .looseObject({
            openapi: z.literal('3.1.0'),
            info: z.looseObject({ title: z.string(), version: z.string() }),
            paths: z.record(z.string(), z.unknown()),
          })
          .meta({ description: 'An OpenAPI 3.1 document.' }),
      },
    },
  }),
];
