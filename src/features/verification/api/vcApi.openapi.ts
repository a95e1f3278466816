import { z } from 'zod';
import { suppliedCredentialInput } from '../../issuing/index.ts';
import { anyObject, describeRoute } from '../../../http/openapi/describe.ts';

// The OpenAPI description of vcApi.ts's routes, the W3C VC API (served at /api/v1/openapi.json and /api/docs).

const tags = ['W3C VC API'];

/** What a check says, as a message key and its values: a program (or a page) words it in any language. */
const detail = z
  .object({
    key: z.string().meta({
      description:
        'Which of the verifier’s messages this is (stable, camelCase), such as missingFields, expiredOn, tooManyProofs or revokedByIssuer.',
    }),
    values: z.record(z.string(), z.unknown()).optional().meta({
      description:
        'The values the message carries: field names, counts (count, max), dates as the credential writes them (date), URLs, keys, which proof of a set (proof, proofs) or which credential of a transcript (index) …',
    }),
    quoted: z
      .object({ text: z.string(), from: z.enum(['library', 'credential']) })
      .optional()
      .meta({
        description:
          'Text the verifier did not write, as it came: a library’s error (English) or the credential’s own words (an issuer’s revocation reason).',
      }),
  })
  .loose();

const details = z
  .array(detail)
  .optional()
  .meta({ description: 'What `message` says, as message keys and values, in order.' });

const check = z
  .object({
    id: z.string(),
    ok: z.boolean(),
    code: z.string().optional(),
    message: z.string().optional().meta({ description: 'What the check says, in English.' }),
    details,
  })
  .loose();

export const verifyCredentialSchema = z.object({
  verified: z.boolean(),
  checks: z
    .array(check)
    .meta({ description: 'Every check made (proof, status, dates, schema …) with its outcome.' }),
  warnings: z.array(z.unknown()),
  errors: z.array(
    z.object({ id: z.string(), code: z.string().optional(), message: z.string().optional(), details }),
  ),
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
