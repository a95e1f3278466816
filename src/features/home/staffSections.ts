import { DAY } from '../../domain/clock.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { orgPath } from '../accounts/index.ts';
import { ledgerPaths } from '../credit/index.ts';
import { earningPaths } from '../earning/index.ts';
import { recognitionPaths } from '../recognition/index.ts';
import type { HomeDeps, HomeItem, HomeRole } from './model.ts';
import {
  assignedReviews,
  issuerCounts,
  passRates,
  recognizerCounts,
  rosterShortfalls,
  runsInProgress,
} from './queries.ts';

// The sections of the home for reviewers, issuing staff and recognition officers.

type Org = { name: string; slug: string; organisation_id: number };
const INBOX = '/inbox';

export async function reviewerRole(
  deps: HomeDeps,
  userId: number,
  now: Date,
  i18n: Translator,
): Promise<HomeRole> {
  const { t } = i18n;
  const rows = await assignedReviews(deps.db, userId);
  const turnaround = deps.config.reviewTurnaroundDays * DAY;
  return {
    role: 'reviewer',
    heading: t('home.reviewer.heading'),
    organisation: null,
    sections: [
      {
        id: 'reviews',
        heading: t('home.reviewer.queue'),
        items: rows.map((r) => {
          const due = new Date((r.assigned_at ?? r.submitted_at).getTime() + turnaround);
          const values = { date: i18n.date(due), organisation: r.organisation_name };
          return {
            label: t('home.reviewer.label', { title: r.title, number: r.number }),
            href: earningPaths.review(r.public_id),
            detail: t(due < now ? 'home.reviewer.overdue' : 'home.reviewer.due', values),
            urgent: due.getTime() - now.getTime() < 2 * DAY,
          };
        }),
        empty: { text: t('home.reviewer.empty'), href: INBOX, label: t('home.reviewer.inbox') },
        more: { href: earningPaths.reviews(), label: t('home.reviewer.queue') },
      },
    ],
  };
}

/** What waits for issuing staff: peer reviews, certificates to check, unpaid fees. */
function waitingItems(
  { t }: Translator,
  counts: Awaited<ReturnType<typeof issuerCounts>>,
  slug: string,
): HomeItem[] {
  const waiting: HomeItem[] = [];
  if (counts.reviewsWaiting)
    waiting.push({
      label: t('home.staff.reviews', { count: counts.reviewsWaiting }),
      href: earningPaths.reviewQueue(slug),
      detail: counts.unassigned
        ? t('home.staff.unassigned', { count: counts.unassigned })
        : t('home.staff.allAssigned'),
      urgent: counts.unassigned > 0,
    });
  if (counts.certificates)
    waiting.push({
      label: t('home.staff.certificates', { count: counts.certificates }),
      href: orgPath(slug, 'proof-queue'),
      detail: t('home.staff.certificatesDetail'),
      urgent: true,
    });
  if (counts.unpaid)
    waiting.push({
      label: t('home.staff.unpaid', { count: counts.unpaid }),
      href: orgPath(slug, 'proof-queue'),
      detail: t('home.staff.unpaidDetail'),
      urgent: false,
    });
  return waiting;
}

type Stats = Awaited<ReturnType<typeof passRates>>;

/** The first-time pass rates of the organisation's micro-credentials with submissions. */
function passRatesSection(i18n: Translator, slug: string, stats: Stats) {
  const { t } = i18n;
  return {
    id: 'pass-rates',
    heading: t('home.staff.passRates'),
    items: stats
      .filter((s) => s.submissions > 0)
      .slice(0, 5)
      .map((s) => {
        const counts = { passed: s.passed, applications: s.applications };
        const rate = s.firstTimePassRate;
        return {
          label: s.title,
          href: earningPaths.analytics(slug),
          detail:
            rate === null
              ? t('home.staff.noDecisions', counts)
              : t('home.staff.passDetail', {
                  ...counts,
                  rate: i18n.number(rate, { style: 'percent', maximumFractionDigits: 0 }),
                }),
          urgent: false,
        };
      }),
    empty: {
      text: t('home.staff.passEmpty'),
      href: orgPath(slug, 'micro-credentials'),
      label: t('home.staff.microCredentials'),
    },
    more: { href: earningPaths.analytics(slug), label: t('home.staff.analytics') },
    rates: stats
      .filter((s) => s.firstTimePassRate !== null)
      .slice(0, 5)
      .map((s) => ({ label: s.title, value: s.firstTimePassRate! })),
  };
}

