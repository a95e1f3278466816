import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { can } from '../../../domain/roles.ts';
import type { FormState } from '../../../web/forms.tsx';
import { loadSubmission, type Side } from '../commands/submissionAccess.ts';
import {
  resubmittableVersion,
  submissionSurroundings,
  submissionThread,
  type SubmissionView as Submission,
} from '../queries/submissions.ts';

/** The forms of the submission page; a failed one is shown again with its errors. */
export type StepForm = 'comment' | 'changes' | 'approve' | 'reject' | 'withdraw' | 'endorse';

/** One submission as one side sees it, and what this member may do on it. */
export interface SubmissionData {
  slug: string;
  side: Side;
  /** The member may act for the issuer (withdraw, resubmit): also true on a self-submission. */
  isIssuer: boolean;
  /** The organisation submitted its own micro-credential to its own program (kind "both"). */
  selfRecognition: boolean;
  submission: Submission;
  thread: Awaited<ReturnType<typeof submissionThread>>;
  surroundings: Awaited<ReturnType<typeof submissionSurroundings>>;
  /** The version the issuer may resubmit, if any. */
  resubmitVersion: number | null;
  /** An officer of the recognizer who may decide. */
  canManage: boolean;
  /** The approval has passed its end date. */
  expired: boolean;
}

export type SubmissionModel = SubmissionData & {
  failed: { name?: StepForm; form?: FormState };
  csrfToken: string;
};

export async function loadSubmissionPage(
  { db, clock }: Pick<CommandDeps, 'db' | 'clock'>,
  { actor, orgSlug, submission: publicId }: { actor: Actor; orgSlug: string; submission: string },
): Promise<SubmissionData> {
  const { organisation, side, sides, submission, roles } = await loadSubmission(
    db,
    orgSlug,
    actor.userId,
    publicId,
  );
  const [thread, resubmitVersion, surroundings] = await Promise.all([
    submissionThread(db, submission.id),
    sides.includes('issuer') ? resubmittableVersion(db, submission) : Promise.resolve(null),
    submissionSurroundings(db, submission),
  ]);
  const s = submission;
  const today = clock.now().toISOString().slice(0, 10);
  return {
    slug: organisation.slug,
    side,
    isIssuer: sides.includes('issuer'),
    selfRecognition: submission.issuer_id === submission.recognizer_id,
    submission,
    thread,
    surroundings,
    resubmitVersion,
    canManage: sides.includes('recognizer') && can(roles, 'recognition.manage'),
    expired: s.status === 'approved' && s.ends_on !== null && s.ends_on < today,
  };
}
