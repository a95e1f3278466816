import { z } from 'zod';
import type { Actor, CommandDeps } from '../../domain/commands.ts';
import { updateProfile } from '../accounts/index.ts';
import { nameSchema } from '../accounts/index.ts';
import { Ob3ApiError } from '../../http/imsx.ts';
import { primaryEmail, userById } from './queries.ts';

/** The URI that names a Cairn account in OB 3.0 profiles. */
export const profileId = (deps: CommandDeps, userPublicId: string) =>
  `${deps.config.publicUrl}/ims/ob/v3p0/profiles/${userPublicId}`;

/** getProfile: the user as an OB 3.0 Profile (name and confirmed email). */
export async function getProfile(deps: CommandDeps, userId: number): Promise<Record<string, unknown>> {
  const user = await userById(deps.db, userId);
  if (!user) throw new Ob3ApiError(404, 'not_found', 'This account no longer exists.');
  const email = await primaryEmail(deps.db, userId);
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: profileId(deps, user.public_id),
    type: ['Profile'],
    name: user.name,
    ...(email ? { email } : {}),
  };
}

export const profileInput = z.looseObject({
  id: z.string().optional(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  name: z.unknown().optional(),
});

/**
 * putProfile: Cairn keeps a person's name; the name in the Profile replaces it. Other members
 * are not stored (Cairn has no place for them) and the answer is the profile as it now is.
 */
export async function putProfile(
  deps: CommandDeps,
  actor: Actor & { userPublicId: string },
  body: unknown,
): Promise<Record<string, unknown>> {
  const parsed = profileInput.safeParse(body);
  if (!parsed.success || typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Ob3ApiError(400, 'invalid_data', 'The body must be an OB 3.0 Profile: a JSON object.');
  const profile = parsed.data;
  if (profile.type !== undefined && ![profile.type].flat().includes('Profile'))
    throw new Ob3ApiError(400, 'invalid_data', 'The profile\'s type must include "Profile".');
  if (profile.id !== undefined && profile.id !== profileId(deps, actor.userPublicId))
    throw new Ob3ApiError(
      400,
      'invalid_data',
      "The profile's id is not this account's; leave it out or use the id getProfile gives.",
    );
  if (profile.name !== undefined) {
    const name = nameSchema.safeParse(profile.name);
    if (!name.success)
      throw new Ob3ApiError(
        400,
        'invalid_data',
        `The name cannot be used: ${name.error.issues[0]?.message ?? 'invalid'}.`,
      );
    await updateProfile(deps, { name: name.data, actor: actor });
  }
  return getProfile(deps, actor.userId);
}
