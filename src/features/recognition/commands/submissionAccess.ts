import { forbidden, notFound } from '../../../domain/errors.ts';
import { can } from '../../../domain/roles.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';
import { submissionOfOrganisation, type SubmissionView } from '../queries/submissions.ts';

export type Side = 'issuer' | 'recognizer';

/**
 * A submission as a member of one of its two organisations sees it. Anyone else, including
 * staff of a third organisation, gets not_found; a member without the role gets forbidden.
 * An organisation of kind "both" may submit its own micro-credentials to its own program: then
 * it is on both sides, and `sides` lists the ones the member's roles allow (recognizer first).
 */
export async function loadSubmission(
  db: Queryable,
  orgSlug: string,
  userId: number,
  submissionPublicId: string,
): Promise<{
  organisation: Organisation;
  side: Side;
  sides: Side[];
  submission: SubmissionView;
  roles: string[];
}> {
  const { organisation, membership } = await requireMember(db, orgSlug, userId);
  const submission = await submissionOfOrganisation(db, organisation.id, submissionPublicId);
  if (!submission) throw notFound('That submission');
  const roles = membership.roles;
  const sides: Side[] = [];
  if (submission.recognizer_id === organisation.id && can(roles, 'recognition.read'))
    sides.push('recognizer');
  if (submission.issuer_id === organisation.id && can(roles, 'recognition.submit')) sides.push('issuer');
  const [side] = sides;
  if (!side) throw forbidden();
  return { organisation, side, sides, submission, roles };
}
