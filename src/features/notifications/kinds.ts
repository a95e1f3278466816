/**
 * The kinds of notification, who gets them and what each means in plain words (the pages and
 * emails use the catalogue's notifications.kinds.* and notifications.present.*). The trigger of
 * migration 0025 (`notification_fan_out`) makes them; keep the two in step.
 */
export const NOTIFICATION_KINDS = {
  submission_assigned: { label: 'A submission is assigned to you for review', audience: 'Reviewers' },
  proof_submitted: {
    label: 'A certificate of completion arrives for your organisation',
    audience: 'Issuing staff',
  },
  application_reviewed: {
    label: 'Your submission is reviewed (passed, sent back, approved or rejected)',
    audience: 'Earners',
  },
  badge_issued: { label: 'A badge is issued to you', audience: 'Earners' },
  badge_status: { label: 'One of your badges is revoked, suspended or reinstated', audience: 'Earners' },
  program_submission: {
    label: 'A program is submitted for approval, or decided',
    audience: 'Recognition officers and issuers',
  },
  license_decided: { label: 'A recognizer confirms or rejects your license link', audience: 'Earners' },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/** How a person wants to hear of one kind. */
export const DELIVERIES = ['in_app', 'email', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];
/** With no choice saved, every kind is emailed at once. */
export const DEFAULT_DELIVERY: Delivery = 'email';

/**
 * Kinds whose email the flow itself already sends (a badge's claim email, the review decision
 * and proof decision emails, each step of a program submission's thread): they land in the inbox,
 * and the trigger marks their email `external` so nobody is emailed twice.
 */
export const EMAILED_BY_THEIR_FLOW: readonly NotificationKind[] = [
  'badge_issued',
  'application_reviewed',
  'program_submission',
];
