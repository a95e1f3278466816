/** Typed paths of the recognition pages: build links with these, never by hand. */
export const recognitionPaths = {
  programs: (slug: string) => `/orgs/${slug}/recognition/programs`,
  program: (slug: string, programPublicId: string) => `/orgs/${slug}/recognition/programs/${programPublicId}`,
  archiveProgram: (slug: string, programPublicId: string) =>
    `/orgs/${slug}/recognition/programs/${programPublicId}/archive`,
  queue: (slug: string) => `/orgs/${slug}/recognition/queue`,
  submissions: (slug: string) => `/orgs/${slug}/recognition/submissions`,
  submit: (slug: string, microCredentialPublicId?: string) =>
    `/orgs/${slug}/recognition/submit${microCredentialPublicId ? `?mc=${encodeURIComponent(microCredentialPublicId)}` : ''}`,
  submission: (slug: string, submissionPublicId: string) =>
    `/orgs/${slug}/recognition/submissions/${submissionPublicId}`,
  /** A step on a submission: comment, request-changes, approve, reject, withdraw, endorse, resubmit. */
  submissionStep: (slug: string, submissionPublicId: string, step: SubmissionStepPath) =>
    `/orgs/${slug}/recognition/submissions/${submissionPublicId}/${step}`,
  endorsement: (endorsementPublicId: string) => `/endorsements/${endorsementPublicId}`,
};

export type SubmissionStepPath =
  'comment' | 'request-changes' | 'approve' | 'reject' | 'withdraw' | 'endorse' | 'resubmit';
