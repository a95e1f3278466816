import { z } from 'zod';
import { PERSONAL_ROUTE } from '../../../http/apiTokens.ts';
import { approveInput, rejectInput } from '../commands/decideProof.ts';
import { markPaidInput, refundInput } from '../commands/feePayments.ts';
import { describeRoute, isoDate, okSchema } from '../../../http/openapi/describe.ts';

// The OpenAPI description of proofAndFees.tsx's JSON routes (served at /api/v1/openapi.json and /api/docs).

const earner = ['Earning'];
const staff = ['Earning (issuer staff)'];
const staffRoles = 'Roles: admin, issuing staff.';
const application = { id: 'The application’s public id.' };
const PAYMENT_STATES = ['pending', 'paid', 'refunded', 'cancelled'] as const;

export const paymentSchema = z.object({
  id: z.string(),
  invoiceNumber: z.string(),
  amountMinor: z.number().int().meta({ description: 'The amount in the currency’s minor unit (cents).' }),
  currency: z.string(),
  amount: z.string().meta({ description: 'The amount written for people, e.g. “$45.00”.' }),
  state: z.enum(PAYMENT_STATES),
  provider: z.string(),
  reference: z.string().nullable(),
  instructions: z.string(),
  paidAt: isoDate.nullable(),
  refundedAt: isoDate.nullable(),
  refundReference: z.string().nullable(),
});

export const proofQueueSchema = z.object({
  applications: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      title: z.string(),
      earner: z.string(),
      program: z.string().nullable(),
      certificate: z
        .string()
        .nullable()
        .meta({ description: 'The uploaded certificate’s file id, or null.' }),
      payment: z
        .object({
          id: z.string(),
          invoiceNumber: z.string(),
          state: z.enum(PAYMENT_STATES),
          amount: z.string(),
        })
        .nullable(),
    }),
  ),
});

const paymentParam = { id: 'The payment’s public id.' };

export const proofAndFeesApiDocs = [
  describeRoute({
    method: 'POST',
    path: '/api/v1/applications/:id/certificate',
    summary: 'Upload the certificate of completion (proof of completion)',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    errors: [409, 413],
    body: {
      schema: z.object({
        certificate: z.string().meta({ format: 'binary', description: 'The certificate (PDF or image).' }),
      }),
      contentType: 'multipart/form-data',
    },
    responses: { 201: { description: 'Stored.', schema: z.object({ publicId: z.string() }) } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/applications/:id/proof/submit',
    summary: 'Send the certificate to the issuer for a decision',
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
    path: '/api/v1/applications/:id/payment',
    summary: 'The fee of my application (invoice and state)',
    description: PERSONAL_ROUTE,
    tags: earner,
    auth: 'session',
    params: application,
    responses: { 200: { description: 'The current payment.', schema: paymentSchema } },
  }),
  describeRoute({
    method: 'GET',
    path: '/api/v1/orgs/:slug/proof-queue',
    summary: 'Applications with proof waiting for a decision',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'applications:read',
    errors: [403],
    query: z.object({
      decided: z
        .enum(['true', 'false'])
        .optional()
        .meta({ description: '“true” lists the decided ones instead.' }),
    }),
    responses: { 200: { description: 'The queue.', schema: proofQueueSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/applications/:id/approve',
    summary: 'Approve an application with proof (issues the credential)',
    description: `Refused until the fee is paid. ${staffRoles}`,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'credentials:issue',
    params: application,
    errors: [403, 409],
    body: { schema: approveInput, required: false },
    responses: { 200: { description: 'Approved; the credential is being issued.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/applications/:id/reject',
    summary: 'Reject an application with proof',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'credentials:issue',
    params: application,
    errors: [403, 409],
    body: { schema: rejectInput },
    responses: { 200: { description: 'Rejected; the earner is told why.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/payments/:id/mark-paid',
    summary: 'Mark an invoice paid',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'payments:manage',
    params: paymentParam,
    errors: [403, 409],
    body: { schema: markPaidInput },
    responses: { 200: { description: 'Marked paid.', schema: okSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/api/v1/orgs/:slug/payments/:id/refund',
    summary: 'Record a refund',
    description: staffRoles,
    tags: staff,
    auth: 'sessionOrToken',
    scope: 'payments:manage',
    params: paymentParam,
    errors: [403, 409],
    body: { schema: refundInput },
    responses: { 200: { description: 'Recorded.', schema: z.object({ reference: z.string() }) } },
  }),
];
