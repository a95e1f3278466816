import { sql } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';
import type { SubmissionStatus } from '../../../storage/schema.ts';

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
  /** The name alone (the micro-credential version's title without its version, or the pathway or stack name). */
  subject_name: string;
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
      sql<string>`coalesce(v.title, pw.name, st.name, '')`.as('subject_name'),
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

/** One submission as either of its two organisations may see it (access is the caller's). */
export async function submissionOfOrganisation(
  db: Queryable,
  organisationId: number,
  submissionPublicId: string,
): Promise<SubmissionView | undefined> {
  const row = (await submissionQuery(db)
    .where('s.public_id', '=', submissionPublicId)
    .where((eb) =>
      eb.or([
        eb('p.organisation_id', '=', organisationId),
        eb('s.issuer_organisation_id', '=', organisationId),
      ]),
    )
    .executeTakeFirst()) as SubmissionView | undefined;
  return row && normalise(row);
}

/** One submission by its key. */
export async function submissionById(db: Queryable, id: number): Promise<SubmissionView> {
  return normalise(
    (await submissionQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow()) as SubmissionView,
  );
}

/** Locks a submission's row for the rest of the transaction. */
export async function lockSubmission(db: Queryable, id: number): Promise<void> {
  await db.selectFrom('program_submissions').select('id').where('id', '=', id).forUpdate().execute();
}

/** A recognizer's queue: submissions of its programs, 'open' or one status (null: all). */
export async function recognizerQueue(
  db: Queryable,
  organisationId: number,
  status: SubmissionStatus | 'open' | null,
): Promise<SubmissionView[]> {
  let q = submissionQuery(db).where('p.organisation_id', '=', organisationId);
  if (status === 'open') q = q.where('s.status', 'in', ['submitted', 'changes_requested']);
  else if (status) q = q.where('s.status', '=', status);
  return ((await q.orderBy('s.created_at').limit(500).execute()) as SubmissionView[]).map(normalise);
}

/** An issuer's submissions, newest first. */
export async function issuerSubmissions(db: Queryable, organisationId: number): Promise<SubmissionView[]> {
  const rows = (await submissionQuery(db)
    .where('s.issuer_organisation_id', '=', organisationId)
    .orderBy('s.created_at', 'desc')
    .limit(500)
    .execute()) as SubmissionView[];
  return rows.map(normalise);
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
    .select(['t.id', 't.kind', 't.author_side', 't.body', 't.facts', 't.created_at', 'u.name as author_name'])
    .where('t.submission_id', '=', submissionId)
    .orderBy('t.id')
    .execute();
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

/** Someone to tell by email: their primary address and the language they chose (null: none saved). */
export interface Recipient {
  email: string;
  locale: string | null;
}

/** The people to tell on one side: the recognizer's officers, or the issuer's submitter. */
export async function submissionRecipients(
  db: Queryable,
  submission: Pick<SubmissionView, 'recognizer_id' | 'issuer_id' | 'created_by'>,
  side: 'issuer' | 'recognizer',
): Promise<Recipient[]> {
  const byRoles = async (organisationId: number, roles: string[]) =>
    db
      .selectFrom('memberships as m')
      .innerJoin('user_emails as e', (j) =>
        j.onRef('e.user_id', '=', 'm.user_id').on('e.is_primary', '=', true),
      )
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['e.email', 'u.locale'])
      .where('m.organisation_id', '=', organisationId)
      .where(sql<boolean>`m.roles && ${sql.val(roles)}::text[]`)
      .execute();
  const once = (rows: Recipient[]) => [...new Map(rows.map((r) => [r.email, r])).values()];
  if (side === 'recognizer') {
    let rows = await byRoles(submission.recognizer_id, ['recognition_officer']);
    if (!rows.length) rows = await byRoles(submission.recognizer_id, ['owner', 'admin']);
    return once(rows);
  }
  const submitter = submission.created_by ? await primaryAddress(db, submission.created_by) : null;
  if (submitter) return [submitter];
  return once(await byRoles(submission.issuer_id, ['owner', 'admin']));
}

