import { notFound } from '../../../domain/errors.ts';
import { assertCan } from '../../../domain/roles.ts';
import type { Queryable } from '../../../storage/database.ts';
import type { Organisation } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';
import { submissionOfOrganisation, type SubmissionView } from '../queries/submissions.ts';

export type Side = 'issuer' | 'recognizer';

/**
 * A submission as a member of one of its two organisations sees it. Anyone else, including
 * staff of a third organisation, gets not_found; a member without the role gets forbidden.
 */
export async function loadSubmission(
  db: Queryable,
  orgSlug: string,
  userId: number,
  submissionPublicId: string,
): Promise<{ organisation: Organisation; side: Side; submission: SubmissionView; roles: string[] }> {
  const { organisation, membership } = await requireMember(db, orgSlug, userId);
  const submission = await submissionOfOrganisation(db, organisation.id, submissionPublicId);
  if (!submission) throw notFound('That submission');
  const side: Side = submission.recognizer_id === organisation.id ? 'recognizer' : 'issuer';
  assertCan(membership.roles, side === 'recognizer' ? 'recognition.read' : 'recognition.submit');
  return { organisation, side, submission, roles: membership.roles };
}
