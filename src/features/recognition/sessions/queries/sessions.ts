import { sql } from 'kysely';
import type { Queryable } from '../../../../storage/database.ts';
import type { CeSessionStatus } from '../../../../storage/schema.ts';

/** A session as its provider or its council sees it. */
export interface SessionView {
  id: number;
  public_id: string;
  status: CeSessionStatus;
  title: string;
  provider_name: string;
  provider_organisation_id: number | null;
  provider_slug: string | null;
  council_organisation_id: number;
  council_name: string;
  council_slug: string;
  micro_credential_id: number;
  mc_public_id: string;
  mc_slug: string;
  mc_title: string;
  starts_on: string | null;
  ends_on: string | null;
  hours: number | null;
  description: string;
  presenter: string;
  decision_note: string | null;
  requested_by: number | null;
  requester_name: string | null;
  decider_name: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** What an earner picks from, and what the application keeps: "provider — title" (the title alone without a provider). */
export function sessionLabel(s: { provider_name: string; title: string }): string {
  return s.provider_name ? `${s.provider_name} — ${s.title}` : s.title;
}

function sessionQuery(db: Queryable) {
  return db
    .selectFrom('ce_sessions as s')
    .innerJoin('organisations as c', 'c.id', 's.council_organisation_id')
    .leftJoin('organisations as p', 'p.id', 's.provider_organisation_id')
    .innerJoin('micro_credentials as m', 'm.id', 's.micro_credential_id')
    .leftJoin('users as ru', 'ru.id', 's.requested_by')
    .leftJoin('users as du', 'du.id', 's.decided_by')
    .select([
      's.id',
      's.public_id',
      's.status',
      's.title',
      's.provider_name',
      's.provider_organisation_id',
      'p.slug as provider_slug',
      's.council_organisation_id',
      'c.name as council_name',
      'c.slug as council_slug',
      's.micro_credential_id',
      'm.public_id as mc_public_id',
      'm.slug as mc_slug',
      sql<string>`coalesce((select v.title from micro_credential_versions v where v.micro_credential_id = m.id order by (v.status = 'published') desc, v.version desc limit 1), '')`.as(
        'mc_title',
      ),
      sql<string | null>`s.starts_on::text`.as('starts_on'),
      sql<string | null>`s.ends_on::text`.as('ends_on'),
      's.hours',
      's.description',
      's.presenter',
      's.decision_note',
      's.requested_by',
      'ru.name as requester_name',
      'du.name as decider_name',
      's.decided_at',
      's.created_at',
    ]);
}

type Row = Omit<SessionView, 'hours'> & { hours: number | string | null };
const normalise = (r: Row): SessionView => ({ ...r, hours: r.hours === null ? null : Number(r.hours) });

/** One session as either its provider or its council may see it (access is the caller's). */
export async function sessionOfOrganisation(
  db: Queryable,
  organisationId: number,
  sessionPublicId: string,
): Promise<SessionView | undefined> {
  const row = await sessionQuery(db)
    .where('s.public_id', '=', sessionPublicId)
    .where((eb) =>
      eb.or([
        eb('s.council_organisation_id', '=', organisationId),
        eb('s.provider_organisation_id', '=', organisationId),
      ]),
    )
    .executeTakeFirst();
  return row && normalise(row);
}

/** One session by its key. */
export async function sessionById(db: Queryable, id: number): Promise<SessionView> {
  return normalise(await sessionQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow());
}

/** Locks a session's row for the rest of the transaction. */
export async function lockSession(db: Queryable, id: number): Promise<void> {
  await db.selectFrom('ce_sessions').select('id').where('id', '=', id).forUpdate().execute();
}

/** A council's pre-approval queue: 'open' (awaiting a decision, oldest first) or every session (newest first). */
export async function councilQueue(
  db: Queryable,
  organisationId: number,
  which: 'open' | 'all',
): Promise<SessionView[]> {
  let q = sessionQuery(db).where('s.council_organisation_id', '=', organisationId);
  q =
    which === 'open'
      ? q.where('s.status', '=', 'submitted').orderBy('s.created_at')
      : q.orderBy('s.created_at', 'desc');
  return (await q.limit(500).execute()).map(normalise);
}

/** A provider's sessions, newest first. */
export async function providerSessions(db: Queryable, organisationId: number): Promise<SessionView[]> {
  const rows = await sessionQuery(db)
    .where('s.provider_organisation_id', '=', organisationId)
    .orderBy('s.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(normalise);
}

/** The councils' micro-credentials a provider may ask pre-approval against: published, proof of completion, live. */
export async function preApprovableMicroCredentials(db: Queryable, onlyPublicId?: string) {
  let q = db
    .selectFrom('micro_credentials as m')
    .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.public_id',
      'm.slug',
      'v.title',
      'o.id as organisation_id',
      'o.name as organisation_name',
    ])
    .where('v.status', '=', 'published')
    .where('v.earning_mode', '=', 'proof_of_completion')
    .where('m.retired_at', 'is', null)
    .where('o.kind', '!=', 'recognizer')
    .orderBy('o.name')
    .orderBy('v.title')
    .limit(1000);
  if (onlyPublicId !== undefined) q = q.where('m.public_id', '=', onlyPublicId);
  return q.execute();
}