/** A user's primary address, with the language they chose. */
export async function primaryAddress(db: Queryable, userId: number): Promise<Recipient | null> {
  const row = await db
    .selectFrom('user_emails as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.email', 'u.locale'])
    .where('e.user_id', '=', userId)
    .where('e.is_primary', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

/** A user's display name. */
export async function userName(db: Queryable, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

/** Adds one entry to a submission's thread. */
export async function insertSubmissionMessage(
  db: Queryable,
  message: {
    submissionId: number;
    authorUserId: number | null;
    side: 'issuer' | 'recognizer';
    kind:
      | 'comment'
      | 'changes_requested'
      | 'approved'
      | 'rejected'
      | 'submitted'
      | 'resubmitted'
      | 'withdrawn'
      | 'endorsed';
    /** What the person wrote; empty when Cairn writes the entry. */
    body: string;
    /** The facts of an entry Cairn writes (JSON), worded when shown. */
    facts?: string | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('submission_messages')
    .values({
      submission_id: message.submissionId,
      author_user_id: message.authorUserId,
      author_side: message.side,
      kind: message.kind,
      body: message.body,
      facts: message.facts ?? null,
      created_at: now,
    })
    .execute();
}

/** What the submission page shows beside the submission: the submitted version, endorsements, neighbours. */
export async function submissionSurroundings(db: Queryable, s: SubmissionView) {
  const [version, endorsements, previous, next] = await Promise.all([
    // Only the submitted version: a recognizer never sees the issuer's drafts or other versions.
    s.micro_credential_id !== null
      ? db
          .selectFrom('micro_credential_versions')
          .selectAll()
          .where('micro_credential_id', '=', s.micro_credential_id)
          .where('version', '=', s.micro_credential_version!)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('endorsements')
      .select(['public_id', 'created_at', 'revoked_at'])
      .where('submission_id', '=', s.id)
      .orderBy('id')
      .execute(),
    s.previous_submission_id
      ? db
          .selectFrom('program_submissions')
          .select(['public_id', 'micro_credential_version', 'status'])
          .where('id', '=', s.previous_submission_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('program_submissions')
      .select(['public_id', 'micro_credential_version', 'status'])
      .where('previous_submission_id', '=', s.id)
      .orderBy('id')
      .execute(),
  ]);
  return { version, endorsements, previous, next };
}

/** What an issuer can submit: its published micro-credential versions, pathways and stacks. */
export async function submittableSubjects(db: Queryable, organisationId: number) {
  const [microCredentials, pathways, stacks] = await Promise.all([
    db
      .selectFrom('micro_credentials as m')
      .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
      .select(['m.public_id', 'v.title', 'v.version', 'v.tags'])
      .select(
        sql<
          string[]
        >`array(select a->>'name' from jsonb_array_elements(v.alignments) a union all select a->>'url' from jsonb_array_elements(v.alignments) a)`.as(
          'alignment_tokens',
        ),
      )
      .where('m.organisation_id', '=', organisationId)
      .where('v.status', '=', 'published')
      .orderBy('v.title')
      .execute(),
    db
      .selectFrom('pathways')
      .select(['public_id', 'name'])
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('stacks as st')
      .select(['st.public_id', 'st.name'])
      .select(
        sql<
          string[]
        >`array(select distinct t from stack_members sm join micro_credential_versions v on v.micro_credential_id = sm.micro_credential_id and v.status = 'published' cross join unnest(v.tags) as t where sm.stack_id = st.id)`.as(
          'tags',
        ),
      )
      .where('st.organisation_id', '=', organisationId)
      .orderBy('st.name')
      .execute(),
  ]);
  return { microCredentials, pathways, stacks };
}

/** An endorsement's signed document, as stored. */
export async function endorsementDocument(db: Queryable, endorsementPublicId: string) {
  return db
    .selectFrom('endorsements')
    .select(['document', 'revoked_at'])
    .where('public_id', '=', endorsementPublicId)
    .executeTakeFirst();
}

/** Submissions an organisation sent (issuer side) or received (recognizer side), newest first. */
export async function organisationSubmissions(
  db: Queryable,
  organisationId: number,
  sides: Array<'issuer' | 'recognizer'>,
  status: SubmissionStatus | null,
): Promise<SubmissionView[]> {
  if (!sides.length) return [];
  let q = submissionQuery(db).where((eb) =>
    eb.or(
      sides.map((side) =>
        side === 'issuer'
          ? eb('s.issuer_organisation_id', '=', organisationId)
          : eb('p.organisation_id', '=', organisationId),
      ),
    ),
  );
  if (status) q = q.where('s.status', '=', status);
  const rows = (await q.orderBy('s.created_at', 'desc').limit(500).execute()) as SubmissionView[];
  return rows.map(normalise);
}
