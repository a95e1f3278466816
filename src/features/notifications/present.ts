import type { NotificationKind } from './kinds.ts';
import { orgPath } from '../accounts/index.ts';
import { sessionPaths } from '../recognition/index.ts';

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

/** Each kind's words, from the facts its trigger captured. */
const PRESENTERS: Partial<Record<NotificationKind, (s: Fact) => PresentedNotification>> = {
  submission_assigned: (s) => ({
    title: `Review “${s('title')}”, attempt ${s('number')}`,
    body: `A submission for ${s('title')} (${s('organisation')}) is assigned to you. Score it against the rubric and write feedback.`,
    link: `/reviews/${s('attempt')}`,
    linkLabel: 'Open the review',
  }),
  proof_submitted: (s) => ({
    title: `Certificate to check: ${s('title')}`,
    body: `${s('earner')} submitted a certificate of completion for ${s('title')}. Check it and decide from the proof queue.`,
    link: orgPath(s('slug'), 'proof-queue'),
    linkLabel: 'Open the proof queue',
  }),
  application_reviewed: (s) => {
    const decision = s('decision');
    const words: Record<string, [string, string]> = {
      passed: ['passed', 'Congratulations: your badge is being issued.'],
      approved: ['was approved', 'Congratulations: your badge is being issued.'],
      needs_revision: [
        'needs revision',
        'Read the reviewer’s feedback, improve your evidence and submit again.',
      ],
      rejected: ['was not approved', 'Read why on the application page.'],
    };
    const [verb, next] = words[decision] ?? ['was reviewed', 'See the outcome on the application page.'];
    return {
      title: `Your application for “${s('title')}” ${verb}`,
      body: `${s('organisation')} reviewed your submission for ${s('title')}. ${next}`,
      link: `/applications/${s('application')}`,
      linkLabel: decision === 'needs_revision' ? 'Read the feedback' : 'Open the application',
    };
  },
  badge_issued: (s) => ({
    title: `New badge: ${s('title')}`,
    body: `${s('organisation')} issued you the badge “${s('title')}”. Accept it in your backpack to show and share it.`,
    link: '/backpack',
    linkLabel: 'Open your backpack',
  }),
  badge_status: (s) => {
    const status = s('status');
    const reason = s('reason');
    const lead =
      status === 'reinstated' ? 'is valid again' : status === 'suspended' ? 'is suspended' : 'was revoked';
    return {
      title: `Your badge “${s('title')}” ${lead}`,
      body: `${s('organisation')} changed the status of your badge “${s('title')}”: it ${lead}.${reason ? ` The reason given: ${reason}` : ''}`,
      link: `/badges/${s('credential')}`,
      linkLabel: 'Open the badge',
    };
  },
  program_submission: (s) => {
    const step = s('step');
    const steps: Record<string, string> = {
      submitted: `${s('issuer')} submitted “${s('title')}” to ${s('program')} for approval.`,
      resubmitted: `${s('issuer')} resubmitted “${s('title')}” to ${s('program')} for approval.`,
      approved: `${s('recognizer')} approved “${s('title')}” for ${s('program')}.`,
      rejected: `${s('recognizer')} did not approve “${s('title')}” for ${s('program')}.`,
      changes_requested: `${s('recognizer')} asks for changes to “${s('title')}” before approving it for ${s('program')}.`,
    };
    return {
      title:
        step === 'submitted' || step === 'resubmitted'
          ? `Program to approve: ${s('title')}`
          : `Program decision: ${s('title')}`,
      body: steps[step] ?? `The submission of “${s('title')}” to ${s('program')} changed.`,
      link: orgPath(s('slug'), 'recognition', 'submissions', s('submission')),
      linkLabel: 'Open the submission',
    };
  },
  ce_session: (s) => {
    const step = s('step');
    const reason = s('reason');
    const body: Record<string, string> = {
      requested: `${s('provider')} asks ${s('council')} to pre-approve the session “${s('title')}”. Check its content and decide.`,
      approved: `${s('council')} pre-approved your session “${s('title')}”. Upload its attendee roster to invite them to apply.`,
      declined: `${s('council')} did not pre-approve your session “${s('title')}”.${reason ? ` The reason given: ${reason}` : ''}`,
    };
    return {
      title:
        step === 'requested' ? `Session to pre-approve: ${s('title')}` : `Session decision: ${s('title')}`,
      body: body[step] ?? `The session “${s('title')}” changed.`,
      link: sessionPaths.session(s('slug'), s('session')),
      linkLabel: 'Open the session',
    };
  },
  license_decided: (s) => {
    const confirmed = s('decision') === 'confirmed';
    return {
      title: confirmed
        ? `License ${s('licenseNumber')} confirmed`
        : `License ${s('licenseNumber')} not confirmed`,
      body: confirmed
        ? `${s('organisation')} confirmed your license ${s('licenseNumber')} for ${s('program')}. Your badges now count toward its renewal.`
        : `${s('organisation')} could not confirm your license ${s('licenseNumber')} for ${s('program')}.${s('reason') ? ` The reason given: ${s('reason')}` : ''} Correct it and link it again.`,
      link: '/me/licenses',
      linkLabel: 'Open your licenses',
    };
  },
};

/** Renders the facts the trigger captured into plain English. */
export function presentNotification(kind: string, data: Record<string, unknown>): PresentedNotification {
  const present = Object.hasOwn(PRESENTERS, kind) ? PRESENTERS[kind as NotificationKind] : undefined;
  if (present) return present((key) => str(data, key));
  return {
    title: 'Something changed',
    body: 'Something you follow changed.',
    link: '/',
    linkLabel: 'Open Cairn',
  };
}
