import type { Clock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/database.ts';
import type { SessionUser } from '../storage/sessions.ts';
import type { MembershipSummary } from '../storage/organisations.ts';
import type { CredentialServices } from '../credentials/services.ts';

/** Everything the web app is built from; one options object, no module globals. */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  credentials: CredentialServices;
}

/** The logged-in person, their organisations and the current one. */
export interface Viewer extends SessionUser {
  sessionToken: string;
  organisations: MembershipSummary[];
  activeOrganisation: MembershipSummary | null;
  /** Unread notifications (set on page requests by features/notifications; the navigation shows it). */
  unreadNotifications?: number;
}

/** Hono's typed per-request variables. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    viewer: Viewer | null;
    csrfToken: string;
    ip: string | null;
    requestId: string;
  };
}
