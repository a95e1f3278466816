import { sql } from 'kysely';
import { cycleContaining, dayOf, dayString, progressIn, toCsv, type Progress } from '../renewal.ts';
import type { Queryable } from '../../../storage/database.ts';

/** One ledger entry as the earner and the recognizer read it. */
export interface LedgerEntryView {
  publicId: string;
  kind: 'credit' | 'reversal';
  hours: number;
  cycleStart: string;
  reason: string;
  createdAt: Date;
  postedBy: string | null;
  credentialPublicId: string;
  credentialName: string;
  issuerName: string;
  revoked: boolean;
}

async function entriesOf(db: Queryable, licenseIds: number[]) {
  if (licenseIds.length === 0) return [];
  return db
    .selectFrom('credit_entries as e')
    .innerJoin('credentials as c', 'c.id', 'e.credential_id')
    .innerJoin('organisations as i', 'i.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'e.posted_by_user_id')
    .select([
      'e.license_record_id',
      'e.public_id',
      'e.kind',
      'e.hours',
      sql<string>`e.cycle_start::text`.as('cycle_start'),
      'e.reason',
      'e.created_at',
      'u.name as posted_by',
      'c.public_id as credential_public_id',
      'c.achievement_name',
      'i.name as issuer_name',
      'c.id as credential_id',
    ])
    .where('e.license_record_id', 'in', licenseIds)
    .orderBy('e.id')
    .execute();
}

async function revokedSet(db: Queryable, credentialIds: number[]): Promise<Set<number>> {
  if (credentialIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('credential_status_events')
    .select('credential_id')
    .where('credential_id', 'in', credentialIds)
    .where('action', '=', 'revoked')
    .execute();
  return new Set(rows.map((r) => r.credential_id));
}

/** A license record with its program, the current cycle's progress and every ledger entry. */
export interface LicenseView {
  id: number;
  publicId: string;
  licenseNumber: string;
  state: 'pending' | 'confirmed' | 'rejected';
  note: string | null;
  cycleStart: string;
  createdAt: Date;
  userId: number;
  userName: string;
  program: {
    id: number;
    publicId: string;
    name: string;
    licenseName: string;
    cycleYears: number;
    hoursRequired: number;
    organisationId: number;
    organisationName: string;
    organisationSlug: string;
  };
  progress: Progress;
  entries: LedgerEntryView[];
}

function licenseQuery(db: Queryable) {
  return db
    .selectFrom('license_records as l')
    .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select([
      'l.id',
      'l.public_id',
      'l.license_number',
      'l.state',
      'l.note',
      sql<string>`l.cycle_start::text`.as('cycle_start'),
      'l.created_at',
      'l.user_id',
      'u.name as user_name',
      'p.id as program_id',
      'p.public_id as program_public_id',
      'p.name as program_name',
      'p.license_name',
      'p.cycle_years',
      'p.hours_required',
      'p.organisation_id',
      'o.name as organisation_name',
      'o.slug as organisation_slug',
    ]);
}

type LicenseRow = Awaited<ReturnType<ReturnType<typeof licenseQuery>['execute']>>[number];

async function toViews(db: Queryable, rows: LicenseRow[], now: Date): Promise<LicenseView[]> {
  const entries = await entriesOf(
    db,
    rows.map((r) => r.id),
  );
  const revoked = await revokedSet(db, [...new Set(entries.map((e) => e.credential_id))]);
  const today = dayOf(now);
  return rows.map((r) => {
    const mine = entries.filter((e) => e.license_record_id === r.id);
    const cycle = cycleContaining(dayString(r.cycle_start), r.cycle_years, today);
    return {
      id: r.id,
      publicId: r.public_id,
      licenseNumber: r.license_number,
      state: r.state,
      note: r.note,
      cycleStart: dayString(r.cycle_start),
      createdAt: r.created_at,
      userId: r.user_id,
      userName: r.user_name,
      program: {
        id: r.program_id,
        publicId: r.program_public_id,
        name: r.program_name,
        licenseName: r.license_name,
        cycleYears: r.cycle_years,
        hoursRequired: Number(r.hours_required),
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        organisationSlug: r.organisation_slug,
      },
      progress: progressIn(
        cycle,
        Number(r.hours_required),
        mine.map((e) => ({ hours: Number(e.hours), cycleStart: e.cycle_start })),
      ),
      entries: mine.map((e) => ({
        publicId: e.public_id,
        kind: e.kind,
        hours: Number(e.hours),
        cycleStart: e.cycle_start,
        reason: e.reason,
        createdAt: e.created_at,
        postedBy: e.posted_by,
        credentialPublicId: e.credential_public_id,
        credentialName: e.achievement_name,
        issuerName: e.issuer_name,
        revoked: revoked.has(e.credential_id),
      })),
    };
  });
}

/** An earner's license records with renewal progress. */
export async function earnerLicenses(db: Queryable, userId: number, now: Date): Promise<LicenseView[]> {
  return toViews(
    db,
    await licenseQuery(db).where('l.user_id', '=', userId).orderBy('o.name').orderBy('p.name').execute(),
    now,
  );
}

/** One of the earner's license records (undefined when not theirs). */
export async function licenseProgress(
  db: Queryable,
  userId: number,
  licensePublicId: string,
  now: Date,
): Promise<LicenseView | undefined> {
  const rows = await licenseQuery(db)
    .where('l.user_id', '=', userId)
    .where('l.public_id', '=', licensePublicId)
    .execute();
  return (await toViews(db, rows, now))[0];
}

/** A recognizer's license records (all programs), optionally in one state. */
export async function recognizerLicenses(
  db: Queryable,
  organisationId: number,
  now: Date,
  state?: 'pending' | 'confirmed' | 'rejected',
): Promise<LicenseView[]> {
  let q = licenseQuery(db).where('p.organisation_id', '=', organisationId);
  if (state) q = q.where('l.state', '=', state);
  return toViews(db, await q.orderBy('l.created_at', 'desc').limit(500).execute(), now);
}

export interface RosterRow {
  licensePublicId: string;
  programPublicId: string;
  programName: string;
  licenseName: string;
  licenseNumber: string;
  userName: string;
  email: string | null;
  state: string;
  cycleStart: string;
  cycleEnd: string;
  earned: number;
  required: number;
  shortfall: number;
}

/** The recognizer's roster: confirmed license holders with hours earned in their current cycle. */
export async function recognizerRoster(
  db: Queryable,
  organisationId: number,
  options: { now: Date; program?: string; shortOnly?: boolean },
): Promise<RosterRow[]> {
  let q = licenseQuery(db).where('p.organisation_id', '=', organisationId).where('l.state', '=', 'confirmed');
  if (options.program) q = q.where('p.public_id', '=', options.program);
  const views = await toViews(
    db,
    await q.orderBy('u.name').orderBy('l.license_number').execute(),
    options.now,
  );
  const emails = views.length
    ? await db
        .selectFrom('user_emails')
        .select(['user_id', 'email'])
        .where(
          'user_id',
          'in',
          views.map((v) => v.userId),
        )
        .where('is_primary', '=', true)
        .execute()
    : [];
  const rows = views.map((v) => ({
    licensePublicId: v.publicId,
    programPublicId: v.program.publicId,
    programName: v.program.name,
    licenseName: v.program.licenseName,
    licenseNumber: v.licenseNumber,
    userName: v.userName,
    email: emails.find((e) => e.user_id === v.userId)?.email ?? null,
    state: v.state,
    cycleStart: v.progress.cycle.start,
    cycleEnd: v.progress.cycle.last,
    earned: v.progress.earned,
    required: v.progress.required,
    shortfall: v.progress.shortfall,
  }));
  return options.shortOnly ? rows.filter((r) => r.shortfall > 0) : rows;
}

/** The roster as CSV (escaped; text never starts a spreadsheet formula). */
export function rosterCsv(rows: RosterRow[]): string {
  return toCsv(
    [
      'program',
      'license_name',
      'license_number',
      'name',
      'email',
      'state',
      'cycle_start',
      'cycle_end',
      'hours_earned',
      'hours_required',
      'shortfall',
    ],
    rows.map((r) => [
      r.programName,
      r.licenseName,
      r.licenseNumber,
      r.userName,
      r.email,
      r.state,
      r.cycleStart,
      r.cycleEnd,
      r.earned,
      r.required,
      r.shortfall,
    ]),
  );
}

/**
 * Completion notices (n) joined with what every view of them shows: the program (p), the
 * credential (c), its issuer (i) and the earner's license record when linked (l).
 */
export function noticesInContext(db: Queryable) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .innerJoin('organisations as i', 'i.id', 'c.organisation_id')
    .leftJoin('license_records as l', 'l.id', 'n.license_record_id');
}

/** A recognizer's completion notices in one state, newest first. */
export async function recognizerNotices(
  db: Queryable,
  organisationId: number,
  state: 'new' | 'posted' | 'dismissed',
) {
  return noticesInContext(db)
    .select([
      'n.public_id',
      'n.state',
      'n.created_at',
      'n.read_at',
      'n.webhook_state',
      'p.name as program_name',
      'c.public_id as credential_public_id',
      'c.achievement_name',
      'c.recipient_email',
      'i.name as issuer_name',
      'l.license_number',
      'l.state as license_state',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('n.state', '=', state)
    .orderBy('n.id', 'desc')
    .limit(500)
    .execute();
}

/** One notice of a recognizer, with its credential, license and ledger entries. */
export async function recognizerNotice(db: Queryable, organisationId: number, noticePublicId: string) {
  const notice = await noticesInContext(db)
    .leftJoin('users as d', 'd.id', 'n.decided_by')
    .select([
      'n.id',
      'n.public_id',
      'n.state',
      'n.document',
      'n.created_at',
      'n.read_at',
      'n.decided_at',
      'n.dismiss_reason',
      'n.hours_granted',
      'n.webhook_state',
      'n.webhook_attempts',
      'n.webhook_last_error',
      'p.name as program_name',
      'p.posting',
      'p.unit_rule',
      'p.fixed_hours',
      'c.id as credential_id',
      'c.public_id as credential_public_id',
      'c.achievement_name',
      'c.recipient_email',
      'c.valid_from',
      'i.name as issuer_name',
      'l.public_id as license_public_id',
      'l.license_number',
      'l.state as license_state',
      'd.name as decided_by_name',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('n.public_id', '=', noticePublicId)
    .executeTakeFirst();
  if (!notice) return undefined;
  const entries = await db
    .selectFrom('credit_entries')
    .select([
      'public_id',
      'kind',
      'hours',
      sql<string>`cycle_start::text`.as('cycle_start'),
      'reason',
      'created_at',
    ])
    .where('notice_id', '=', notice.id)
    .orderBy('id')
    .execute();
  const revoked = (await revokedSet(db, [notice.credential_id])).size > 0;
  return { ...notice, entries, revoked };
}

/** Open programs an earner may link a license to. */
export async function licensablePrograms(db: Queryable) {
  return db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.public_id', 'p.name', 'p.license_name', 'o.name as organisation_name'])
    .where('p.archived_at', 'is', null)
    .where('o.kind', 'in', ['recognizer', 'both'])
    .orderBy('o.name')
    .orderBy('p.name')
    .execute();
}

/** Completion notices sent for some credentials (the issuer's list shows "Completion notice sent to …"). */
export async function noticesForCredentials(db: Queryable, credentialIds: number[]) {
  if (credentialIds.length === 0) return [];
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['n.credential_id', 'n.created_at', 'o.name as recognizer_name', 'p.name as program_name'])
    .where('n.credential_id', 'in', credentialIds)
    .orderBy('n.id')
    .execute();
}
