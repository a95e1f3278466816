import { z } from 'zod';
import { parseInput } from '../../../domain/validation.ts';
import { requireMember } from '../organisationAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';
import type { CommandOptions } from './options.ts';
import { accountMessage } from '../messages.ts';

export const switchOrganisationInput = z.object({
  slug: z.string().min(1, accountMessage('chooseOrganisation')),
});

/** Makes an organisation the session's current one (the user must belong to it). */
export async function switchOrganisation(
  deps: CommandDeps,
  { actor, ...input }: CommandOptions<{ sessionId: number; userId: number }>,
): Promise<void> {
  const { slug } = parseInput(switchOrganisationInput, input);
  const { organisation } = await requireMember(deps.db, slug, actor.userId);
  await deps.db
    .updateTable('sessions')
    .set({ active_organisation_id: organisation.id })
    .where('id', '=', actor.sessionId)
    .execute();
}
