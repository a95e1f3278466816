import { z } from 'zod';

/** The JSON API's one error shape (src/http/errorBoundary.tsx `apiErrorBody`): the `Error` component. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          'A stable snake_case code clients can rely on: validation_failed, invalid_input, not_found, unauthenticated, forbidden, insufficient_scope, conflict, rate_limited, csrf_failed, token_invalid, credential_id_taken, internal …',
        examples: ['insufficient_scope'],
      }),
      message: z.string().meta({ description: 'What went wrong, written for a person.' }),
      details: z.record(z.string(), z.unknown()).meta({
        description:
          'What a client needs to act on it: `fields` (per-field messages), `requiredScope` (insufficient_scope), `retryAfterSeconds` (rate_limited).',
      }),
      fields: z
        .record(z.string(), z.string())
        .meta({ description: 'Per-field messages (the same as details.fields; kept for older clients).' }),
    }),
  })
  .meta({ description: 'Every JSON API error: `{error: {code, message, details}}`.' });

/** The Open Badges 3.0 API's error: imsx_StatusInfo (its specification requires it). */
export const imsxStatusInfoSchema = z
  .object({
    imsx_codeMajor: z.literal('failure'),
    imsx_severity: z.enum(['error', 'warning', 'status']),
    imsx_description: z.string().optional(),
    imsx_codeMinor: z
      .object({
        imsx_codeMinorField: z.array(
          z.object({ imsx_codeMinorFieldName: z.string(), imsx_codeMinorFieldValue: z.string() }),
        ),
      })
      .optional(),
  })
  .meta({ description: 'The Open Badges 3.0 API error (1EdTech imsx_StatusInfo).' });
