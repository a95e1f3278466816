import { AppError } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireActor } from '../../accounts/index.ts';
import type { OrganisationActor } from '../../../domain/commands.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/**
 * The recognizer organisation, for managing its programs and reviewing submissions: a member
 * (by user id, or as an actor) whose roles allow the action, or its API token whose scopes do.
 */
export async function requireRecognizer(
  db: Queryable,
  slug: string,
  who: number | OrganisationActor,
  action: 'recognition.read' | 'recognition.manage',
): Promise<Organisation> {
  const actor = typeof who === 'number' ? { userId: who, ip: null } : who;
  const { organisation } = await requireActor(db, slug, actor, action);
  if (organisation.kind === 'issuer')
    throw new AppError('forbidden', commandMessage('errors.recognition.program.recognizersOnly'));
  return organisation;
}
