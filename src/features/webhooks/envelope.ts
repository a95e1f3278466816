import type { Config } from '../../config.ts';
import { appLink } from '../../domain/commands.ts';
import type { Queryable } from '../../storage/database.ts';
import { credentialForEvent, noticeForEvent } from './queries.ts';
import { orgPath } from '../accounts/index.ts';

/** What the payload of one delivery is built from: the audit event and its organisation. */
export interface EventSource {
  event_id: string;
  event_type: string;
  created_at: Date;
  organisation_id: number;
  organisation_public_id: string;
  organisation_slug: string;
  action: string | null;
  subject_type: string | null;
  subject_id: string | null;
  data: Record<string, unknown> | null;
  event_created_at: Date | null;
}

export interface WebhookEnvelope {
  id: string;
  type: string;
  createdAt: string;
  organisation: { id: string; slug: string };
  data: Record<string, unknown>;
}

const OUTCOMES: Record<string, string> = {
  'review.passed': 'passed',
  'review.needs_revision': 'needs_revision',
  'application.approved': 'approved',
  'application.rejected': 'rejected',
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

type Link = (path: string) => string;

/** A credential event's data: the credential's ids, achievement, dates and links. */
async function credentialData(
  db: Queryable,
  source: EventSource,
  link: Link,
): Promise<Record<string, unknown>> {
  const subject = source.subject_id;
  const c = subject ? await credentialForEvent(db, source.organisation_id, subject) : undefined;
  return {
    credential: c
      ? {
          id: c.public_id,
          credentialId: c.credential_id,
          achievement: { id: c.achievement_id, name: c.achievement_name },
          issuedAt: c.issued_at.toISOString(),
          validUntil: c.valid_until?.toISOString() ?? null,
          url: link(`/badges/${c.public_id}`),
          json: link(`/badges/${c.public_id}/credential.json`),
        }
      : { id: subject },
  };
}

/**
 * A completion notice's data: received (the recognizer's side, with the signed credential as
 * issued) or sent (the issuer's side).
 */
async function noticeData(db: Queryable, source: EventSource, link: Link): Promise<Record<string, unknown>> {
  const subject = source.subject_id;
  const slug = source.organisation_slug;
  const audit = source.data ?? {};
  if (source.action === 'notice.created' && subject) {
    // The recognizer's side: the notice as its page shows it, with the signed credential as
    // issued (verify it independently: its proof is over the JSON-LD data).
    const n = await noticeForEvent(db, source.organisation_id, subject);
    return n
      ? {
          direction: 'received',
          notice: { id: n.public_id, url: link(orgPath(slug, 'recognition', 'notices', n.public_id)) },
          program: { id: n.program_public_id, name: n.program_name },
          issuer: n.issuer_name,
          credentialId: n.credential_public_id,
          recipientEmail: n.recipient_email,
          licenseNumber: n.license_number,
          credential: JSON.parse(n.document) as unknown,
        }
      : { direction: 'received', notice: { id: subject } };
  }
  return {
    direction: 'sent',
    credential: { id: subject, url: link(`/badges/${subject}`) },
    notice: text(audit.notice),
    recognizer: text(audit.recognizer),
    program: text(audit.program),
  };
}

/**
 * The JSON body of a delivery: `{id, type, createdAt, organisation: {id, slug}, data}`. `data`
 * holds public ids and links — nothing this organisation does not already see in Cairn, never a
 * secret. Built once, at the first attempt; retries and replays send the same text.
 */
export async function buildEnvelope(
  db: Queryable,
  config: Config,
  source: EventSource,
): Promise<WebhookEnvelope> {
  const link = (path: string) => appLink(config, path);
  const slug = source.organisation_slug;
  const audit = source.data ?? {};
  const subject = source.subject_id;
  let data: Record<string, unknown> = {};
  switch (source.event_type) {
    case 'credential.issued':
    case 'credential.claimed':
    case 'credential.revoked':
    case 'credential.suspended':
    case 'credential.reinstated': {
      data = await credentialData(db, source, link);
      if (source.event_type === 'credential.revoked' || source.event_type === 'credential.suspended')
        data.reason = text(audit.reason);
      break;
    }
    case 'application.submitted':
    case 'application.reviewed':
      data = {
        application: { id: subject, url: link(`/applications/${subject}`) },
        attempt: audit.attempt ?? null,
      };
      if (source.event_type === 'application.reviewed') data.outcome = OUTCOMES[source.action ?? ''] ?? null;
      break;
    case 'program.submitted':
    case 'program.approved':
      data = {
        submission: { id: subject, url: link(orgPath(slug, 'recognition', 'submissions', String(subject))) },
        program: text(audit.program),
        title: text(audit.subject),
        version: audit.version ?? null,
        resubmission: source.action === 'recognition.resubmitted',
      };
      if (source.event_type === 'program.approved')
        Object.assign(data, { hours: audit.hours ?? null, endsOn: audit.endsOn ?? null });
      break;
    case 'completion_notice.sent': {
      data = await noticeData(db, source, link);
      break;
    }
    case 'bulk_run.finished':
      data = {
        run: { id: subject, url: link(orgPath(slug, 'awards', String(subject))) },
        issued: audit.issued ?? null,
        skipped: audit.skipped ?? null,
      };
      break;
    default:
      data = { subject: { type: source.subject_type, id: subject } };
  }
  return {
    id: source.event_id,
    type: source.event_type,
    createdAt: (source.event_created_at ?? source.created_at).toISOString(),
    organisation: { id: source.organisation_public_id, slug },
    data,
  };
}
