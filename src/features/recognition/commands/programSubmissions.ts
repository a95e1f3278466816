import { z } from 'zod';
import { sql } from 'kysely';
import { AppError, conflict, invalid, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { assertCan } from '../../../domain/roles.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Queryable, type Tx } from '../../../storage/database.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { isoDate } from '../queries/recognition.ts';
import { queueMail } from '../../../mail/outbox.ts';
import { submissionMail, type SubmissionEvent } from '../mail.tsx';
import type { Organisation, SubmissionStatus } from '../../../storage/schema.ts';
import { requireMember } from '../../accounts/index.ts';
import { appLink, type Actor, type CommandDeps } from '../../../domain/commands.ts';

export const OPEN_STATUSES: SubmissionStatus[] = ['submitted', 'changes_requested'];
export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  submitted: 'Awaiting review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded by a resubmission',
};

const text = (what: string, max = 10000) =>
  z.string({ message: what }).trim().min(1, what).max(max, `Keep it under ${max} characters.`);
const optionalPositiveInt = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
  z.number({ message: 'Choose a version.' }).int().positive().optional(),
);
const optionalId = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.string().trim().min(1).max(100).optional(),
);

export const submitInput = z
  .object({
    program: z
      .string({ message: 'Choose a recognition program.' })
      .trim()
      .min(1, 'Choose a recognition program.'),
    microCredential: optionalId,
    version: optionalPositiveInt,
    pathway: optionalId,
    stack: optionalId,
    statement: text('Explain how competency is verified and endorsed (assessment, reviewers, rubric).'),
    /** A resubmission: the earlier submission it follows (same program and micro-credential, pathway or stack). */
    previousSubmission: optionalId,
  })
  .refine((v) => [v.microCredential, v.pathway, v.stack].filter(Boolean).length === 1, {
    message: 'Choose one micro-credential, pathway or stack to submit.',
    path: ['microCredential'],
  });

/** A submission as one side sees it. */
export interface SubmissionView {
  id: number;
  public_id: string;
  status: SubmissionStatus;
  statement: string;
  hours_granted: number | null;
  ends_on: string | null;
  created_at: Date;
  decided_at: Date | null;
  previous_submission_id: number | null;
  created_by: number | null;
  micro_credential_id: number | null;
  micro_credential_version: number | null;
  pathway_id: number | null;
  stack_id: number | null;
  program_id: number;
  program_public_id: string;
  program_name: string;
  license_name: string;
  unit_rule: 'fixed' | 'credit_hours';
  fixed_hours: number | null;
  recognizer_id: number;
  recognizer_slug: string;
  recognizer_name: string;
  issuer_id: number;
  issuer_slug: string;
  issuer_name: string;
  /** The title of what was submitted (micro-credential version title, pathway or stack name). */
  title: string;
  subject_kind: 'micro_credential' | 'pathway' | 'stack';
  /** The micro-credential's public id and slug (micro-credential submissions only). */
  mc_public_id: string | null;
  mc_slug: string | null;
  credit_hours: number | null;
}

