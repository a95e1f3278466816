/** The events an organisation can subscribe to, with what each means in plain words. */
export const WEBHOOK_EVENTS = {
  'credential.issued': 'A credential was issued',
  'credential.claimed': 'An earner accepted a badge sent to them',
  'credential.revoked': 'A credential was revoked',
  'credential.suspended': 'A credential was suspended',
  'credential.reinstated': 'A suspended credential was reinstated',
  'application.submitted': 'An earner submitted evidence for review',
  'application.reviewed': 'A submission was reviewed (passed, sent back, approved or rejected)',
  'program.submitted': 'A program was submitted to a recognizer for approval',
  'program.approved': 'A recognizer approved a program',
  'completion_notice.sent': 'A completion notice was sent to (or received by) a recognizer',
  'bulk_run.finished': 'A bulk award run finished',
} as const;

export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}

/**
 * Which audit action is which event. The database trigger of migration 0020
 * (`webhook_event_for`) holds the same map — it is where deliveries are created, inside the
 * transaction that records the action; events.test.ts checks the two agree.
 */
export const AUDIT_ACTION_EVENTS: Record<string, WebhookEvent> = {
  'credential.issued': 'credential.issued',
  'claim.accepted': 'credential.claimed',
  'credential.revoked': 'credential.revoked',
  'credential.suspended': 'credential.suspended',
  'credential.reinstated': 'credential.reinstated',
  'application.submitted': 'application.submitted',
  'review.passed': 'application.reviewed',
  'review.needs_revision': 'application.reviewed',
  'application.approved': 'application.reviewed',
  'application.rejected': 'application.reviewed',
  'recognition.submitted': 'program.submitted',
  'recognition.resubmitted': 'program.submitted',
  'recognition.approved': 'program.approved',
  'notice.created': 'completion_notice.sent',
  'credential.notice_sent': 'completion_notice.sent',
  'award_run.finished': 'bulk_run.finished',
};
