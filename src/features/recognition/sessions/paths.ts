import { catalogEntryPath } from '../../catalog/index.ts';

/** Typed paths of the continuing-education session pages: build links with these, never by hand. */
export const sessionPaths = {
  /** The provider's sessions and their status. */
  mine: (slug: string) => `/orgs/${slug}/sessions`,
  /** The provider asks a council to pre-approve a session. */
  request: (slug: string) => `/orgs/${slug}/sessions/new`,
  /** The council's pre-approval queue. */
  queue: (slug: string) => `/orgs/${slug}/sessions/queue`,
  /** One session, as the provider or the council sees it. */
  session: (slug: string, sessionPublicId: string) => `/orgs/${slug}/sessions/${sessionPublicId}`,
  /** A step on a session: approve, decline, withdraw, roster. */
  step: (slug: string, sessionPublicId: string, step: SessionStep) =>
    `/orgs/${slug}/sessions/${sessionPublicId}/${step}`,
};

export type SessionStep = 'approve' | 'decline' | 'withdraw' | 'roster';

/** The query parameter of a catalog page that chooses the session in its application form. */
export const SESSION_QUERY = 'session';

/** The catalog page of the council's badge with the session chosen in its application form (invitation links). */
export const invitationPath = (councilSlug: string, mcSlug: string, sessionPublicId: string) =>
  `${catalogEntryPath(councilSlug, mcSlug)}?${SESSION_QUERY}=${encodeURIComponent(sessionPublicId)}`;
