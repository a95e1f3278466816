import { sql } from 'kysely';
import type { Queryable } from '../../storage/database.ts';
import type { ApplicationStatus } from '../../storage/schema.ts';
import { earnerLicenses, recognizerRoster } from '../credit/index.ts';
import { earningStats } from '../earning/index.ts';
import { pendingClaimsFor } from '../issuing/index.ts';
import { pathwayProgress } from '../catalog/index.ts';

/** Every read the home page makes; the loader turns them into a view model, the view never queries. */

const OPEN: ApplicationStatus[] = ['in_progress', 'submitted', 'in_review', 'needs_revision'];

/** The earner's open applications, the soonest deadline first. */
export function openApplications(db: Queryable, userId: number) {
  return db
    .selectFrom('applications as p')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.public_id',
      'p.status',
      'p.deadline_at',
      'p.attempts',
      'v.title',
      'o.name as organisation_name',
    ])
    .where('p.earner_user_id', '=', userId)
    .where('p.status', 'in', OPEN)
    .orderBy('p.deadline_at')
    .orderBy('p.id')
    .limit(50)
    .execute();
}

export async function hasAnyApplication(db: Queryable, userId: number): Promise<boolean> {
  return (
    (await db
      .selectFrom('applications')
      .select('id')
      .where('earner_user_id', '=', userId)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

export const badgesToAccept = pendingClaimsFor;
export const licensesOf = earnerLicenses;

export async function pathwaysOf(db: Queryable, userId: number) {
  const emails = await db
    .selectFrom('user_emails')
    .select('email')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .execute();
  return pathwayProgress(
    db,
    emails.map((e) => e.email),
  );
}

/** Submissions assigned to the reviewer and not yet decided, oldest first, with when they were assigned. */
export function assignedReviews(db: Queryable, reviewerUserId: number) {
  return db
    .selectFrom('attempts as a')
    .innerJoin('applications as p', 'p.id', 'a.application_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'p.version_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'a.public_id',
      'a.number',
      'a.submitted_at',
      'a.assigned_at',
      'v.title',
      'o.name as organisation_name',
    ])
    .where('a.reviewer_user_id', '=', reviewerUserId)
    .where('a.decision', 'is', null)
    .orderBy('a.assigned_at')
    .orderBy('a.id')
    .limit(50)
    .execute();
}

/** What an issuer's staff have waiting, as counts (one query). */
export async function issuerCounts(db: Queryable, organisationId: number) {
  const row = await db
    .selectNoFrom([
      sql<string>`(select count(*) from applications p join micro_credential_versions v on v.id = p.version_id
        where p.organisation_id = ${organisationId} and p.status in ('submitted', 'in_review') and v.earning_mode <> 'proof_of_completion')`.as(
        'reviews_waiting',
      ),
      sql<string>`(select count(*) from attempts a join applications p on p.id = a.application_id
        where p.organisation_id = ${organisationId} and a.decision is null and a.reviewer_user_id is null and p.status in ('submitted', 'in_review')
          and not exists (select 1 from micro_credential_versions v where v.id = p.version_id and v.earning_mode = 'proof_of_completion'))`.as(
        'unassigned',
      ),
      sql<string>`(select count(*) from applications p join micro_credential_versions v on v.id = p.version_id
        where p.organisation_id = ${organisationId} and p.status in ('submitted', 'in_review') and v.earning_mode = 'proof_of_completion')`.as(
        'certificates',
      ),
      sql<string>`(select count(*) from payments y where y.organisation_id = ${organisationId} and y.state = 'pending')`.as(
        'unpaid',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    reviewsWaiting: Number(row.reviews_waiting),
    unassigned: Number(row.unassigned),
    certificates: Number(row.certificates),
    unpaid: Number(row.unpaid),
  };
}

/** Bulk award runs not finished yet. */
export function runsInProgress(db: Queryable, organisationId: number) {
  return db
    .selectFrom('award_runs as r')
    .innerJoin('micro_credentials as m', 'm.id', 'r.micro_credential_id')
    .select([
      'r.public_id',
      'r.file_name',
      'r.state',
      'r.total_rows',
      'r.issued_rows',
      'm.public_id as micro_credential',
    ])
    .where('r.organisation_id', '=', organisationId)
    .where('r.state', 'in', ['uploaded', 'checking', 'dry_run', 'queued', 'running'])
    .orderBy('r.id', 'desc')
    .limit(10)
    .execute();
}

export const passRates = earningStats;

/** What a recognizer's officers have waiting, as counts (one query). */
export async function recognizerCounts(db: Queryable, organisationId: number) {
  const row = await db
    .selectNoFrom([
      sql<string>`(select count(*) from program_submissions s join recognition_programs p on p.id = s.program_id
        where p.organisation_id = ${organisationId} and s.status = 'submitted')`.as('approvals'),
      sql<string>`(select count(*) from completion_notices n join recognition_programs p on p.id = n.program_id
        where p.organisation_id = ${organisationId} and n.state = 'new')`.as('notices'),
      sql<string>`(select count(*) from license_records l join recognition_programs p on p.id = l.program_id
        where p.organisation_id = ${organisationId} and l.state = 'pending')`.as('licenses'),
    ])
    .executeTakeFirstOrThrow();
  return { approvals: Number(row.approvals), notices: Number(row.notices), licenses: Number(row.licenses) };
}

/** Confirmed license holders short of their hours this cycle. */
export async function rosterShortfalls(db: Queryable, organisationId: number, now: Date) {
  return recognizerRoster(db, organisationId, { now, shortOnly: true });
}
