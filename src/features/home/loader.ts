import type { Viewer } from '../../http/env.ts';
import { can } from '../../domain/roles.ts';
import { assignedReviews } from './queries.ts';
import { ACCOUNT_PATHS } from '../accounts/index.ts';
import { DEFAULT_LOCALE, translator, type Translator } from '../../web/i18n/i18n.ts';
import { adminRole } from './adminSection.ts';
import { earnerRole } from './earnerSections.ts';
import { officerRole, reviewerRole, staffRole } from './staffSections.ts';

export type { HomeDeps, HomeItem, HomeRole, HomeSection, HomeViewModel } from './model.ts';
import type { HomeDeps, HomeRole, HomeViewModel } from './model.ts';

/** The home of a logged-in person: a section group per role they hold (an earner may also be staff). */
export async function loadHome(
  deps: HomeDeps,
  viewer: Pick<Viewer, 'user_id' | 'name' | 'organisations'> & { is_platform_admin?: boolean },
  now: Date,
  t: Translator = translator(DEFAULT_LOCALE),
): Promise<HomeViewModel> {
  const orgs = viewer.organisations;
  const staffOrgs = orgs.filter(
    (o) =>
      o.kind !== 'recognizer' && (can(o.roles, 'applications.read') || can(o.roles, 'credentials.issue')),
  );
  const officerOrgs = orgs.filter((o) => o.kind !== 'issuer' && can(o.roles, 'recognition.read'));
  const reviews =
    orgs.some((o) => o.roles.includes('reviewer')) ||
    (await assignedReviews(deps.db, viewer.user_id)).length > 0;
  const roles: HomeRole[] = [];
  // A site administrator's first question is whether the platform itself is well.
  if (viewer.is_platform_admin)
    roles.push(await adminRole(deps.db, { mailbox: deps.config.mailbox ?? false, now, t }));
  // Staff work first for staff: what waits on them is what they came for.
  for (const o of staffOrgs) roles.push(await staffRole(deps, o, t));
  for (const o of officerOrgs) roles.push(await officerRole(deps, o, now, t));
  if (reviews) roles.push(await reviewerRole(deps, viewer.user_id, now, t));
  roles.push(await earnerRole(deps, viewer.user_id, now, t));
  return {
    name: viewer.name,
    roles,
    createOrganisation: { href: ACCOUNT_PATHS.newOrganisation, text: t.t('home.createOrganisationText') },
  };
}
