import type { MemberRow, InvitationRow, MembershipSummary } from '../storage/organisations.ts';
import type { AuditRow } from '../storage/audit.ts';
import type { Viewer } from './env.ts';

// Presenters: the only shapes the JSON API sends. Never a database row as it is.

/** The logged-in person. */
export function presentViewer(v: Viewer) {
  return {
    id: v.user_public_id,
    name: v.name,
    organisations: v.organisations.map(presentMembershipSummary),
    activeOrganisation: v.activeOrganisation?.slug ?? null,
  };
}

/** An organisation the viewer belongs to, with their roles. */
export function presentMembershipSummary(m: MembershipSummary) {
  return { slug: m.slug, name: m.name, kind: m.kind, roles: m.roles };
}

/** A member of an organisation. */
export function presentMember(m: MemberRow) {
  return {
    id: m.user_public_id,
    name: m.name,
    email: m.email,
    roles: m.roles,
    joinedAt: m.joined_at.toISOString(),
  };
}

/** An invitation (never its token). */
export function presentInvitation(i: InvitationRow) {
  return {
    id: i.public_id,
    email: i.email,
    roles: i.roles,
    invitedBy: i.invited_by_name,
    createdAt: i.created_at.toISOString(),
    expiresAt: i.expires_at.toISOString(),
    acceptedAt: i.accepted_at?.toISOString() ?? null,
    revokedAt: i.revoked_at?.toISOString() ?? null,
  };
}

/** An audit log entry. */
export function presentAuditEvent(e: AuditRow) {
  return {
    id: e.id,
    action: e.action,
    actor: e.actor_name,
    subject: { type: e.subject_type, id: e.subject_id },
    data: e.data,
    at: e.created_at.toISOString(),
  };
}
