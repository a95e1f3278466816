import { forbidden, notFound } from '../../../domain/errors.ts';
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
 * An organisation of kind "both" may submit its own micro-credentials to its own program: then
 * it is on both sides, and `sides` lists the ones the actor may act for (recognizer first).
 */
export async function loadSubmission(
  db: Queryable,
  orgSlug: string,
  who: number | OrganisationActor,
  submissionPublicId: string,
): Promise<{
  organisation: Organisation;
  side: Side;
  sides: Side[];
  submission: SubmissionView;
  roles: string[];
  require: ActorAccess['require'];
}> {
  const actor = typeof who === 'number' ? { userId: who, ip: null } : who;
  const access = await requireActor(db, orgSlug, actor);
  const { organisation } = access;
  const submission = await submissionOfOrganisation(db, organisation.id, submissionPublicId);
  if (!submission) throw notFound('submission');
  const sides: Side[] = [];
  if (submission.recognizer_id === organisation.id && access.may('recognition.read'))
    sides.push('recognizer');
  if (submission.issuer_id === organisation.id && access.may('recognition.submit')) sides.push('issuer');
  const [side] = sides;
  if (!side) {
    // Say why as requireActor would: forbidden for a member, insufficient_scope for a token.
    access.require(submission.recognizer_id === organisation.id ? 'recognition.read' : 'recognition.submit');
    throw forbidden();
  }
  return {
    organisation,
    side,
    sides,
    submission,
    roles: access.membership?.roles ?? [],
    require: access.require,
  };
}