/** Loads submissions with their program, both organisations and the submitted subject's title. */
export function submissionQuery(db: Queryable) {
  return db
    .selectFrom('program_submissions as s')
    .innerJoin('recognition_programs as p', 'p.id', 's.program_id')
    .innerJoin('organisations as r', 'r.id', 'p.organisation_id')
    .innerJoin('organisations as i', 'i.id', 's.issuer_organisation_id')
    .leftJoin('micro_credentials as m', 'm.id', 's.micro_credential_id')
    .leftJoin('micro_credential_versions as v', (j) =>
      j
        .onRef('v.micro_credential_id', '=', 's.micro_credential_id')
        .onRef('v.version', '=', 's.micro_credential_version'),
    )
    .leftJoin('pathways as pw', 'pw.id', 's.pathway_id')
    .leftJoin('stacks as st', 'st.id', 's.stack_id')
    .select([
      's.id',
      's.public_id',
      's.status',
      's.statement',
      's.hours_granted',
      sql<string | null>`s.ends_on::text`.as('ends_on'),
      's.created_at',
      's.decided_at',
      's.previous_submission_id',
      's.created_by',
      's.micro_credential_id',
      's.micro_credential_version',
      's.pathway_id',
      's.stack_id',
      'p.id as program_id',
      'p.public_id as program_public_id',
      'p.name as program_name',
      'p.license_name',
      'p.unit_rule',
      'p.fixed_hours',
      'r.id as recognizer_id',
      'r.slug as recognizer_slug',
      'r.name as recognizer_name',
      'i.id as issuer_id',
      'i.slug as issuer_slug',
      'i.name as issuer_name',
      sql<string>`coalesce(v.title || ' (version ' || s.micro_credential_version || ')', pw.name, st.name, '')`.as(
        'title',
      ),
      sql<
        'micro_credential' | 'pathway' | 'stack'
      >`case when s.micro_credential_id is not null then 'micro_credential' when s.pathway_id is not null then 'pathway' else 'stack' end`.as(
        'subject_kind',
      ),
      'm.public_id as mc_public_id',
      'm.slug as mc_slug',
      'v.credit_hours',
    ]);
}

export type Side = 'issuer' | 'recognizer';

/**
 * A submission as a member of one of its two organisations sees it. Anyone else, including
 * staff of a third organisation, gets not_found; a member without the role gets forbidden.
 */
export async function loadSubmission(
  db: Queryable,
  orgSlug: string,
  userId: number,
  submissionPublicId: string,
): Promise<{ organisation: Organisation; side: Side; submission: SubmissionView; roles: string[] }> {
  const { organisation, membership } = await requireMember(db, orgSlug, userId);
  const submission = (await submissionQuery(db)
    .where('s.public_id', '=', submissionPublicId)
    .where((eb) =>
      eb.or([
        eb('p.organisation_id', '=', organisation.id),
        eb('s.issuer_organisation_id', '=', organisation.id),
      ]),
    )
    .executeTakeFirst()) as SubmissionView | undefined;
  if (!submission) throw notFound('That submission');
  const side: Side = submission.recognizer_id === organisation.id ? 'recognizer' : 'issuer';
  assertCan(membership.roles, side === 'recognizer' ? 'recognition.read' : 'recognition.submit');
  return { organisation, side, submission: normalise(submission), roles: membership.roles };
}

function normalise(s: SubmissionView): SubmissionView {
  return {
    ...s,
    hours_granted: s.hours_granted === null ? null : Number(s.hours_granted),
    fixed_hours: s.fixed_hours === null ? null : Number(s.fixed_hours),
    credit_hours: s.credit_hours === null ? null : Number(s.credit_hours),
  };
}

/** The thread of a submission, oldest first. */
export async function submissionThread(db: Queryable, submissionId: number) {
  return db
    .selectFrom('submission_messages as t')
    .leftJoin('users as u', 'u.id', 't.author_user_id')
    .select(['t.id', 't.kind', 't.author_side', 't.body', 't.created_at', 'u.name as author_name'])
    .where('t.submission_id', '=', submissionId)
    .orderBy('t.id')
    .execute();
}

/** Addresses of the people to tell on one side: the recognizer's officers, or the issuer's submitter. */
async function recipients(tx: Tx, submission: SubmissionView, side: Side): Promise<string[]> {
  const byRoles = async (organisationId: number, roles: string[]) =>
    tx
      .selectFrom('memberships as m')
      .innerJoin('user_emails as e', (j) =>
        j.onRef('e.user_id', '=', 'm.user_id').on('e.is_primary', '=', true),
      )
      .select('e.email')
      .where('m.organisation_id', '=', organisationId)
      .where(sql<boolean>`m.roles && ${sql.val(roles)}::text[]`)
      .execute();
  if (side === 'recognizer') {
    let rows = await byRoles(submission.recognizer_id, ['recognition_officer']);
    if (!rows.length) rows = await byRoles(submission.recognizer_id, ['owner', 'admin']);
    return [...new Set(rows.map((r) => r.email))];
  }
  const submitter = submission.created_by
    ? await tx
        .selectFrom('user_emails')
        .select('email')
        .where('user_id', '=', submission.created_by)
        .where('is_primary', '=', true)
        .executeTakeFirst()
    : undefined;
  if (submitter) return [submitter.email];
  return [...new Set((await byRoles(submission.issuer_id, ['owner', 'admin'])).map((r) => r.email))];
}

