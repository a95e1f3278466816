import { z } from 'zod';
import { inviteMemberInput } from '../commands/inviteMember.ts';
import { describeRoute, idSchema, isoDate } from '../../../http/openapi/describe.ts';

// The OpenAPI description of api.ts's routes (served at /api/v1/openapi.json and /api/docs).

const tags = ['Account and organisation'];

const membership = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  roles: z.array(z.string()),
});

export const meSchema = z.object({
  id: z.string().meta({ description: 'The account’s public id (usr_…).' }),
  name: z.string(),
  organisations: z.array(membership),
  activeOrganisation: z
    .string()
    .nullable()
    .meta({ description: 'The slug of the organisation the account is working in.' }),
});

export const membersSchema = z.object({
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      roles: z.array(z.string()),
      joinedAt: isoDate,
    }),
  ),
});

export const invitationsSchema = z.object({
  invitations: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      roles: z.array(z.string()),
      invitedBy: z.string().nullable(),
      createdAt: isoDate,
      expiresAt: isoDate,
      acceptedAt: isoDate.nullable(),
      revokedAt: isoDate.nullable(),
    }),
  ),
});

export const accountApiDocs = [
  describeRoute({
    method: 'GET',
    path: '/api/v1/me',
    summary: 'The logged-in account and its organisations',
    tags,
    auth: 'session',
    responses: { 200: { description: 'The account.', schema: meSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/members',
    summary: 'Members of an organisation',
    tags,
    auth: 'session',
    errors: [403],
    responses: { 200: { description: 'Every member with their roles.', schema: membersSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/invitations',
    summary: 'Invitations of an organisation',
    tags,
    auth: 'session',
    errors: [403],
    responses: {
      200: { description: 'Every invitation (never its secret link).', schema: invitationsSchema },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/invitations',
    summary: 'Invite someone to the organisation',
    description: 'Emails an invitation link; the person joins with the roles given.',
    tags,
    auth: 'session',
    errors: [403, 409],
    body: { schema: inviteMemberInput },
    responses: {
      201: { description: 'The invitation was sent.', schema: idSchema('The invitation’s public id.') },
    },
  }),
];
