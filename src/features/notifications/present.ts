import type { NotificationKind } from './kinds.ts';
import { orgPath } from '../accounts/index.ts';
import { backpackPaths } from '../backpack/index.ts';
import { ledgerPaths } from '../credit/index.ts';
import { earningPaths } from '../earning/index.ts';
import { issuingPaths } from '../issuing/index.ts';
import { sessionPaths } from '../recognition/index.ts';
import type { Translator } from '../../web/i18n/i18n.ts';

/** A notification in words: a title, one or two sentences, and the page where the work is done (never an /api/ address). */
export interface PresentedNotification {
  title: string;
  body: string;
  link: string;
  linkLabel: string;
}

const str = (data: Record<string, unknown>, key: string): string => {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

type Fact = (key: string) => string;
type T = Translator['t'];
/** The facts a message uses, by name (each message takes what it needs). */
const facts = (s: Fact, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, s(k)]));

const PROGRAM_STEPS = ['submitted', 'resubmitted', 'approved', 'rejected', 'changes_requested'] as const;
const isStep = (v: string): v is (typeof PROGRAM_STEPS)[number] =>
  (PROGRAM_STEPS as readonly string[]).includes(v);

/** Each kind's words, from the facts its trigger captured, in the reader's language. */
const PRESENTERS: Partial<Record<NotificationKind, (s: Fact, t: T) => PresentedNotification>> = {
  submission_assigned: (s, t) => ({
    title: t('notifications.present.submission_assigned.title', facts(s, 'title', 'number')),
    body: t('notifications.present.submission_assigned.body', facts(s, 'title', 'organisation')),
    link: `/reviews/${s('attempt')}`,
    linkLabel: t('notifications.present.submission_assigned.link'),
  }),
  proof_submitted: (s, t) => ({
    title: t('notifications.present.proof_submitted.title', facts(s, 'title')),
    body: t('notifications.present.proof_submitted.body', facts(s, 'title', 'earner')),
    link: orgPath(s('slug'), 'proof-queue'),
    linkLabel: t('notifications.present.proof_submitted.link'),
  }),
  application_reviewed: (s, t) => {
    const values = { ...facts(s, 'title', 'organisation'), decision: s('decision') || 'other' };
    return {
      title: t('notifications.present.application_reviewed.title', values),
      body: t('notifications.present.application_reviewed.body', values),
      link: earningPaths.application(s('application')),
      linkLabel:
        s('decision') === 'needs_revision'
          ? t('notifications.present.application_reviewed.linkFeedback')
          : t('notifications.present.application_reviewed.link'),
    };
  },
  badge_issued: (s, t) => ({
    title: t('notifications.present.badge_issued.title', facts(s, 'title')),
    body: t('notifications.present.badge_issued.body', facts(s, 'title', 'organisation')),
    link: backpackPaths.backpack,
    linkLabel: t('notifications.present.badge_issued.link'),
  }),
  badge_status: (s, t) => {
    const values = { ...facts(s, 'title', 'organisation'), status: s('status') || 'other' };
    const reason = s('reason');
    const body = t('notifications.present.badge_status.body', values);
    return {
      title: t('notifications.present.badge_status.title', values),
      body: reason ? `${body} ${t('notifications.present.badge_status.reason', { reason })}` : body,
      link: issuingPaths.badge(s('credential')),
      linkLabel: t('notifications.present.badge_status.link'),
    };
  },
  program_submission: (s, t) => {
    const step = s('step');
    const values = facts(s, 'title', 'program', 'issuer', 'recognizer');
    return {
      title:
        step === 'submitted' || step === 'resubmitted'
          ? t('notifications.present.program_submission.titleToApprove', values)
          : t('notifications.present.program_submission.titleDecision', values),
      body: isStep(step)
        ? t(`notifications.present.program_submission.${step}`, values)
        : t('notifications.present.program_submission.changed', values),
      link: orgPath(s('slug'), 'recognition', 'submissions', s('submission')),
      linkLabel: t('notifications.present.program_submission.link'),
    };
  },
  ce_session: (s, t) => {
    const step = s('step');
    const reason = s('reason');
    const values = facts(s, 'title', 'provider', 'council');
    const p = 'notifications.present.ce_session';
    const body =
      step === 'requested'
        ? t(`${p}.requested`, values)
        : step === 'approved'
          ? t(`${p}.approved`, values)
          : step === 'declined'
            ? t(`${p}.declined`, values)
            : t(`${p}.changed`, values);
    return {
      title: step === 'requested' ? t(`${p}.titleRequested`, values) : t(`${p}.titleDecided`, values),
      body:
        step === 'declined' && reason
          ? `${body} ${t('notifications.present.badge_status.reason', { reason })}`
          : body,
      link: sessionPaths.session(s('slug'), s('session')),
      linkLabel: t(`${p}.link`),
    };
  },
  license_decided: (s, t) => {
    const confirmed = s('decision') === 'confirmed';
    const values = facts(s, 'licenseNumber', 'organisation', 'program');
    const reason = s('reason');
    const p = 'notifications.present.license_decided';
    return {
      title: confirmed ? t(`${p}.titleConfirmed`, values) : t(`${p}.titleRejected`, values),
      body: confirmed
        ? t(`${p}.confirmed`, values)
        : [
            t(`${p}.rejected`, values),
            reason ? t('notifications.present.badge_status.reason', { reason }) : '',
            t(`${p}.fix`),
          ]
            .filter(Boolean)
            .join(' '),
      link: ledgerPaths.myLicenses(),
      linkLabel: t(`${p}.link`),
    };
  },
};

/** Renders the facts the trigger captured into words, in the translator's language. */
export function presentNotification(
  kind: string,
  data: Record<string, unknown>,
  t: T,
): PresentedNotification {
  const present = Object.hasOwn(PRESENTERS, kind) ? PRESENTERS[kind as NotificationKind] : undefined;
  if (present) return present((key) => str(data, key), t);
  return {
    title: t('notifications.present.other.title'),
    body: t('notifications.present.other.body'),
    link: '/',
    linkLabel: t('notifications.present.other.link'),
  };
}
