import { forbidden } from './errors.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';

/** Roles a member can hold in an organisation; a member may hold several. */
export const ROLES = [
  'owner',
  'admin',
  'designer',
  'reviewer',
  'issuing_staff',
  'recognition_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  designer: 'Designer',
  reviewer: 'Reviewer',
  issuing_staff: 'Issuing staff',
  recognition_officer: 'Recognition officer',
};

export const ORGANISATION_KINDS = ['issuer', 'recognizer', 'both'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What a member may do; each action lists the roles that allow it. Owners may do everything. */
const permissions = {
  'organisation.read': ROLES,
  'organisation.update': ['admin'],
  'members.read': ROLES,
  'members.manage': ['admin'],
  'invitations.read': ['admin'],
  'invitations.manage': ['admin'],
  'audit.read': ['admin'],
  'jobs.read': ['admin'],
  'credentials.issue': ['admin', 'issuing_staff'],
  'credentials.read': ['admin', 'issuing_staff'],
  'credentials.revoke': ['admin', 'issuing_staff'],
  'keys.manage': ['admin'],
  'tokens.manage': ['admin'],
  'catalog.design': ['admin', 'designer'],
  'catalog.read': ROLES,
  'reviews.perform': ['reviewer'],
  'applications.read': ['admin', 'issuing_staff'],
  'applications.manage': ['admin', 'issuing_staff'],
  'payments.manage': ['admin', 'issuing_staff'],
  'recognition.read': ['admin', 'recognition_officer'],
  'recognition.manage': ['admin', 'recognition_officer'],
  'recognition.submit': ['admin', 'designer', 'issuing_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when a member holding these roles may perform the action. */
export function can(roles: readonly string[], action: Action): boolean {
  if (roles.includes('owner')) return true;
  const allowed: readonly string[] = permissions[action];
  return roles.some((r) => allowed.includes(r));
}

/** Throws forbidden unless the roles allow the action. */
export function assertCan(roles: readonly string[], action: Action): void {
  if (!can(roles, action)) throw forbidden();
}

/** Only an owner may grant or take away the owner role. */
export function assertCanGrant(
  actorRoles: readonly string[],
  from: readonly string[],
  to: readonly string[],
): void {
  const touchesOwner = from.includes('owner') !== to.includes('owner');
  if (touchesOwner && !actorRoles.includes('owner'))
    throw forbidden(commandMessage('errors.general.ownerRole'));
}
