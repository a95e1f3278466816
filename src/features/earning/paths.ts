/**
 * Typed paths of the earning pages: build links and form actions with these, never by hand.
 * Segments are encoded, so a public id or slug can never break out of its place in the path.
 */
const seg = (s: string) => encodeURIComponent(s);

export const earningPaths = {
  applications: () => '/applications',
  application: (application: string) => `/applications/${seg(application)}`,
  applicationEvidence: (application: string) => `/applications/${seg(application)}/evidence`,
  applicationSubmit: (application: string) => `/applications/${seg(application)}/submit`,
  applicationWithdraw: (application: string) => `/applications/${seg(application)}/withdraw`,
  apply: (orgSlug: string, mcSlug: string) => `/catalog/${seg(orgSlug)}/${seg(mcSlug)}/apply`,
  evidenceFile: (file: string) => `/evidence-files/${seg(file)}`,
  /** A reviewer's own queue and one submission to review (peer review). */
  reviews: () => '/reviews',
  review: (attempt: string) => `/reviews/${seg(attempt)}`,
  reviewStart: (attempt: string) => `/reviews/${seg(attempt)}/start`,
  /** Issuer staff: the organisation's review queue and analytics. */
  reviewQueue: (orgSlug: string, mc?: string) =>
    `/orgs/${seg(orgSlug)}/review-queue${mc ? `?mc=${seg(mc)}` : ''}`,
  reassignReviewer: (orgSlug: string, attempt: string) =>
    `/orgs/${seg(orgSlug)}/review-queue/${seg(attempt)}/assign`,
  analytics: (orgSlug: string) => `/orgs/${seg(orgSlug)}/analytics`,
  analyticsCsv: (orgSlug: string) => `/orgs/${seg(orgSlug)}/analytics.csv`,
  /** Teams (learning communities): an earner's teams, one team, its invitations, the emailed join link. */
  teams: () => '/teams',
  team: (team: string) => `/teams/${seg(team)}`,
  teamInvitations: (team: string) => `/teams/${seg(team)}/invitations`,
  teamJoin: (token: string) => `/teams/join/${seg(token)}`,
} as const;
