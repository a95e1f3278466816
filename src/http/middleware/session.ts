import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DAY } from '../../domain/clock.ts';
import { AppError } from '../../domain/errors.ts';
import { findSession } from '../../storage/sessions.ts';
import { organisationsOf } from '../../storage/organisations.ts';
import type { AppEnv, Viewer } from '../env.ts';
import { commandMessage } from '../../web/i18n/commandMessages.ts';

export const SESSION_COOKIE = 'cairn_session';

/** Loads the logged-in viewer (if any) from the server-side session named by the cookie. */
export const session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock, config } = c.var.deps;
  const token = getCookie(c, SESSION_COOKIE);
  let viewer: Viewer | null = null;
  if (token) {
    const s = await findSession(db, token, clock.now(), config.sessionDays * DAY);
    if (s) {
      const organisations = await organisationsOf(db, s.user_id);
      const activeOrganisation =
        organisations.find((o) => o.organisation_id === s.active_organisation_id) ?? organisations[0] ?? null;
      viewer = { ...s, sessionToken: token, organisations, activeOrganisation };
    }
  }
  c.set('viewer', viewer);
  await next();
};

/** The viewer, or an unauthenticated error (the boundary sends browsers to the login page). */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('unauthenticated', commandMessage('errors.http.logIn'));
  return viewer;
}
