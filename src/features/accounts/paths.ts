/**
 * Typed addresses of an organisation's pages, so no page or email builds `/orgs/${slug}/…` by
 * hand. `orgPath(slug)` is the organisation's home, `orgPath(slug, 'members')` one of its
 * sections, and further segments (ids, actions) follow: `orgPath(slug, 'tokens', id, 'revoke')`.
 */
export const ORG_SECTIONS = [
  'analytics',
  'analytics.csv',
  'applications',
  'audit',
  'audit.csv',
  'award-runs',
  'awards',
  'calibration',
  'credentials',
  'did.json',
  'export',
  'invitations',
  'members',
  'micro-credentials',
  'pathways',
  'payments',
  'proof-queue',
  'recognition',
  'review-queue',
  'stacks',
  'teams',
  'tokens',
  'webhooks',
] as const;
export type OrgSection = (typeof ORG_SECTIONS)[number];

/** The address of an organisation page; segments are URL-encoded, the query string (if any) is appended. */
export function orgPath(
  slug: string,
  section?: OrgSection,
  ...rest: (string | number | URLSearchParams)[]
): string {
  const query = rest.find((part): part is URLSearchParams => part instanceof URLSearchParams);
  const segments = rest.filter((part): part is string | number => !(part instanceof URLSearchParams));
  const path = ['/orgs', slug, ...(section ? [section] : []), ...segments]
    .map((segment, i) => (i === 0 ? segment : encodeURIComponent(String(segment))))
    .join('/');
  const search = query?.toString();
  return search ? `${path}?${search}` : path;
}

/** The invitation link sent by email. */
export const invitationPath = (token: string) => `/invitations/${encodeURIComponent(token)}`;

/** The account pages' fixed addresses (routes and links use these, not strings of their own). */
export const ACCOUNT_PATHS = {
  signUp: '/signup',
  logIn: '/login',
  logOut: '/logout',
  checkEmail: '/check-email',
  forgotPassword: '/forgot-password',
  resendConfirmation: '/resend-confirmation',
  profile: '/profile',
  profileName: '/profile',
  profileLocale: '/profile/locale',
  profileEmails: '/profile/emails',
  profilePassword: '/profile/password',
  myData: '/profile/my-data.zip',
  deleteAccount: '/profile/delete',
  newOrganisation: '/orgs/new',
  switchOrganisation: '/switch-organisation',
} as const;

/** The log-in page, coming back to `next` (a path on this site) afterwards. */
export const logInPath = (next?: string | null) =>
  next ? `${ACCOUNT_PATHS.logIn}?next=${encodeURIComponent(next)}` : ACCOUNT_PATHS.logIn;

/** The link in a password-reset email. */
export const resetPasswordPath = (token: string) => `/reset-password/${encodeURIComponent(token)}`;

/** The link in an email-confirmation email. */
export const confirmEmailPath = (token: string) => `/confirm-email/${encodeURIComponent(token)}`;

/** An action on one of the person's addresses. */
export const profileEmailPath = (id: number, action: 'primary' | 'remove') =>
  `${ACCOUNT_PATHS.profileEmails}/${id}/${action}`;
