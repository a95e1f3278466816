import type { Queryable } from '../../storage/database.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { admin } from '../../web/i18n/locales/en/admin.ts';
import { adminPaths, jobTrouble, mailWaiting, organisationsWaiting, securityEvents } from '../admin/index.ts';
import { orgPath } from '../accounts/index.ts';
import type { HomeItem, HomeRole, HomeSection } from './model.ts';

const JOBS = adminPaths.jobs();
const MAILBOX = adminPaths.mailbox();

function jobsSection(t: Translator, jobs: Awaited<ReturnType<typeof jobTrouble>>): HomeSection {
  const items: HomeItem[] = [];
  if (jobs.dead)
    items.push({
      label: t.t('admin.home.jobs.dead', { count: jobs.dead }),
      href: JOBS,
      detail: t.t('admin.home.jobs.deadDetail'),
      urgent: true,
    });
  if (jobs.stuck)
    items.push({
      label: t.t('admin.home.jobs.stuck', { count: jobs.stuck }),
      href: adminPaths.jobs('all'),
      detail: t.t('admin.home.jobs.stuckDetail'),
      urgent: true,
    });
  if (jobs.retrying)
    items.push({
      label: t.t('admin.home.jobs.retrying', { count: jobs.retrying }),
      href: adminPaths.jobs('all'),
      detail: t.t('admin.home.jobs.retryingDetail'),
      urgent: false,
    });
  return {
    id: 'admin-jobs',
    heading: t.t('admin.home.jobs.heading'),
    items,
    empty: { text: t.t('admin.home.jobs.empty'), href: JOBS, label: t.t('admin.home.jobs.open') },
    more: { href: JOBS, label: t.t('admin.home.jobs.open') },
  };
}

function mailSection(
  t: Translator,
  mail: Awaited<ReturnType<typeof mailWaiting>>,
  mailbox: boolean,
): HomeSection {
  const items: HomeItem[] = [];
  if (mail.waiting)
    items.push({
      label: t.t('admin.home.mail.waiting', { count: mail.waiting }),
      href: mailbox ? MAILBOX : JOBS,
      detail: mail.oldest
        ? t.t('admin.home.mail.waitingDetail', { since: t.date(mail.oldest, { withTime: true }) })
        : '',
      urgent: false,
    });
  if (mailbox && mail.kept)
    items.push({
      label: t.t('admin.home.mail.kept', { count: mail.kept }),
      href: MAILBOX,
      detail: t.t('admin.home.mail.keptDetail'),
      urgent: false,
    });
  const open = mailbox
    ? { href: MAILBOX, label: t.t('admin.home.mail.open') }
    : { href: JOBS, label: t.t('admin.home.mail.jobs') };
  return {
    id: 'admin-mail',
    heading: t.t('admin.home.mail.heading'),
    items,
    empty: { text: t.t('admin.home.mail.empty'), ...open },
    more: open,
  };
}

function organisationsSection(
  t: Translator,
  organisations: Awaited<ReturnType<typeof organisationsWaiting>>,
): HomeSection {
  return {
    id: 'admin-organisations',
    heading: t.t('admin.home.organisations.heading'),
    items: organisations.map((o) => ({
      label: o.name,
      // Failed work is retried from the job queue; unsent mail is the organisation's outbox.
      href: o.deadJobs ? JOBS : orgPath(o.slug),
      detail: t.t('admin.home.organisations.detail', {
        jobs: o.deadJobs,
        mail: o.unsentMail,
        both: o.deadJobs && o.unsentMail ? 'yes' : 'no',
      }),
      urgent: o.deadJobs > 0,
    })),
    empty: {
      text: t.t('admin.home.organisations.empty'),
      href: JOBS,
      label: t.t('admin.home.organisations.open'),
    },
    more: null,
  };
}

function securitySection(t: Translator, events: Awaited<ReturnType<typeof securityEvents>>): HomeSection {
  return {
    id: 'admin-security',
    heading: t.t('admin.home.security.heading'),
    items: events.map((e) => {
      const who = e.actor_name ?? t.t('admin.home.security.someone');
      const when = t.date(e.created_at, { withTime: true });
      const key = e.action.replace(/\./g, '_') as keyof typeof admin.home.security.actions;
      return {
        label: t.t(`admin.home.security.actions.${key}`),
        // An organisation's event is read in its audit log; a person's own has no page but this one.
        href: e.slug ? orgPath(e.slug, 'audit') : null,
        detail: e.organisation_name
          ? t.t('admin.home.security.detailIn', { who, organisation: e.organisation_name, when })
          : t.t('admin.home.security.detail', { who, when }),
        urgent: false,
      };
    }),
    empty: { text: t.t('admin.home.security.empty') },
    more: null,
  };
}

/** What waits on a site administrator: failed and stuck jobs, mail, organisations, security events. */
export async function adminRole(
  db: Queryable,
  options: { mailbox: boolean; now: Date; t: Translator },
): Promise<HomeRole> {
  const { t, now, mailbox } = options;
  const [jobs, mail, organisations, events] = await Promise.all([
    jobTrouble(db, now),
    mailWaiting(db),
    organisationsWaiting(db),
    securityEvents(db, now),
  ]);
  return {
    role: 'platform_admin',
    heading: t.t('admin.home.heading'),
    organisation: null,
    sections: [
      jobsSection(t, jobs),
      mailSection(t, mail, mailbox),
      organisationsSection(t, organisations),
      securitySection(t, events),
    ],
  };
}
