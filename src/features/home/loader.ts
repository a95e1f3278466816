import type { Config } from '../../config.ts';
import type { Db } from '../../storage/database.ts';
import type { Viewer } from '../../http/env.ts';
import { can } from '../../domain/roles.ts';
import { DAY } from '../../domain/clock.ts';
import {
  assignedReviews,
  badgesToAccept,
  hasAnyApplication,
  issuerCounts,
  licensesOf,
  openApplications,
  passRates,
  pathwaysOf,
  recognizerCounts,
  rosterShortfalls,
  runsInProgress,
} from './queries.ts';
import { orgPath } from '../accounts/index.ts';
import { earningPaths } from '../earning/index.ts';
import { DEFAULT_LOCALE, translator, type Translator } from '../../web/i18n/i18n.ts';
import { adminRole } from './adminSection.ts';

export type { HomeItem, HomeRole, HomeSection, HomeViewModel } from './model.ts';
import type { HomeItem, HomeRole, HomeSection, HomeViewModel } from './model.ts';

export interface HomeDeps {
  db: Db;
  config: Pick<Config, 'reviewTurnaroundDays'> & Partial<Pick<Config, 'mailbox'>>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const STATUS: Record<string, string> = {
  in_progress: 'In progress',
  submitted: 'Submitted, waiting for review',
  in_review: 'In review',
  needs_revision: 'Feedback waiting: revise and resubmit',
};

/** The earner's open applications, those needing them first. */
function applicationsSection(
  applications: Awaited<ReturnType<typeof openApplications>>,
  anyApplication: boolean,
  now: Date,
): HomeSection {
  const items = applications.map((a) => {
    const editable = a.status === 'in_progress' || a.status === 'needs_revision';
    const daysLeft = Math.max(0, Math.ceil((a.deadline_at.getTime() - now.getTime()) / DAY));
    return {
      label: a.title,
      href: earningPaths.application(a.public_id),
      detail: `${STATUS[a.status] ?? a.status}${editable ? ` · ${plural(daysLeft, 'day')} left (until ${day(a.deadline_at)})` : ''} · ${a.organisation_name}`,
      urgent: a.status === 'needs_revision' || (editable && daysLeft <= 7),
    };
  });
  return {
    id: 'applications',
    heading: 'Your applications',
    items: [...items.filter((i) => i.urgent), ...items.filter((i) => !i.urgent)],
    empty: anyApplication
      ? {
          text: 'No open applications. Find your next micro-credential.',
          href: '/catalog',
          label: 'Browse the catalog',
        }
      : {
          text: 'No applications yet — browse the catalog and apply for a micro-credential.',
          href: '/catalog',
          label: 'Browse the catalog',
        },
    more: { href: '/applications', label: 'All your applications' },
  };
}

/** The earner's licenses and their hours toward renewal. */
function licensesSection(licenses: Awaited<ReturnType<typeof licensesOf>>): HomeSection {
  return {
    id: 'licenses',
    heading: 'Hours toward license renewal',
    items: licenses.map((l) => ({
      label: `${l.program.licenseName} ${l.licenseNumber} (${l.program.organisationName})`,
      href: `/me/licenses/${l.publicId}`,
      detail:
        l.state === 'confirmed'
          ? `${l.progress.earned} of ${l.progress.required} hours this cycle (until ${l.progress.cycle.last})${l.progress.met ? ' — requirement met' : ` — ${l.progress.shortfall} to go`}`
          : l.state === 'pending'
            ? 'Waiting for the recognizer to confirm the link'
            : `Not confirmed${l.note ? `: ${l.note}` : ''} — correct it and link it again`,
      urgent: l.state === 'rejected',
      ...(l.state === 'confirmed'
        ? { progress: { kind: 'hours' as const, value: l.progress.earned, target: l.progress.required } }
        : {}),
    })),
    empty: {
      text: 'No license linked. Link your license so your badges count toward its renewal.',
      href: '/me/licenses',
      label: 'Link a license',
    },
    more: { href: '/me/licenses', label: 'Your licenses' },
  };
}

async function earnerRole(deps: HomeDeps, userId: number, now: Date): Promise<HomeRole> {
  const [applications, anyApplication, badges, licenses, pathways] = await Promise.all([
    openApplications(deps.db, userId),
    hasAnyApplication(deps.db, userId),
    badgesToAccept(deps.db, userId),
    licensesOf(deps.db, userId, now),
    pathwaysOf(deps.db, userId),
  ]);
  return {
    role: 'earner',
    heading: 'Your learning',
    organisation: null,
    sections: [
      applicationsSection(applications, anyApplication, now),
      {
        id: 'badges',
        heading: 'Badges to accept',
        items: badges.map((b) => ({
          label: b.badgeName,
          href: '/backpack',
          detail: `From ${b.issuerName}, sent to ${b.recipientEmail} on ${day(b.issuedAt)}`,
          urgent: true,
        })),
        empty: {
          text: 'No badges waiting for you. Badges you earn appear in your backpack.',
          href: '/backpack',
          label: 'Open your backpack',
        },
        more: { href: '/backpack', label: 'Your backpack' },
      },
      licensesSection(licenses),
      {
        id: 'pathways',
        heading: 'Pathway progress',
        items: pathways.map((p) => ({
          label: p.pathway.name,
          href: `/pathways/${p.pathway.publicId}`,
          detail: `${p.progress.done} of ${p.progress.needed} done${p.progress.satisfied ? ' — complete' : ''} · ${p.pathway.organisation}`,
          progress: { kind: 'steps' as const, value: p.progress.done, target: p.progress.needed },
          urgent: false,
        })),
        empty: {
          text: 'No pathway started. A badge that counts toward a pathway shows your progress here.',
          href: '/catalog',
          label: 'Browse the catalog',
        },
        more: null,
      },
    ],
  };
}

async function reviewerRole(deps: HomeDeps, userId: number, now: Date): Promise<HomeRole> {
  const rows = await assignedReviews(deps.db, userId);
  const turnaround = deps.config.reviewTurnaroundDays * DAY;
  return {
    role: 'reviewer',
    heading: 'Reviewing',
    organisation: null,
    sections: [
      {
        id: 'reviews',
        heading: 'Your review queue',
        items: rows.map((r) => {
          const due = new Date((r.assigned_at ?? r.submitted_at).getTime() + turnaround);
          return {
            label: `${r.title} — attempt ${r.number}`,
            href: `/reviews/${r.public_id}`,
            detail: `${due < now ? 'Overdue since' : 'Due by'} ${day(due)} · ${r.organisation_name}`,
            urgent: due.getTime() - now.getTime() < 2 * DAY,
          };
        }),
        empty: {
          text: 'Nothing to review right now. New submissions assigned to you appear here and in your inbox.',
          href: '/inbox',
          label: 'Open your inbox',
        },
        more: { href: '/reviews', label: 'Your review queue' },
      },
    ],
  };
}

/** What waits for issuing staff: peer reviews, certificates to check, unpaid fees. */
function waitingItems(counts: Awaited<ReturnType<typeof issuerCounts>>, slug: string): HomeItem[] {
  const waiting: HomeItem[] = [];
  if (counts.reviewsWaiting)
    waiting.push({
      label: plural(counts.reviewsWaiting, 'submission') + ' waiting for peer review',
      href: orgPath(slug, 'review-queue'),
      detail: counts.unassigned
        ? `${counts.unassigned} without a reviewer: assign one`
        : 'All assigned to reviewers',
      urgent: counts.unassigned > 0,
    });
  if (counts.certificates)
    waiting.push({
      label: plural(counts.certificates, 'certificate') + ' to check',
      href: orgPath(slug, 'proof-queue'),
      detail: 'Approve or reject from the proof queue',
      urgent: true,
    });
  if (counts.unpaid)
    waiting.push({
      label: plural(counts.unpaid, 'unpaid fee'),
      href: orgPath(slug, 'proof-queue'),
      detail: 'Mark invoices paid when the money arrives',
      urgent: false,
    });
  return waiting;
}

async function staffRole(
  deps: HomeDeps,
  org: { name: string; slug: string; organisation_id: number },
): Promise<HomeRole> {
  const [counts, runs, stats] = await Promise.all([
    issuerCounts(deps.db, org.organisation_id),
    runsInProgress(deps.db, org.organisation_id),
    passRates(deps.db, org.organisation_id),
  ]);
  const waiting = waitingItems(counts, org.slug);
  return {
    role: 'issuing_staff',
    heading: `Issuing at ${org.name}`,
    organisation: { name: org.name, slug: org.slug },
    sections: [
      {
        id: 'waiting',
        heading: 'Waiting for you',
        items: waiting,
        empty: {
          text: 'No submissions, certificates or fees waiting. Award badges directly when people qualify.',
          href: orgPath(org.slug, 'credentials'),
          label: 'Issue a credential',
        },
        more: { href: orgPath(org.slug, 'review-queue'), label: 'The review queue' },
      },
      {
        id: 'runs',
        heading: 'Bulk awards in progress',
        items: runs.map((r) => ({
          label: r.file_name,
          href: orgPath(org.slug, 'awards', r.public_id),
          detail: `${r.state.replace('_', ' ')} · ${r.issued_rows} of ${r.total_rows} issued`,
          urgent: false,
        })),
        empty: {
          text: 'No bulk award running. Award a whole roster from a CSV file.',
          href: orgPath(org.slug, 'awards'),
          label: 'Start a bulk award',
        },
        more: null,
      },
      {
        id: 'pass-rates',
        heading: 'Pass rates',
        items: stats
          .filter((s) => s.submissions > 0)
          .slice(0, 5)
          .map((s) => ({
            label: s.title,
            href: orgPath(org.slug, 'analytics'),
            detail: `${s.firstTimePassRate === null ? 'No decisions yet' : `${Math.round(s.firstTimePassRate * 100)}% pass the first time`} · ${plural(s.passed, 'pass', 'passes')} of ${plural(s.applications, 'application')}`,
            urgent: false,
          })),
        empty: {
          text: 'No submissions reviewed yet: pass rates appear after the first reviews.',
          href: orgPath(org.slug, 'micro-credentials'),
          label: 'Your micro-credentials',
        },
        more: { href: orgPath(org.slug, 'analytics'), label: 'All analytics' },
        rates: stats
          .filter((s) => s.firstTimePassRate !== null)
          .slice(0, 5)
          .map((s) => ({ label: s.title, value: s.firstTimePassRate! })),
      },
    ],
  };
}

async function officerRole(
  deps: HomeDeps,
  org: { name: string; slug: string; organisation_id: number },
  now: Date,
): Promise<HomeRole> {
  const [counts, short] = await Promise.all([
    recognizerCounts(deps.db, org.organisation_id),
    rosterShortfalls(deps.db, org.organisation_id, now),
  ]);
  const items: HomeItem[] = [];
  if (counts.approvals)
    items.push({
      label: plural(counts.approvals, 'program') + ' waiting for approval',
      href: orgPath(org.slug, 'recognition', 'queue'),
      detail: 'Read each submission and approve, ask for changes or reject',
      urgent: true,
    });
  if (counts.notices)
    items.push({
      label: plural(counts.notices, 'new completion notice'),
      href: orgPath(org.slug, 'recognition', 'notices'),
      detail: 'Post their credit to the earners’ licenses',
      urgent: false,
    });
  if (counts.licenses)
    items.push({
      label: plural(counts.licenses, 'license link') + ' to confirm',
      href: orgPath(org.slug, 'recognition', 'licenses'),
      detail: 'Confirm the number matches, or reject with a reason',
      urgent: true,
    });
  return {
    role: 'recognition_officer',
    heading: `Recognition at ${org.name}`,
    organisation: { name: org.name, slug: org.slug },
    sections: [
      {
        id: 'recognition-waiting',
        heading: 'Waiting for you',
        items,
        empty: {
          text: 'No approvals, completion notices or license links waiting.',
          href: orgPath(org.slug, 'recognition', 'programs'),
          label: 'Your programs',
        },
        more: { href: orgPath(org.slug, 'recognition', 'queue'), label: 'The approval queue' },
      },
      {
        id: 'shortfalls',
        heading: 'Roster shortfalls',
        items: short.slice(0, 10).map((r) => ({
          label: `${r.userName} — ${r.licenseName} ${r.licenseNumber}`,
          href: `${orgPath(org.slug, 'recognition', 'roster')}?short=1`,
          detail: `${r.earned} of ${r.required} hours, ${r.shortfall} short (cycle ends ${r.cycleEnd})`,
          urgent: false,
        })),
        empty: {
          text: 'Everyone on the roster has their hours for this cycle.',
          href: orgPath(org.slug, 'recognition', 'roster'),
          label: 'Open the roster',
        },
        more:
          short.length > 10
            ? {
                href: `${orgPath(org.slug, 'recognition', 'roster')}?short=1`,
                label: `All ${short.length} shortfalls`,
              }
            : null,
      },
    ],
  };
}

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
  for (const o of staffOrgs) roles.push(await staffRole(deps, o));
  for (const o of officerOrgs) roles.push(await officerRole(deps, o, now));
  if (reviews) roles.push(await reviewerRole(deps, viewer.user_id, now));
  roles.push(await earnerRole(deps, viewer.user_id, now));
  return {
    name: viewer.name,
    roles,
    createOrganisation: { href: '/orgs/new', text: 'Run micro-credential programs for your organisation?' },
  };
}
