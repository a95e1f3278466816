import { z } from 'zod';
import { programInput } from '../commands/programTerms.ts';
import { approveInput } from '../commands/approveProgramSubmission.ts';
import { commentInput } from '../commands/commentOnProgramSubmission.ts';
import { rejectSubmissionInput } from '../commands/rejectProgramSubmission.ts';
import { requestChangesInput } from '../commands/requestSubmissionChanges.ts';
import { submitInput } from '../commands/submitProgram.ts';
import { withdrawInput } from '../commands/withdrawProgramSubmission.ts';
import { endorseInput } from '../commands/endorseProgramSubmission.ts';
import { SUBMISSION_STATUSES } from '../commands/submissionSteps.ts';
import { anyObject, describeRoute, isoDate, okSchema } from '../../../http/openapi/describe.ts';

// The OpenAPI description of recognitionApi.ts's routes (served at /api/v1/openapi.json and /api/docs).

const tags = ['Recognition'];
const submission = { id: 'The submission’s public id.' };
const STATUSES = SUBMISSION_STATUSES;

export const programsSchema = z.object({
  programs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      licenseName: z.string(),
      description: z.string(),
      cycleYears: z.number().int(),
      hoursRequired: z.number(),
      unitRule: z.enum(['fixed', 'credit_hours']),
      fixedHours: z.number().nullable(),
      capHoursPerCycle: z.number().nullable(),
      posting: z.enum(['automatic', 'review']),
      archived: z.boolean(),
    }),
  ),
});

export const submissionSchema = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  program: z.object({ id: z.string(), name: z.string(), licenseName: z.string() }),
  issuer: z.object({ slug: z.string(), name: z.string() }),
  recognizer: z.object({ slug: z.string(), name: z.string() }),
  subject: z.object({
    kind: z.enum(['micro_credential', 'pathway', 'stack']),
    title: z.string(),
    microCredential: z.string().nullable(),
    version: z.number().int().nullable(),
  }),
  statement: z.string(),
  hoursGranted: z.number().nullable(),
  endsOn: z
    .string()
    .nullable()
    .meta({ description: 'The last day the approval counts (YYYY-MM-DD), or null.' }),
  submittedAt: isoDate,
  decidedAt: isoDate.nullable(),
});

export const submissionThreadSchema = submissionSchema.extend({
  side: z.enum(['issuer', 'recognizer']).meta({ description: 'Which side the caller is on.' }),
  thread: z.array(
    z.object({
      kind: z.string(),
      side: z.string(),
      author: z.string().nullable(),
      body: z.string().meta({
        description:
          'What the person wrote, as written; for an entry Cairn wrote (an approval without a note, a withdrawal, a resubmission, an endorsement), its English words.',
      }),
      facts: z
        .object({ kind: z.enum(['approved', 'withdrawn', 'resubmittedAs', 'endorsed']) })
        .catchall(z.unknown())
        .nullable()
        .meta({
          description:
            'For an entry Cairn wrote, what it notes: approved (hours, endsOn), withdrawn, resubmittedAs (submission, subject, version) or endorsed (endorsement); null for a person’s words.',
        }),
      at: isoDate,
    }),
  ),
});

export const recognitionApiDocs = [
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/recognition/programs',
    summary: 'A recognizer’s programs',
    description: 'Roles: admin, recognition officer.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:read',
    errors: [403],
    responses: { 200: { description: 'Every program, by name.', schema: programsSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/programs',
    summary: 'Create a recognition program',
    description: 'Roles: admin, recognition officer.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    errors: [403, 409],
    body: { schema: programInput },
    responses: { 201: { description: 'The program.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'PUT',
    path: '/api/v1/orgs/:slug/recognition/programs/:id',
    summary: 'Update a recognition program',
    description: 'Roles: admin, recognition officer.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    params: { id: 'The program’s public id.' },
    errors: [403],
    body: { schema: programInput },
    responses: { 200: { description: 'Saved.', schema: okSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/recognition/submissions',
    summary: 'Submissions sent (as issuer) and received (as recognizer)',
    description:
      'What the caller’s roles allow them to see; at most 500, newest first. A token sees those received with recognition:read and those sent with recognition:submit; it needs at least one.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:read',
    query: z.object({ status: z.enum(STATUSES).optional() }),
    responses: {
      200: { description: 'The submissions.', schema: z.object({ submissions: z.array(submissionSchema) }) },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions',
    summary: 'Submit a micro-credential, pathway or stack to a recognition program',
    description: 'Roles: admin, designer, issuing staff.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:submit',
    errors: [403, 409],
    body: { schema: submitInput },
    responses: { 201: { description: 'The submission.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id',
    summary: 'A submission and its thread',
    description: 'A token needs recognition:read for a submission received, recognition:submit for one sent.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:read',
    params: submission,
    responses: { 200: { description: 'The submission.', schema: submissionThreadSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/comment',
    summary: 'Comment on a submission',
    description:
      'A token needs recognition:submit on a submission sent, recognition:read and recognition:manage on one received.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:submit',
    params: submission,
    errors: [403, 409],
    body: { schema: commentInput },
    responses: { 200: { description: 'Added.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/request-changes',
    summary: 'Ask the provider for changes (recognizer)',
    description: 'A token also needs recognition:read.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    params: submission,
    errors: [403, 409],
    body: { schema: requestChangesInput },
    responses: { 200: { description: 'Recorded.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/approve',
    summary: 'Approve a submission (recognizer)',
    description: 'A token also needs recognition:read.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    params: submission,
    errors: [403, 409],
    body: { schema: approveInput },
    responses: { 200: { description: 'Approved.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/reject',
    summary: 'Reject a submission (recognizer)',
    description: 'A token also needs recognition:read.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    params: submission,
    errors: [403, 409],
    body: { schema: rejectSubmissionInput },
    responses: { 200: { description: 'Rejected.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/withdraw',
    summary: 'Withdraw a submission (provider)',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:submit',
    params: submission,
    errors: [403, 409],
    body: { schema: withdrawInput },
    responses: { 200: { description: 'Withdrawn.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/recognition/submissions/:id/endorse',
    summary: 'Endorse an approved submission (provider): an EndorsementCredential',
    description: 'A token also needs recognition:read.',
    tags,
    auth: 'sessionOrToken',
    scope: 'recognition:manage',
    params: submission,
    errors: [403, 409],
    body: { schema: endorseInput },
    responses: {
      200: {
        description: 'The signed endorsement.',
        schema: z.object({ id: z.string(), credential: anyObject('The signed EndorsementCredential.') }),
      },
    },
  }),
];