export async function staffRole(deps: HomeDeps, org: Org, i18n: Translator): Promise<HomeRole> {
  const { t } = i18n;
  const [counts, runs, stats] = await Promise.all([
    issuerCounts(deps.db, org.organisation_id),
    runsInProgress(deps.db, org.organisation_id),
    passRates(deps.db, org.organisation_id),
  ]);
  return {
    role: 'issuing_staff',
    heading: t('home.staff.heading', { organisation: org.name }),
    organisation: { name: org.name, slug: org.slug },
    sections: [
      {
        id: 'waiting',
        heading: t('home.staff.waiting'),
        items: waitingItems(i18n, counts, org.slug),
        empty: {
          text: t('home.staff.empty'),
          href: orgPath(org.slug, 'credentials'),
          label: t('home.staff.issue'),
        },
        more: { href: earningPaths.reviewQueue(org.slug), label: t('home.staff.reviewQueue') },
      },
      {
        id: 'runs',
        heading: t('home.staff.runs'),
        items: runs.map((r) => ({
          label: r.file_name,
          href: orgPath(org.slug, 'awards', r.public_id),
          detail: t('home.staff.runDetail', {
            state: t(`home.staff.runStates.${r.state}`),
            issued: r.issued_rows,
            total: r.total_rows,
          }),
          urgent: false,
        })),
        empty: {
          text: t('home.staff.runsEmpty'),
          href: orgPath(org.slug, 'awards'),
          label: t('home.staff.startRun'),
        },
        more: null,
      },
      passRatesSection(i18n, org.slug, stats),
    ],
  };
}

/** What waits for a recognizer's officers: programs to approve, notices, license links. */
function officerItems({ t }: Translator, counts: Awaited<ReturnType<typeof recognizerCounts>>, slug: string) {
  const items: HomeItem[] = [];
  if (counts.approvals)
    items.push({
      label: t('home.officer.approvals', { count: counts.approvals }),
      href: recognitionPaths.queue(slug),
      detail: t('home.officer.approvalsDetail'),
      urgent: true,
    });
  if (counts.notices)
    items.push({
      label: t('home.officer.notices', { count: counts.notices }),
      href: ledgerPaths.notices(slug),
      detail: t('home.officer.noticesDetail'),
      urgent: false,
    });
  if (counts.licenses)
    items.push({
      label: t('home.officer.licenses', { count: counts.licenses }),
      href: ledgerPaths.licenses(slug),
      detail: t('home.officer.licensesDetail'),
      urgent: true,
    });
  return items;
}

export async function officerRole(deps: HomeDeps, org: Org, now: Date, i18n: Translator): Promise<HomeRole> {
  const { t, number } = i18n;
  const [counts, short] = await Promise.all([
    recognizerCounts(deps.db, org.organisation_id),
    rosterShortfalls(deps.db, org.organisation_id, now),
  ]);
  const shortRoster = ledgerPaths.roster(org.slug, { shortOnly: true });
  return {
    role: 'recognition_officer',
    heading: t('home.officer.heading', { organisation: org.name }),
    organisation: { name: org.name, slug: org.slug },
    sections: [
      {
        id: 'recognition-waiting',
        heading: t('home.officer.waiting'),
        items: officerItems(i18n, counts, org.slug),
        empty: {
          text: t('home.officer.empty'),
          href: recognitionPaths.programs(org.slug),
          label: t('home.officer.programs'),
        },
        more: { href: recognitionPaths.queue(org.slug), label: t('home.officer.queue') },
      },
      {
        id: 'shortfalls',
        heading: t('home.officer.shortfalls'),
        items: short.slice(0, 10).map((r) => ({
          label: t('home.officer.shortLabel', {
            name: r.userName,
            license: r.licenseName,
            number: r.licenseNumber,
          }),
          href: shortRoster,
          detail: t('home.officer.shortDetail', {
            earned: number(r.earned),
            required: number(r.required),
            shortfall: number(r.shortfall),
            end: i18n.date(new Date(`${r.cycleEnd}T00:00:00Z`)),
          }),
          urgent: false,
        })),
        empty: {
          text: t('home.officer.shortEmpty'),
          href: ledgerPaths.roster(org.slug),
          label: t('home.officer.roster'),
        },
        more:
          short.length > 10
            ? { href: shortRoster, label: t('home.officer.allShortfalls', { count: short.length }) }
            : null,
      },
    ],
  };
}