async function notify(
  deps: CommandDeps,
  tx: Tx,
  submission: SubmissionView,
  to: Side,
  event: SubmissionEvent,
  actorUserId: number,
  message: string | null,
  now: Date,
) {
  const actor = await tx.selectFrom('users').select('name').where('id', '=', actorUserId).executeTakeFirst();
  const slug = to === 'recognizer' ? submission.recognizer_slug : submission.issuer_slug;
  const mail = submissionMail({
    event,
    subjectTitle: submission.title,
    programName: submission.program_name,
    issuerName: submission.issuer_name,
    recognizerName: submission.recognizer_name,
    actorName: actor?.name ?? 'Cairn',
    message,
    hours: submission.hours_granted,
    endsOn: submission.ends_on,
    link: appLink(deps.config, `/orgs/${slug}/recognition/submissions/${submission.public_id}`),
  });
  for (const address of await recipients(tx, submission, to)) {
    await queueMail(tx, address, mail, now, {
      organisationId: to === 'recognizer' ? submission.recognizer_id : submission.issuer_id,
    });
  }
}

/** Audits a step in both organisations' logs: each side sees every step of the thread. */
async function auditBoth(
  tx: Tx,
  submission: Pick<
    SubmissionView,
    'public_id' | 'recognizer_id' | 'issuer_id' | 'program_public_id' | 'micro_credential_version' | 'title'
  >,
  actor: Actor,
  action: string,
  data: Record<string, unknown>,
  now: Date,
) {
  const payload = {
    program: submission.program_public_id,
    subject: submission.title,
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

async function addMessage(
  tx: Tx,
  submissionId: number,
  actor: Actor,
  side: Side,
  kind:
    | 'comment'
    | 'changes_requested'
    | 'approved'
    | 'rejected'
    | 'submitted'
    | 'resubmitted'
    | 'withdrawn'
    | 'endorsed',
  body: string,
  now: Date,
) {
  await tx
    .insertInto('submission_messages')
    .values({
      submission_id: submissionId,
      author_user_id: actor.userId,
      author_side: side,
      kind,
      body,
      created_at: now,
    })
    .execute();
}

async function reload(tx: Tx, id: number): Promise<SubmissionView> {
  return normalise(
    (await submissionQuery(tx).where('s.id', '=', id).executeTakeFirstOrThrow()) as SubmissionView,
  );
}

/**
 * An issuer submits one published micro-credential version (or a pathway or stack) to a
 * recognizer's program, with a statement of how competency is verified; a resubmission names
 * the earlier submission, which it supersedes while that one is still open.
 */
export async function submitForRecognition(
  deps: CommandDeps,
  actor: Actor,
  issuerSlug: string,
  input: unknown,
): Promise<{ publicId: string }> {
  const now = deps.clock.now();
  try {
    return await submitInTransaction(deps, actor, issuerSlug, input, now);
  } catch (err) {
    // Two submissions of the same thing racing: the partial unique index lets one through.
    if ((err as { code?: unknown }).code === '23505')
      throw conflict(
        'This is already waiting for review in that program. Comment on it, or resubmit from it.',
      );
    throw err;
  }
}

async function submitInTransaction(
  deps: CommandDeps,
  actor: Actor,
  issuerSlug: string,
  input: unknown,
  now: Date,
): Promise<{ publicId: string }> {
  return inTransaction(deps.db, async (tx) => {
    // Access first: a stranger or a member without the right is refused whatever the body says.
    const { organisation: issuer } = await requireMember(tx, issuerSlug, actor.userId, 'recognition.submit');
    if (issuer.kind === 'recognizer')
      throw new AppError('forbidden', 'Only issuer organisations submit micro-credentials for recognition.');
    const v = parseInput(submitInput, input);
    const program = await tx
      .selectFrom('recognition_programs as p')
      .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.id', 'p.archived_at', 'o.id as organisation_id', 'o.kind'])
      .where('p.public_id', '=', v.program)
      .executeTakeFirst();
    if (!program || program.kind === 'issuer' || program.archived_at)
      throw invalid({ program: 'Choose an open recognition program from the list.' });
    if (program.organisation_id === issuer.id)
      throw invalid({
        program:
          'An organisation cannot recognize its own micro-credentials: choose another recognizer’s program.',
      });

    let target: {
      micro_credential_id: number | null;
      micro_credential_version: number | null;
      pathway_id: number | null;
      stack_id: number | null;
    } = { micro_credential_id: null, micro_credential_version: null, pathway_id: null, stack_id: null };
    if (v.microCredential) {
      const mc = await tx
        .selectFrom('micro_credentials')
        .select(['id'])
        .where('organisation_id', '=', issuer.id)
        .where('public_id', '=', v.microCredential)
        .executeTakeFirst();
      if (!mc) throw invalid({ microCredential: 'Choose a micro-credential of this organisation.' });
      let vq = tx
        .selectFrom('micro_credential_versions')
        .select(['version', 'status'])
        .where('micro_credential_id', '=', mc.id);
      vq =
        v.version === undefined ? vq.where('status', '=', 'published') : vq.where('version', '=', v.version);
      const version = await vq.executeTakeFirst();
      if (!version)
        throw invalid({
          version:
            v.version === undefined
              ? 'Publish the micro-credential first: only a published version can be submitted.'
              : `There is no version ${v.version}.`,
        });
      if (version.status !== 'published')
        throw invalid({
          version: `Version ${version.version} is ${version.status === 'draft' ? 'a draft: publish it' : 'superseded: submit the published version'} first. Only the published version can be submitted.`,
        });
      target = { ...target, micro_credential_id: mc.id, micro_credential_version: version.version };
    } else if (v.pathway) {
      const pathway = await tx
        .selectFrom('pathways')
        .select('id')
        .where('organisation_id', '=', issuer.id)
        .where('public_id', '=', v.pathway)
        .executeTakeFirst();
      if (!pathway) throw invalid({ pathway: 'Choose a pathway of this organisation.' });
      target = { ...target, pathway_id: pathway.id };
    } else {
      const stack = await tx
        .selectFrom('stacks')
        .select('id')
        .where('organisation_id', '=', issuer.id)
        .where('public_id', '=', v.stack!)
        .executeTakeFirst();
      if (!stack) throw invalid({ stack: 'Choose a stack of this organisation.' });
      target = { ...target, stack_id: stack.id };
    }
    let existing = tx
      .selectFrom('program_submissions')
      .select(['id', 'public_id', 'status', 'micro_credential_version'])
      .where('program_id', '=', program.id)
      .where('issuer_organisation_id', '=', issuer.id);
    if (target.micro_credential_id !== null)
      existing = existing.where('micro_credential_id', '=', target.micro_credential_id);
    else if (target.pathway_id !== null) existing = existing.where('pathway_id', '=', target.pathway_id);
    else existing = existing.where('stack_id', '=', target.stack_id);
    const others = await existing.forUpdate().execute();

    let previous: (typeof others)[number] | undefined;
    if (v.previousSubmission) {
      previous = others.find((o) => o.public_id === v.previousSubmission);
      if (!previous)
        throw invalid({
          previousSubmission:
            'A resubmission follows an earlier submission of the same micro-credential to the same program.',
        });
      if (previous.status === 'withdrawn')
        throw conflict('That submission was withdrawn: submit afresh instead.');
      if (previous.status === 'superseded')
        throw conflict('That submission was already resubmitted: follow the newer one.');
    }
    const sameVersion = (o: (typeof others)[number]) =>
      target.micro_credential_id === null || o.micro_credential_version === target.micro_credential_version;
    const open = others.find((o) => OPEN_STATUSES.includes(o.status) && o.id !== previous?.id);
    if (open)
      throw conflict(
        `This is already waiting for review in that program (submission ${open.public_id}). Comment on it, or resubmit from it.`,
      );
    if (others.some((o) => o.status === 'approved' && sameVersion(o))) {
      throw conflict(
        target.micro_credential_id !== null
          ? `Version ${target.micro_credential_version} is already approved in that program.`
          : 'This is already approved in that program.',
      );
    }
    if (previous && OPEN_STATUSES.includes(previous.status)) {
      await tx
        .updateTable('program_submissions')
        .set({ status: 'superseded', updated_at: now })
        .where('id', '=', previous.id)
        .execute();
    }
    const row = await tx
      .insertInto('program_submissions')
      .values({
        public_id: publicId('rsub'),
        program_id: program.id,
        issuer_organisation_id: issuer.id,
        ...target,
        statement: v.statement,
        status: 'submitted',
        previous_submission_id: previous?.id ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    const kind = previous ? 'resubmitted' : 'submitted';
    await addMessage(tx, row.id, actor, 'issuer', kind, v.statement, now);
    const submission = await reload(tx, row.id);
    if (previous)
      await addMessage(
        tx,
        previous.id,
        actor,
        'issuer',
        'resubmitted',
        `Resubmitted as ${submission.title}: ${row.public_id}.`,
        now,
      );
    await auditBoth(tx, submission, actor, kind, { previous: previous?.public_id ?? null }, now);
    await notify(deps, tx, submission, 'recognizer', kind, actor.userId, v.statement, now);
    return { publicId: row.public_id };
  });
}

/** Runs a step on a submission inside a transaction, with the row locked. */
async function step<T>(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  side: Side | 'either',
  run: (tx: Tx, s: SubmissionView, who: { side: Side; roles: string[] }) => Promise<T>,
): Promise<T> {
  return inTransaction(deps.db, async (tx) => {
    const loaded = await loadSubmission(tx, orgSlug, actor.userId, submissionPublicId);
    if (side !== 'either' && loaded.side !== side) throw notFound('That submission');
    await tx
      .selectFrom('program_submissions')
      .select('id')
      .where('id', '=', loaded.submission.id)
      .forUpdate()
      .execute();
    const fresh = await reload(tx, loaded.submission.id);
    return run(tx, fresh, { side: loaded.side, roles: loaded.roles });
  });
}

/** Either side adds a comment to the thread; the other side is told. */
export async function commentOnSubmission(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  input: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await step(deps, actor, orgSlug, submissionPublicId, 'either', async (tx, s, who) => {
    if (who.side === 'recognizer') assertCan(who.roles, 'recognition.manage');
    const { body } = parseInput(commentInput, input);
    await addMessage(tx, s.id, actor, who.side, 'comment', body, now);
    await auditBoth(tx, s, actor, 'commented', { side: who.side }, now);
    await notify(
      deps,
      tx,
      s,
      who.side === 'issuer' ? 'recognizer' : 'issuer',
      'comment',
      actor.userId,
      body,
      now,
    );
  });
}

/** `read` judges the request body; it runs only once the actor is known to be allowed to decide. */
async function decide(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  to: 'changes_requested' | 'approved' | 'rejected',
  read: () => { body: string; hours?: number; endsOn?: string | null },
) {
  const now = deps.clock.now();
  await step(deps, actor, orgSlug, submissionPublicId, 'recognizer', async (tx, s, who) => {
    assertCan(who.roles, 'recognition.manage');
    const { body, ...fields } = read();
    const allowed: SubmissionStatus[] = to === 'changes_requested' ? ['submitted'] : OPEN_STATUSES;
    if (!allowed.includes(s.status))
      throw conflict(
        `This submission is ${STATUS_LABELS[s.status].toLowerCase()}: it cannot be ${to === 'changes_requested' ? 'sent back for changes' : to} now.`,
      );
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
    await addMessage(tx, s.id, actor, 'recognizer', to, body, now);
    const after = await reload(tx, s.id);
    await auditBoth(
      tx,
      after,
      actor,
      to,
      to === 'approved'
        ? { hours: after.hours_granted, endsOn: after.ends_on }
        : { reason: body.slice(0, 500) },
      now,
    );
    await notify(deps, tx, after, 'issuer', to, actor.userId, body || null, now);
  });
}

/** An officer sends the submission back to the issuer with the changes needed. */
export async function requestChanges(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  input: unknown,
): Promise<void> {
  await decide(deps, actor, orgSlug, submissionPublicId, 'changes_requested', () =>
    parseInput(requestChangesInput, input),
  );
}

/** An officer rejects the submission with reasons. */
export async function rejectSubmission(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  input: unknown,
): Promise<void> {
  await decide(deps, actor, orgSlug, submissionPublicId, 'rejected', () =>
    parseInput(rejectSubmissionInput, input),
  );
}

export const commentInput = z.object({ body: text('Write your comment.') });
export const requestChangesInput = z.object({ body: text('Say what needs to change.') });
export const rejectSubmissionInput = z.object({ body: text('Give the reasons for rejecting it.') });
export const withdrawInput = z.object({
  body: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(10000)),
});
export const approveInput = z.object({
  hours: z.preprocess(
    (v) =>
      v === '' || v === undefined || v === null
        ? undefined
        : typeof v === 'string'
          ? Number(v.trim().replace(',', '.'))
          : v,
    z
      .number({ message: 'Give the credit hours granted, e.g. 0.5.' })
      .min(0, 'The hours granted cannot be negative.')
      .max(1000, 'The hours granted are at most 1000.')
      .multipleOf(0.01, 'Use at most two decimals.'),
  ),
  endsOn: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2031-06-30.')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'That is not a date.')
      .optional(),
  ),
  body: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(10000)),
});

/** An officer approves: the credit hours granted and an optional last day of the approval. */
export async function approveSubmission(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  input: unknown,
): Promise<void> {
  await decide(deps, actor, orgSlug, submissionPublicId, 'approved', () => {
    const v = parseInput(approveInput, input);
    if (v.endsOn && v.endsOn < isoDate(deps.clock.now()))
      throw invalid({ endsOn: 'The end date cannot be in the past.' });
    return {
      body: v.body || `Approved for ${v.hours} credit hours${v.endsOn ? ` until ${v.endsOn}` : ''}.`,
      hours: v.hours,
      endsOn: v.endsOn ?? null,
    };
  });
}

/** The issuer withdraws a submission that is still open. */
export async function withdrawSubmission(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  submissionPublicId: string,
  input: unknown = {},
): Promise<void> {
  const now = deps.clock.now();
  await step(deps, actor, orgSlug, submissionPublicId, 'issuer', async (tx, s) => {
    const { body } = parseInput(withdrawInput, input);
    if (!OPEN_STATUSES.includes(s.status))
      throw conflict(
        `This submission is ${STATUS_LABELS[s.status].toLowerCase()}: only an open submission can be withdrawn.`,
      );
    await tx
      .updateTable('program_submissions')
      .set({ status: 'withdrawn', updated_at: now })
      .where('id', '=', s.id)
      .execute();
    await addMessage(tx, s.id, actor, 'issuer', 'withdrawn', body || 'Withdrawn by the issuer.', now);
    await auditBoth(tx, s, actor, 'withdrawn', {}, now);
    await notify(deps, tx, s, 'recognizer', 'withdrawn', actor.userId, body || null, now);
  });
}

/**
 * For a resubmission: the micro-credential's published version when it is newer than the
 * submitted one (or the same version after changes were requested), else null.
 */
export async function resubmittableVersion(db: Queryable, s: SubmissionView): Promise<number | null> {
  if (s.subject_kind !== 'micro_credential' || s.micro_credential_id === null) return null;
  if (!['changes_requested', 'rejected', 'approved'].includes(s.status)) return null;
  const published = await db
    .selectFrom('micro_credential_versions')
    .select('version')
    .where('micro_credential_id', '=', s.micro_credential_id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!published) return null;
  if (published.version > (s.micro_credential_version ?? 0)) return published.version;
  if (published.version === s.micro_credential_version && s.status !== 'approved') return published.version;
  return null;
}
