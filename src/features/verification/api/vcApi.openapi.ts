import { z } from 'zod';
import { suppliedCredentialInput } from '../../issuing/index.ts';
import { anyObject, describeRoute } from '../../../http/openapi/describe.ts';

// The OpenAPI description of vcApi.ts's routes, the W3C VC API (served at /api/v1/openapi.json and /api/docs).

const tags = ['W3C VC API'];

const check = z
  .object({ id: z.string(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })
  .loose();

export const verifyCredentialSchema = z.object({
  verified: z.boolean(),
  checks: z
    .array(check)
    .meta({ description: 'Every check made (proof, status, dates, schema …) with its outcome.' }),
  warnings: z.array(z.unknown()),
  errors: z.array(z.object({ id: z.string(), code: z.string().optional(), message: z.string().optional() })),
});

export const verifyPresentationSchema = z
  .object({
    verified: z.boolean(),
    checks: z.array(check),
    credentialResults: z.array(z.unknown()).meta({ description: 'Each credential’s own report, in order.' }),
  })
  .meta({ description: 'The presentation’s report: its own proof, then each credential’s checks.' });

export const vcApiDocs = [
  describeRoute({
    method: 'POST',
    path: '/credentials/issue',
    summary: 'Issue a credential (W3C VC API)',
    description:
      'Signs the credential given as the organisation of the token (did:web). With options.format "jwt" the answer is an EnvelopedVerifiableCredential holding a VC-JWT.',
    tags,
    auth: 'token',
    scope: 'credentials:issue',
    errors: [400, 409],
    body: { schema: suppliedCredentialInput },
    responses: {
      201: {
        description: 'The signed credential.',
        schema: z.object({
          verifiableCredential: anyObject('The signed credential (or an EnvelopedVerifiableCredential).'),
        }),
      },
    },
  }),
  describeRoute({
    method: 'POST',
    path: '/credentials/verify',
    summary: 'Verify a credential (W3C VC API)',
    description:
      'Accepts a credential as JSON, a VC-JWT string, or an EnvelopedVerifiableCredential. A credential that fails verification is answered 400 with the same report.',
    tags,
    auth: 'none',
    errors: [400],
    body: {
      schema: z.object({
        verifiableCredential: z.union([
          anyObject('A credential.'),
          z.string().meta({ description: 'A VC-JWT.' }),
        ]),
        options: anyObject('Ignored for now.').optional(),
      }),
    },
    responses: { 200: { description: 'Verified.', schema: verifyCredentialSchema } },
  }),
  describeRoute({
    method: 'POST',
    path: '/presentations/verify',
    summary: 'Verify a presentation (W3C VC API)',
    description: 'A presentation that fails verification is answered 400 with the same report.',
    tags,
    auth: 'none',
    errors: [400],
    body: {
      schema: z.object({
        verifiablePresentation: anyObject('A signed VerifiablePresentation.'),
        options: z
          .object({ challenge: z.string().optional(), domain: z.string().optional() })
          .loose()
          .optional(),
      }),
    },
    responses: { 200: { description: 'Verified.', schema: verifyPresentationSchema } },
  }),
];
