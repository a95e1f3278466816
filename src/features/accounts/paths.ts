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
  'export.zip',
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