/** The approved sessions of a micro-credential an earner chooses from, by title. */
export async function approvedSessionsOf(db: Queryable, microCredentialId: number) {
  const rows = await db
    .selectFrom('ce_sessions')
    .select(['id', 'public_id', 'provider_name', 'title', 'hours'])
    .select([
      sql<string | null>`starts_on::text`.as('starts_on'),
      sql<string | null>`ends_on::text`.as('ends_on'),
    ])
    .where('micro_credential_id', '=', microCredentialId)
    .where('status', '=', 'approved')
    .orderBy('starts_on', (ob) => ob.desc().nullsLast())
    .orderBy('title')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...r,
    hours: r.hours === null ? null : Number(r.hours),
    label: sessionLabel(r),
  }));
}

/**
 * A session's invitations with how far each attendee got: `applied` when an account that has
 * the invited address confirmed applied naming this session.
 */
export async function invitationsOf(db: Queryable, sessionId: number) {
  return db
    .selectFrom('ce_session_invitations as i')
    .select(['i.public_id', 'i.name', 'i.email', 'i.state', 'i.sent_at', 'i.created_at'])
    .select(
      sql<boolean>`exists (select 1 from applications a join user_emails e on e.user_id = a.earner_user_id and e.confirmed_at is not null and lower(e.email) = lower(i.email) where a.proof_session_id = i.session_id)`.as(
        'applied',
      ),
    )
    .where('i.session_id', '=', sessionId)
    .orderBy('i.id')
    .limit(5000)
    .execute();
}

/** Stores roster rows; an address already invited to the session is left as it was. Returns the new ones. */
export async function insertInvitations(
  db: Queryable,
  rows: Array<{
    public_id: string;
    session_id: number;
    name: string;
    email: string;
    created_by: number;
    created_at: Date;
  }>,
): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db
    .insertInto('ce_session_invitations')
    .values(rows.map((r) => ({ ...r, state: 'queued' as const })))
    .onConflict((oc) => oc.expression(sql`session_id, lower(email)`).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** The invitations of a session still to be emailed, locked for the sending transaction. */
export async function queuedInvitations(db: Queryable, sessionId: number) {
  return (
    db
      .selectFrom('ce_session_invitations as i')
      .select(['i.id', 'i.name', 'i.email'])
      // The language of the account whose confirmed address this is, if any (the mail is written in it).
      .select(
        sql<
          string | null
        >`(select u.locale from user_emails e join users u on u.id = e.user_id where lower(e.email) = lower(i.email) and e.confirmed_at is not null limit 1)`.as(
          'locale',
        ),
      )
      .where('i.session_id', '=', sessionId)
      .where('i.state', '=', 'queued')
      .orderBy('i.id')
      .limit(1000)
      .forUpdate()
      .skipLocked()
      .execute()
  );
}

/** Marks invitations emailed. */
export async function markInvitationsSent(db: Queryable, ids: number[], now: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('ce_session_invitations')
    .set({ state: 'sent', sent_at: now })
    .where('id', 'in', ids)
    .execute();
}

/** Per session: how many attendees were invited, and how many of them applied naming it. */
export async function invitationCounts(db: Queryable, sessionIds: number[]) {
  if (!sessionIds.length) return new Map<number, { invited: number; applied: number }>();
  const rows = await db
    .selectFrom('ce_session_invitations as i')
    .select('i.session_id')
    .select(sql<number>`count(*)`.as('invited'))
    .select(
      sql<number>`count(*) filter (where exists (select 1 from applications a join user_emails e on e.user_id = a.earner_user_id and e.confirmed_at is not null and lower(e.email) = lower(i.email) where a.proof_session_id = i.session_id))`.as(
        'applied',
      ),
    )
    .where('i.session_id', 'in', sessionIds)
    .groupBy('i.session_id')
    .execute();
  return new Map(
    rows.map((r) => [Number(r.session_id), { invited: Number(r.invited), applied: Number(r.applied) }]),
  );
}
