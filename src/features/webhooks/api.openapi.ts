import { z } from 'zod';
import { describeRoute, isoDate, type RouteDoc } from '../../http/openapi/describe.ts';
import { changeSubscriptionInput } from './changeSubscription.ts';
import { createSubscriptionInput } from './createSubscription.ts';

// The OpenAPI description of api.ts (served at /api/v1/openapi.json and /api/docs).

export const webhookSchema = z.object({
  id: z.string().meta({ description: 'The webhook’s public id (whk_…).' }),
  url: z.string(),
  events: z.array(z.string()).meta({ description: 'The event types it receives.' }),
  program: z
    .string()
    .nullable()
    .meta({ description: 'Only completion notices of this recognition program (a program’s webhook).' }),
  enabled: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const deliverySchema = z.object({
  id: z.string(),
  event: z.object({ id: z.string(), type: z.string() }),
  state: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number().int(),
  statusCode: z.number().int().nullable(),
  response: z
    .string()
    .nullable()
    .meta({ description: 'The start of the receiver’s answer (1 KiB at most).' }),
  error: z.string().nullable(),
  createdAt: isoDate,
  lastAttemptAt: isoDate.nullable(),
  deliveredAt: isoDate.nullable(),
  nextAttemptAt: isoDate.nullable(),
  replayOf: z.string().nullable(),
});

const common: Pick<RouteDoc, 'tags' | 'auth' | 'scope'> = {
  tags: ['Webhooks'],
  auth: 'sessionOrToken',
  scope: 'webhooks:manage',
};
const base = '/api/v1/orgs/:slug/webhooks';

export const webhookApiDocs = [
  describeRoute({
    ...common,
    method: 'GET',
    path: base,
    summary: 'The organisation’s webhooks, and the event types there are',
    description: 'A session needs the owner or admin role.',
    responses: {
      200: {
        description: 'Every webhook.',
        schema: z.object({ webhooks: z.array(webhookSchema), events: z.array(z.string()) }),
      },
    },
  }),
  describeRoute({
    ...common,
    method: 'POST',
    path: base,
    summary: 'Add a webhook',
    description:
      'The answer carries the signing secret, shown this once (Cairn keeps it encrypted). Deliveries are signed `Cairn-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
    body: { schema: createSubscriptionInput },
    responses: { 201: { description: 'Created.', schema: webhookSchema.extend({ secret: z.string() }) } },
    errors: [409],
  }),
  describeRoute({
    ...common,
    method: 'GET',
    path: `${base}/:id`,
    summary: 'One webhook with its delivery log',
    responses: {
      200: {
        description: 'The webhook and its recent deliveries.',
        schema: webhookSchema.extend({ deliveries: z.array(deliverySchema) }),
      },
    },
  }),
  describeRoute({
    ...common,
    method: 'PATCH',
    path: `${base}/:id`,
    summary: 'Turn a webhook on or off',
    description: 'While off, events are not queued for it and pending deliveries are cancelled.',
    body: { schema: changeSubscriptionInput },
    responses: { 200: { description: 'The webhook as it is now.', schema: webhookSchema } },
  }),
  describeRoute({
    ...common,
    method: 'DELETE',
    path: `${base}/:id`,
    summary: 'Delete a webhook',
    responses: { 204: { description: 'Deleted.' } },
  }),
  describeRoute({
    ...common,
    method: 'POST',
    path: `${base}/:id/deliveries/:delivery/replay`,
    summary: 'Send one event again',
    description: 'A new delivery of the same event (same event id, new timestamp).',
    params: { delivery: 'The delivery’s public id.' },
    responses: { 202: { description: 'Queued.', schema: z.object({ id: z.string() }) } },
  }),
];
