import { forbidden, notFound } from '../../../../domain/errors.ts';
import { can } from '../../../../domain/roles.ts';
import type { Queryable } from '../../../../storage/database.ts';
import type { Organisation } from '../../../../storage/schema.ts';
import { recordAudit } from '../../../../storage/audit.ts';
import type { Actor } from '../../../../domain/commands.ts';
import { requireMember } from '../../../accounts/index.ts';
import { sessionOfOrganisation, type SessionView } from '../queries/sessions.ts';

/** Who a member is to a session: its council's staff, its provider's staff, or both (a council running its own session). */
export interface SessionAccess {
  organisation: Organisation;
  session: SessionView;
  roles: string[];
  /** May read the session as its council (recognition officers, administrators). */
  council: boolean;
  /** May act for the provider (request, withdraw, upload the roster). */
  provider: boolean;
}

/**
 * A session as a member of its council or of its provider sees it. A stranger (a third
 * organisation too) gets not_found; a member whose roles allow neither side gets forbidden.
 */
export async function loadSession(
  db: Queryable,
  orgSlug: string,
  userId: number,
  sessionPublicId: string,
): Promise<SessionAccess> {
  const { organisation, membership } = await requireMember(db, orgSlug, userId);
  const session = await sessionOfOrganisation(db, organisation.id, sessionPublicId);
  if (!session) throw notFound('session');
  const roles = membership.roles;
  const council = session.council_organisation_id === organisation.id && can(roles, 'recognition.read');
  const provider = session.provider_organisation_id === organisation.id && can(roles, 'recognition.submit');
  if (!council && !provider) throw forbidden();
  return { organisation, session, roles, council, provider };
}

/** Records a step of a session in the council's log and the provider's (once when they are one). */
export async function auditSession(
  db: Queryable,
  session: Pick<SessionView, 'public_id' | 'council_organisation_id' | 'provider_organisation_id' | 'title'>,
  actor: Actor,
  action: 'requested' | 'approved' | 'declined' | 'withdrawn' | 'roster_uploaded',
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const organisations = new Set([session.council_organisation_id, session.provider_organisation_id]);
  for (const organisationId of organisations) {
    if (organisationId === null) continue;
    await recordAudit(
      db,
      {
        organisationId,
        actorUserId: actor.userId,
        action: `ce_session.${action}`,
        subjectType: 'ce_session',
        subjectId: session.public_id,
        data: { title: session.title, ...data },
        ip: actor.ip,
      },
      now,
    );
  }
}
