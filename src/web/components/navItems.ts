import type { Viewer } from '../../http/env.ts';
import { can } from '../../domain/roles.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/** One link of the navigation; `label` is a catalogue key. */
export interface NavItem {
  href: string;
  label: MessageKey;
  /** A number shown beside the label (unread notifications). */
  count?: number;
}

/** A menu of the navigation: a heading (a catalogue key, or the organisation's own name) and its links. */
export interface NavGroup {
  id: 'explore' | 'learning' | 'organisation' | 'admin';
  label: MessageKey;
  /** Shown instead of the label when set (the organisation's name). */
  name?: string;
  items: NavItem[];
}

/**
 * The navigation as data, grouped by who uses it: everyone explores; a signed-in person has their
 * learning; staff see their current organisation's tools as their roles allow; platform admins
 * (and, in development, everyone) see administration. Empty groups are left out.
 */
export function navGroups(viewer: Viewer | null, options: { mailbox: boolean }): NavGroup[] {
  const groups: NavGroup[] = [
    {
      id: 'explore',
      label: 'nav.groups.explore',
      items: [
        { href: '/catalog', label: 'nav.catalog' },
        { href: '/verify', label: 'nav.verify' },
      ],
    },
  ];
  if (viewer) {
    const reviewer = viewer.organisations.some((o) => o.roles.includes('reviewer'));
    groups.push({
      id: 'learning',
      label: 'nav.groups.learning',
      items: [
        { href: '/applications', label: 'nav.applications' },
        { href: '/backpack', label: 'nav.backpack' },
        { href: '/me/licenses', label: 'nav.licenses' },
        { href: '/teams', label: 'nav.teams' },
        ...(reviewer ? [{ href: '/reviews', label: 'nav.reviews' } as const] : []),
        { href: '/inbox', label: 'nav.inbox', count: viewer.unreadNotifications ?? 0 },
      ],
    });
  }
  const staff = (viewer?.organisations.length ?? 0) > 0 || viewer?.is_platform_admin === true;
  const admin: NavItem[] = [
    ...(viewer?.is_platform_admin ? [{ href: '/admin/jobs', label: 'nav.jobs' } as const] : []),
    ...(options.mailbox && (!viewer || staff)
      ? [{ href: '/dev/mailbox', label: 'nav.mailbox' } as const]
      : []),
  ];
  if (admin.length) groups.push({ id: 'admin', label: 'nav.groups.admin', items: admin });
  // Last: on wide screens the organisation's tools take a row of their own.
  const org = viewer?.activeOrganisation;
  if (org)
    groups.push({
      id: 'organisation',
      label: 'nav.groups.organisation',
      name: org.name,
      items: orgItems(org),
    });
  return groups;
}

/** The current organisation's tools, as its kind and the person's roles allow. */
function orgItems(org: NonNullable<Viewer['activeOrganisation']>): NavItem[] {
  const base = `/orgs/${org.slug}`;
  const issuing = org.kind !== 'recognizer';
  const recognizing = org.kind !== 'issuer';
  const rules: Array<[boolean, string, MessageKey]> = [
    [true, '', 'nav.overview'],
    [true, '/members', 'nav.members'],
    [issuing && can(org.roles, 'catalog.design'), '/micro-credentials', 'nav.microCredentials'],
    [issuing && can(org.roles, 'credentials.issue'), '/credentials', 'nav.credentials'],
    [issuing && can(org.roles, 'applications.read'), '/review-queue', 'nav.reviewQueue'],
    [issuing && can(org.roles, 'applications.read'), '/proof-queue', 'nav.proofAndFees'],
    [issuing && can(org.roles, 'applications.read'), '/analytics', 'nav.analytics'],
    [recognizing && can(org.roles, 'recognition.read'), '/recognition/queue', 'nav.recognition'],
    [recognizing && can(org.roles, 'recognition.read'), '/recognition/notices', 'nav.completionNotices'],
    [
      issuing && can(org.roles, 'recognition.submit'),
      '/recognition/submissions',
      'nav.recognitionSubmissions',
    ],
    [issuing && can(org.roles, 'recognition.submit'), '/sessions', 'programA.sessions.nav'],
    [issuing && can(org.roles, 'recognition.read'), '/sessions/queue', 'programA.sessions.navQueue'],
    [can(org.roles, 'audit.read'), '/audit', 'nav.audit'],
    [issuing && can(org.roles, 'tokens.manage'), '/tokens', 'nav.apiTokens'],
    [can(org.roles, 'tokens.manage'), '/webhooks', 'nav.webhooks'],
  ];
  return rules.filter(([allowed]) => allowed).map(([, path, label]) => ({ href: base + path, label }));
}

/** Whether a link is the page being shown (or a page under it; the overview only itself). */
export function isCurrent(href: string, path: string): boolean {
  if (path === href) return true;
  return href !== '/' && !/^\/orgs\/[^/]+$/.test(href) && path.startsWith(`${href}/`);
}
