import { APPLICATION_STATUSES } from '../applicationStatuses.ts';
import { z } from 'zod';
import { PERSONAL_ROUTE } from '../../../http/apiTokens.ts';
import { evidenceInput } from '../commands/submitEvidence.ts';
import { reviewInput } from '../commands/reviewAttempt.ts';
import { teamInput, teamInvitationInput } from '../teams/teams.ts';
import { secondReviewInput } from '../commands/calibration.ts';
import { outcomeInput } from '../commands/recordOutcome.ts';
import { sessionChoiceInput } from '../../recognition/index.ts';
import { anyObject, describeRoute, isoDate, okSchema } from '../../../http/openapi/describe.ts';

// The OpenAPI description of earningApi.ts's routes (served at /api/v1/openapi.json and /api/docs).

const earner = ['Earning'];
const reviewer = ['Reviewing'];
const staff = ['Earning (issuer staff)'];
const staffRoles = 'Roles: admin, issuing staff.';
const application = { id: 'The application’s public id.' };

export const applicationSchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  deadline: isoDate.meta({ description: 'Evidence must be submitted before this.' }),
  daysLeft: z.number().int(),
  attempts: z.number().int(),
  evidenceParts: z
    .array(z.unknown())
    .meta({ description: 'What evidence the micro-credential asks for, part by part.' }),
  evidence: z.array(
    z.object({
      part: z.number().int(),
      kind: z.enum(['text', 'file', 'link']),
      text: z.string().nullable(),
      link: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      attempt: z.number().int(),
      submittedAt: isoDate,
      decision: z.string().nullable(),
      scores: z.unknown(),
      feedback: z.unknown(),
      overallFeedback: z.string().nullable(),
      reviewedAt: isoDate.nullable(),
    }),
  ),
  credential: z.string().nullable().meta({ description: 'The credential issued when it passed.' }),
});

export const appliedSchema = z.object({
  publicId: z.string(),
  deadline: isoDate,
  payment: z
    .object({ publicId: z.string(), invoiceNumber: z.string() })
    .optional()
    .meta({ description: 'The fee’s invoice, when the micro-credential has one.' }),
});

const reviewView = z.object({
  id: z.string(),
  title: z.string(),
  evidence: z.unknown(),
  rubric: z.unknown(),
  decided: z.string().nullable(),
});

export const teamProgressSchema = z.object({
  name: z.string(),
  microCredentials: z.array(z.string()),
  members: z.array(
    z.object({
      name: z.string(),
      progress: z.array(
        z.object({ microCredential: z.string(), status: z.string(), attempts: z.number().int() }),
      ),
    }),
  ),
});

