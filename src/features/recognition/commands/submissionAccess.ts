import { notFound } from '../../../domain/errors.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireActor, type ActorAccess } from '../../accounts/index.ts';
import type { OrganisationActor } from '../../../domain/commands.ts';
import { submissionOfOrganisation, type SubmissionView } from '../queries/submissions.ts';

export type Side = 'issuer' | 'recognizer';

/**
 * A submission as a member of one of its two organisations sees it (or that organisation's API
 * token). Anyone else, including staff or tokens of a third organisation, gets not_found; a
 * member without the role gets forbidden, a token without the scope insufficient_scope.
 */
export async function loadSubmission(
  db: Queryable,
  orgSlug: string,
  who: number | OrganisationActor,
  submissionPublicId: string,
): Promise<{
  organisation: Organisation;
  side: Side;
  submission: SubmissionView;
  roles: string[];
  require: ActorAccess['require'];
}> {
  const actor = typeof who === 'number' ? { userId: who, ip: null } : who;
  const access = await requireActor(db, orgSlug, actor);
  const { organisation } = access;
  const submission = await submissionOfOrganisation(db, organisation.id, submissionPublicId);
  if (!submission) throw notFound('That submission');
  const side: Side = submission.recognizer_id === organisation.id ? 'recognizer' : 'issuer';
  access.require(side === 'recognizer' ? 'recognition.read' : 'recognition.submit');
  return { organisation, side, submission, roles: access.membership?.roles ?? [], require: access.require };
}
