import { z } from 'zod';
import { anyObject, describeRoute } from '../../http/openapi/describe.ts';
import { profileInput } from './profile.ts';
import { API_PATH, SCOPES } from './scopes.ts';

// The OpenAPI description of the Open Badges 3.0 API in routes.tsx (served at /api/v1/openapi.json
// and /api/docs). The shapes follow 1EdTech's Open Badges 3.0 specification (§ 6 API); errors are
// imsx_StatusInfo, as it requires.

const tags = ['Open Badges 3.0 API'];
const ob3 = { auth: 'oauth2' as const, imsxErrors: true, tags };

export const ob3CredentialsSchema = z
  .object({
    compactJwsString: z.array(z.string()).meta({ description: 'Credentials held as compact JWS (VC-JWT).' }),
    credential: z.array(anyObject('An AchievementCredential / OpenBadgeCredential.')),
  })
  .meta({ description: 'GetOpenBadgeCredentialsResponse.' });

export const ob3ProfileSchema = z
  .object({
    '@context': z.array(z.string()),
    id: z.string(),
    type: z.array(z.string()),
    name: z.string(),
    email: z.string().optional(),
  })
  .loose()
  .meta({ description: 'An OB 3.0 Profile.' });

export const ob3ApiDocs = [
  describeRoute({
    method: 'GET',
    path: `${API_PATH}/discovery`,
    summary: 'The Service Description Document (OpenAPI 3.0, profiled by 1EdTech)',
    tags,
    auth: 'none',
    imsxErrors: true,
    responses: {
      200: {
        description: 'The discovery document.',
        schema: anyObject('OpenAPI 3.0 Service Description Document.'),
      },
    },
  }),
  describeRoute({
    ...ob3,
    method: 'GET',
    path: `${API_PATH}/credentials`,
    summary: 'getCredentials: the badges in the authorizing person’s backpack',
    oauthScope: SCOPES.credentialRead,
    query: z.object({
      limit: z.number().int().min(1).optional().meta({ description: 'Page size.' }),
      offset: z.number().int().min(0).optional(),
      since: z.string().optional().meta({
        description: 'Only credentials issued or added since this date and time.',
        format: 'date-time',
      }),
    }),
    responses: {
      200: {
        description: 'One page.',
        schema: ob3CredentialsSchema,
        headers: {
          'X-Total-Count': 'How many there are in all.',
          Link: 'RFC 8288 links to the first, previous, next and last pages.',
        },
      },
    },
  }),
  describeRoute({
    ...ob3,
    method: 'POST',
    path: `${API_PATH}/credentials`,
    summary: 'upsertCredential: add a badge to the backpack, or replace the one with the same id',
    oauthScope: SCOPES.credentialUpsert,
    errors: [415],
    body: { schema: anyObject('One credential as JSON (application/json), or a compact JWS as text/plain.') },
    responses: {
      200: { description: 'Replaced; the credential as stored.', schema: anyObject('The credential.') },
      201: { description: 'Added; the credential as stored.', schema: anyObject('The credential.') },
    },
  }),
  describeRoute({
    ...ob3,
    method: 'GET',
    path: `${API_PATH}/profile`,
    summary: 'getProfile: the authorizing person’s profile',
    oauthScope: SCOPES.profileRead,
    responses: { 200: { description: 'The profile.', schema: ob3ProfileSchema } },
  }),
  describeRoute({
    ...ob3,
    method: 'PUT',
    path: `${API_PATH}/profile`,
    summary: 'putProfile: change the person’s name',
    oauthScope: SCOPES.profileUpdate,
    body: { schema: profileInput },
    responses: { 200: { description: 'The updated profile.', schema: ob3ProfileSchema } },
  }),
];
