import { requireMember } from '../organisationAccess.ts';
import type { CommandDeps } from '../../../domain/commands.ts';

/** Makes an organisation the session's current one (the user must belong to it). */
export async function switchOrganisation(
  deps: CommandDeps,
  session: { sessionId: number; userId: number },
  slug: string,
): Promise<void> {
  const { organisation } = await requireMember(deps.db, slug, session.userId);
  await deps.db
    .updateTable('sessions')
    .set({ active_organisation_id: organisation.id })
    .where('id', '=', session.sessionId)
    .execute();
}
