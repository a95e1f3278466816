import { DAY } from '../../domain/clock.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { backpackPaths } from '../backpack/index.ts';
import { catalogPath, pathwayPath } from '../catalog/index.ts';
import { ledgerPaths } from '../credit/index.ts';
import { earningPaths } from '../earning/index.ts';
import type { HomeDeps, HomeRole, HomeSection } from './model.ts';
import { badgesToAccept, hasAnyApplication, licensesOf, openApplications, pathwaysOf } from './queries.ts';

// The earner's sections of the home: applications, badges to accept, licenses, pathways.

const STATUSES = ['in_progress', 'submitted', 'in_review', 'needs_revision'] as const;
type OpenStatus = (typeof STATUSES)[number];
const isOpen = (s: string): s is OpenStatus => (STATUSES as readonly string[]).includes(s);

/** The earner's open applications, those needing them first. */
function applicationsSection(
  i18n: Translator,
  applications: Awaited<ReturnType<typeof openApplications>>,
  anyApplication: boolean,
  now: Date,
): HomeSection {
  const { t } = i18n;
  const items = applications.map((a) => {
    const editable = a.status === 'in_progress' || a.status === 'needs_revision';
    const daysLeft = Math.max(0, Math.ceil((a.deadline_at.getTime() - now.getTime()) / DAY));
    const status = isOpen(a.status) ? t(`home.earner.applications.status.${a.status}`) : a.status;
    const values = { status, organisation: a.organisation_name };
    return {
      label: a.title,
      href: earningPaths.application(a.public_id),
      detail: editable
        ? t('home.earner.applications.detailDue', {
            ...values,
            count: daysLeft,
            deadline: i18n.date(a.deadline_at),
          })
        : t('home.earner.applications.detail', values),
      urgent: a.status === 'needs_revision' || (editable && daysLeft <= 7),
    };
  });
  return {
    id: 'applications',
    heading: t('home.earner.applications.heading'),
    items: [...items.filter((i) => i.urgent), ...items.filter((i) => !i.urgent)],
    empty: {
      text: t(anyApplication ? 'home.earner.applications.emptyDone' : 'home.earner.applications.emptyNew'),
      href: catalogPath(),
      label: t('home.earner.applications.browse'),
    },
    more: { href: earningPaths.applications(), label: t('home.earner.applications.all') },
  };
}

function badgesSection(i18n: Translator, badges: Awaited<ReturnType<typeof badgesToAccept>>): HomeSection {
  const { t } = i18n;
  return {
    id: 'badges',
    heading: t('home.earner.badges.heading'),
    items: badges.map((b) => ({
      label: b.badgeName,
      href: backpackPaths.backpack,
      detail: t('home.earner.badges.detail', {
        issuer: b.issuerName,
        email: b.recipientEmail,
        date: i18n.date(b.issuedAt),
      }),
      urgent: true,
    })),
    empty: {
      text: t('home.earner.badges.empty'),
      href: backpackPaths.backpack,
      label: t('home.earner.badges.open'),
    },
    more: { href: backpackPaths.backpack, label: t('home.earner.badges.more') },
  };
}

type License = Awaited<ReturnType<typeof licensesOf>>[number];

/** Where a license stands: its hours this cycle once confirmed, else what waits. */
function licenseDetail(i18n: Translator, l: License): string {
  const { t, number } = i18n;
  if (l.state === 'pending') return t('home.earner.licenses.pending');
  if (l.state === 'rejected')
    return l.note
      ? t('home.earner.licenses.rejectedNote', { note: l.note })
      : t('home.earner.licenses.rejected');
  const p = l.progress;
  const values = {
    earned: number(p.earned),
    required: number(p.required),
    shortfall: number(p.shortfall),
    last: i18n.date(new Date(`${p.cycle.last}T00:00:00Z`)),
  };
  return t(p.met ? 'home.earner.licenses.met' : 'home.earner.licenses.short', values);
}

/** The earner's licenses and their hours toward renewal. */
function licensesSection(i18n: Translator, licenses: License[]): HomeSection {
  const { t } = i18n;
  return {
    id: 'licenses',
    heading: t('home.earner.licenses.heading'),
    items: licenses.map((l) => ({
      label: t('home.earner.licenses.label', {
        license: l.program.licenseName,
        number: l.licenseNumber,
        organisation: l.program.organisationName,
      }),
      href: ledgerPaths.myLicense(l.publicId),
      detail: licenseDetail(i18n, l),
      urgent: l.state === 'rejected',
      ...(l.state === 'confirmed'
        ? { progress: { kind: 'hours' as const, value: l.progress.earned, target: l.progress.required } }
        : {}),
    })),
    empty: {
      text: t('home.earner.licenses.empty'),
      href: ledgerPaths.myLicenses(),
      label: t('home.earner.licenses.link'),
    },
    more: { href: ledgerPaths.myLicenses(), label: t('home.earner.licenses.more') },
  };
}

function pathwaysSection(i18n: Translator, pathways: Awaited<ReturnType<typeof pathwaysOf>>): HomeSection {
  const { t } = i18n;
  return {
    id: 'pathways',
    heading: t('home.earner.pathways.heading'),
    items: pathways.map((p) => ({
      label: p.pathway.name,
      href: pathwayPath(p.pathway.publicId),
      detail: t(p.progress.satisfied ? 'home.earner.pathways.complete' : 'home.earner.pathways.detail', {
        done: p.progress.done,
        needed: p.progress.needed,
        organisation: p.pathway.organisation,
      }),
      progress: { kind: 'steps' as const, value: p.progress.done, target: p.progress.needed },
      urgent: false,
    })),
    empty: {
      text: t('home.earner.pathways.empty'),
      href: catalogPath(),
      label: t('home.earner.applications.browse'),
    },
    more: null,
  };
}

/** What the person does as a learner: applications, badges to accept, licenses, pathways. */
export async function earnerRole(
  deps: HomeDeps,
  userId: number,
  now: Date,
  i18n: Translator,
): Promise<HomeRole> {
  const [applications, anyApplication, badges, licenses, pathways] = await Promise.all([
    openApplications(deps.db, userId),
    hasAnyApplication(deps.db, userId),
    badgesToAccept(deps.db, userId),
    licensesOf(deps.db, userId, now),
    pathwaysOf(deps.db, userId),
  ]);
  return {
    role: 'earner',
    heading: i18n.t('home.earner.heading'),
    organisation: null,
    sections: [
      applicationsSection(i18n, applications, anyApplication, now),
      badgesSection(i18n, badges),
      licensesSection(i18n, licenses),
      pathwaysSection(i18n, pathways),
    ],
  };
}