export const earningApiDocs = [
  describeRoute({
    method: 'POST',
    path: '/api/v1/micro-credentials/:id/apply',
    summary: 'Apply for a micro-credential',
    description: `Opens an application to the published version; the deadline comes from its application window. ${PERSONAL_ROUTE}`,
    tags: earner,
    auth: 'session',
    params: { id: 'The micro-credential’s public id (mc_…).' },
    errors: [409],
    body: {
      schema: sessionChoiceInput,
      required: false,
      description:
        'For proof of completion: the pre-approved session attended, by its id (`session`, ses_…) or its label (`program`, “provider — title”).',
    },
    responses: { 201: { description: 'The application.', schema: appliedSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/applications',
    summary: 'My applications',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    responses: {
      200: {
        description: 'Newest first, each with its evidence and attempts.',
        schema: z.object({ applications: z.array(applicationSchema) }),
      },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/applications/:id',
    summary: 'One of my applications',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    responses: { 200: { description: 'The application.', schema: applicationSchema } },
  }),
  describeRoute({
    method: 'PUT',
    path: '/api/v1/applications/:id/evidence/:part',
    summary: 'Save one part of the evidence (text or link)',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    errors: [409],
    body: { schema: evidenceInput },
    responses: { 200: { description: 'Saved.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/applications/:id/withdraw',
    summary: 'Withdraw an application',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    errors: [409],
    responses: { 200: { description: 'Withdrawn.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/applications/:id/submit',
    summary: 'Submit the evidence for review',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    errors: [409, 422],
    responses: {
      200: { description: 'The attempt’s number.', schema: z.object({ attempt: z.number().int() }) },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/reviews',
    summary: 'Submissions waiting for my review',
    description: PERSONAL_ROUTE,
    tags: reviewer,
    auth: 'session',
    responses: {
      200: {
        description: 'Oldest first.',
        schema: z.object({
          queue: z.array(
            z.object({ id: z.string(), attempt: z.number().int(), title: z.string(), submittedAt: isoDate }),
          ),
        }),
      },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/reviews/:id',
    summary: 'A submission assigned to me',
    description: PERSONAL_ROUTE,
    tags: reviewer,
    auth: 'session',
    params: { id: 'The attempt’s public id.' },
    responses: {
      200: {
        description: 'Its frozen evidence and the rubric.',
        schema: reviewView.omit({ id: true }).extend({ id: z.string(), attempt: z.number().int() }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/reviews/:id',
    summary: 'Review a submission (scores, feedback, decision)',
    description: `A pass issues the credential. ${PERSONAL_ROUTE}`,
    tags: reviewer,
    auth: 'session',
    params: { id: 'The attempt’s public id.' },
    errors: [409],
    body: { schema: reviewInput },
    responses: { 200: { description: 'Recorded.', schema: okSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/credentials/:id',
    summary: 'A credential’s signed document, as issued',
    description: `For its recipient (any confirmed address of the account) or the issuer’s staff. ${PERSONAL_ROUTE}`,
    tags: earner,
    auth: 'session',
    params: { id: 'The credential’s public id.' },
    responses: {
      200: {
        description: 'The OpenBadgeCredential (a download).',
        contentType: 'application/vc+ld+json',
        schema: anyObject('An OpenBadgeCredential.'),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/teams',
    summary: 'Create a team (learning community)',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    body: { schema: teamInput },
    responses: { 201: { description: 'The team.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/teams/:id/invitations',
    summary: 'Invite someone to my team',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: { id: 'The team’s public id.' },
    body: { schema: teamInvitationInput },
    responses: { 201: { description: 'Invited by email.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/teams/join/:token',
    summary: 'Join a team with an invitation link',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    errors: [403, 409],
    responses: { 200: { description: 'The team joined.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/teams/:id',
    summary: 'My team’s progress',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: { id: 'The team’s public id.' },
    responses: {
      200: {
        description: 'Each member’s progress on each of the team’s micro-credentials.',
        schema: teamProgressSchema,
      },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/teams',
    summary: 'Teams working on the organisation’s micro-credentials',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'applications:read',
    errors: [403],
    responses: {
      200: {
        description: 'Names and sizes.',
        schema: z.object({
          teams: z.array(z.object({ id: z.string(), name: z.string(), members: z.number().int() })),
        }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/attempts/:attempt/second-review',
    summary: 'Ask for a second review (calibration)',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'applications:manage',
    errors: [403, 409],
    responses: { 201: { description: 'The second review.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/second-reviews/:id',
    summary: 'A second review assigned to me',
    description: PERSONAL_ROUTE,
    tags: reviewer,
    auth: 'session',
    params: { id: 'The second review’s public id.' },
    responses: { 200: { description: 'The evidence and rubric.', schema: reviewView } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/second-reviews/:id',
    summary: 'Submit a second review',
    description: PERSONAL_ROUTE,
    tags: reviewer,
    auth: 'session',
    params: { id: 'The second review’s public id.' },
    errors: [409],
    body: { schema: secondReviewInput },
    responses: {
      200: {
        description: 'Whether it agrees with the first review.',
        schema: z.object({ agrees: z.boolean() }),
      },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/calibration',
    summary: 'How often second reviews agree',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'applications:read',
    errors: [403],
    responses: {
      200: {
        description: 'Counts.',
        schema: z.object({ reviewed: z.number().int(), agreed: z.number().int() }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/micro-credentials/:id/outcomes',
    summary: 'Record an outcome (assessment, attendance, course completion)',
    description: `A passing outcome issues the credential. ${staffRoles}`,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'credentials:issue',
    params: { id: 'The micro-credential’s public id (mc_…).' },
    errors: [403, 409],
    body: { schema: outcomeInput },
    responses: {
      201: { description: 'Issued.', schema: z.object({ issued: z.literal(true), credential: z.string() }) },
      200: {
        description: 'Recorded, nothing issued (e.g. below the passing score).',
        schema: z.object({ issued: z.literal(false), reason: z.string() }),
      },
    },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/applications/:id',
    summary: 'One of the organisation’s applications, evidence included',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'applications:read',
    params: application,
    errors: [403],
    responses: { 200: { description: 'The application.', schema: applicationSchema } },
  }),
];
