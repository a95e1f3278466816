import { z } from 'zod';
import { AppError, conflict, notFound } from '../../../domain/errors.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { queueMail } from '../../../mail/outbox.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';
import { appLink, type CommandDeps, type OrganisationActor } from '../../../domain/commands.ts';
import type { ActorAccess } from '../../accounts/index.ts';
import { submissionMail, type SubmissionEvent } from '../mail.tsx';
import { recognitionPaths } from '../paths.ts';
import {
  insertSubmissionMessage,
  lockSubmission,
  submissionById,
  submissionRecipients,
  userName,
  type SubmissionView,
} from '../queries/submissions.ts';
import { loadSubmission, type Side } from './submissionAccess.ts';
import { isLocale } from '../../../web/i18n/i18n.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';
import { storedFacts, type EntryFacts } from '../threadEntries.ts';

export const OPEN_STATUSES: SubmissionStatus[] = ['submitted', 'changes_requested'];
/** Every status a submission can have, in the order the queue lists them. */
export const SUBMISSION_STATUSES = [
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
  'withdrawn',
  'superseded',
] as const satisfies readonly SubmissionStatus[];
// Every status is listed: this line fails to compile when the schema gains one.
const everyStatusListed: (typeof SUBMISSION_STATUSES)[number] extends SubmissionStatus
  ? SubmissionStatus extends (typeof SUBMISSION_STATUSES)[number]
    ? true
    : never
  : never = true;
void everyStatusListed;

/** A required text field of a step. */
export const stepText = (what: string, max = 10000) =>
  z
    .string({ message: what })
    .trim()
    .min(1, what)
    .max(max, commandMessage('errors.recognition.keepUnder', { max: String(max) }));

/** Which submission a step acts on, and who acts. */
export interface SubmissionStepTarget {
  actor: OrganisationActor;
  orgSlug: string;
  submission: string;
}

/** Tells one side of a step by email. */
export async function notifySide(
  deps: CommandDeps,
  tx: Tx,
  submission: SubmissionView,
  to: Side,
  event: SubmissionEvent,
  actorUserId: number | null,
  message: string | null,
  now: Date,
) {
  const slug = to === 'recognizer' ? submission.recognizer_slug : submission.issuer_slug;
  const data = {
    event,
    subjectTitle: submission.subject_name,
    version: submission.micro_credential_version,
    programName: submission.program_name,
    issuerName: submission.issuer_name,
    recognizerName: submission.recognizer_name,
    // An organisation's API token acting: the mail names that organisation.
    actorName:
      (await userName(tx, actorUserId)) ??
      (to === 'recognizer' ? submission.issuer_name : submission.recognizer_name),
    message,
    hours: submission.hours_granted,
    endsOn: submission.ends_on,
    link: appLink(deps.config, recognitionPaths.submission(slug, submission.public_id)),
  };
  for (const { email, locale } of await submissionRecipients(tx, submission, to)) {
    // In the language the recipient chose (users.locale), else English.
    const mail = submissionMail({ ...data, ...(isLocale(locale) ? { locale } : {}) });
    await queueMail(tx, email, mail, now, {
      organisationId: to === 'recognizer' ? submission.recognizer_id : submission.issuer_id,
    });
  }
}

/** Audits a step in both organisations' logs: each side sees every step of the thread. */
export async function auditBoth(
  tx: Tx,
  submission: Pick<
    SubmissionView,
    | 'public_id'
    | 'recognizer_id'
    | 'issuer_id'
    | 'program_public_id'
    | 'micro_credential_version'
    | 'subject_name'
  >,
  actor: OrganisationActor,
  action: string,
  data: Record<string, unknown>,
  now: Date,
) {
  const payload = {
    program: submission.program_public_id,
    // The name as written and the version apart: no English "(version n)" stored with them.
    subject: submission.subject_name,
    version: submission.micro_credential_version,
    ...data,
  };
  for (const organisationId of new Set([submission.issuer_id, submission.recognizer_id])) {
    await recordAudit(
      tx,
      {
        organisationId,
        actorUserId: actor.userId,
        action: `recognition.${action}`,
        subjectType: 'program_submission',
        subjectId: submission.public_id,
        data: payload,
        ip: actor.ip,
      },
      now,
    );
  }
}

/**
 * Adds an entry to the thread, by the actor on one side: what they wrote (`body`), or, with an
 * empty body, the facts of what Cairn notes for them (worded when shown, in the reader's language).
 */
export async function addMessage(
  tx: Tx,
  submissionId: number,
  actor: OrganisationActor,
  side: Side,
  kind: Parameters<typeof insertSubmissionMessage>[1]['kind'],
  body: string,
  now: Date,
  facts: EntryFacts | null = null,
) {
  await insertSubmissionMessage(
    tx,
    { submissionId, authorUserId: actor.userId, side, kind, body, facts: body ? null : storedFacts(facts) },
    now,
  );
}

/** Runs a step on a submission inside a transaction, with the row locked. */
export async function step<T>(
  deps: CommandDeps,
  target: SubmissionStepTarget,
  side: Side | 'either',
  run: (tx: Tx, s: SubmissionView, who: { side: Side; require: ActorAccess['require'] }) => Promise<T>,
): Promise<T> {
  return inTransaction(deps.db, async (tx) => {
    const loaded = await loadSubmission(tx, target.orgSlug, target.actor, target.submission);
    if (side !== 'either' && !loaded.sides.includes(side)) throw notFound('submission');
    await lockSubmission(tx, loaded.submission.id);
    const fresh = await submissionById(tx, loaded.submission.id);
    return run(tx, fresh, { side: side === 'either' ? loaded.side : side, require: loaded.require });
  });
}

/** `read` judges the request body; it runs only once the actor is known to be allowed to decide. */
export async function decide(
  deps: CommandDeps,
  target: SubmissionStepTarget,
  to: 'changes_requested' | 'approved' | 'rejected',
  /** `body`: what the officer wrote (may be empty for an approval); `facts`: what Cairn notes when they wrote nothing. */
  read: () => { body: string; facts?: EntryFacts | null; hours?: number; endsOn?: string | null },
) {
  const now = deps.clock.now();
  const { actor } = target;
  await step(deps, target, 'recognizer', async (tx, s, who) => {
    who.require('recognition.manage');
    // Four eyes on self-recognition: who submitted the organisation's own badge does not decide it.
    if (s.issuer_id === s.recognizer_id && s.created_by === actor.userId)
      throw new AppError('forbidden', commandMessage('errors.recognition.decide.ownSubmission'));
    const { body, facts = null, ...fields } = read();
    const allowed: SubmissionStatus[] = to === 'changes_requested' ? ['submitted'] : OPEN_STATUSES;
    if (!allowed.includes(s.status))
      throw conflict(commandMessage(`errors.recognition.decide.notDecidable.${s.status}`));
    const decided = to === 'changes_requested' ? {} : { decided_by: actor.userId, decided_at: now };
    await tx
      .updateTable('program_submissions')
      .set({
        status: to,
        updated_at: now,
        ...decided,
        ...(to === 'approved' ? { hours_granted: fields.hours ?? 0, ends_on: fields.endsOn ?? null } : {}),
      })
      .where('id', '=', s.id)
      .execute();
    await addMessage(tx, s.id, actor, 'recognizer', to, body, now, facts);
    const after = await submissionById(tx, s.id);
    const data =
      to === 'approved'
        ? { hours: after.hours_granted, endsOn: after.ends_on }
        : { reason: body.slice(0, 500) };
    await auditBoth(tx, after, actor, to, data, now);
    await notifySide(deps, tx, after, 'issuer', to, actor.userId, body || null, now);
  });
}
