import { sql } from 'kysely';
import { publicId } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';

/** Reads and writes of posting credit: completion notices and the credit entries they become. */

/** A credential with its issuer's name, for the completion notices it sends. */
export async function credentialForNotices(db: Queryable, credentialId: number) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.public_id',
      'c.document',
      'c.recipient_email',
      'c.issued_at',
      'c.micro_credential_id',
      'c.micro_credential_version',
      'c.pathway_id',
      'c.organisation_id',
      'c.achievement_name',
      'o.name as issuer_name',
    ])
    .where('c.id', '=', credentialId)
    .executeTakeFirst();
}

/** What deciding whether credentials are recognized needs: what they are for, when and by whom issued. */
export async function credentialsForRecognition(db: Queryable, credentialIds: number[]) {
  if (credentialIds.length === 0) return [];
  return db
    .selectFrom('credentials')
    .select([
      'id',
      'micro_credential_id',
      'micro_credential_version',
      'pathway_id',
      'issued_at',
      'organisation_id',
    ])
    .where('id', 'in', credentialIds)
    .orderBy('id')
    .execute();
}

/** How a program posts credit: automatically or after an officer's review. */
export async function programPosting(db: Queryable, programId: number) {
  const program = await db
    .selectFrom('recognition_programs')
    .select('posting')
    .where('id', '=', programId)
    .executeTakeFirstOrThrow();
  return program.posting;
}

/** Inserts a completion notice, once per program and credential: undefined when it already exists. */
export async function insertCompletionNotice(
  db: Queryable,
  notice: {
    programId: number;
    credentialId: number;
    submissionId: number;
    licenseRecordId: number | null;
    document: string;
    hoursGranted: number;
  },
  now: Date,
) {
  return db
    .insertInto('completion_notices')
    .values({
      public_id: publicId('notice'),
      program_id: notice.programId,
      credential_id: notice.credentialId,
      submission_id: notice.submissionId,
      license_record_id: notice.licenseRecordId,
      document: notice.document,
      hours_granted: notice.hoursGranted,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['program_id', 'credential_id']).doNothing())
    .returning(['id', 'public_id'])
    .executeTakeFirst();
}

/** A notice with its program's rules and its credential, locked for posting. */
export async function lockNoticeForPosting(db: Queryable, noticeId: number) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .select([
      'n.id',
      'n.public_id',
      'n.state',
      'n.license_record_id',
      'n.hours_granted',
      'n.credential_id',
      'n.program_id',
      'p.unit_rule',
      'p.fixed_hours',
      'p.cap_hours_per_cycle',
      'p.cycle_years',
      'p.organisation_id',
      'p.public_id as program_public_id',
      'c.public_id as credential_public_id',
      'c.document',
      'c.issued_at',
      'c.recipient_email',
    ])
    .where('n.id', '=', noticeId)
    .forUpdate('n')
    .executeTakeFirst();
}

/**
 * Shares the credential's row lock with a revocation (changeCredentialStatus locks it for
 * update): either the revocation sees this credit and reverses it, or this sees the revocation.
 */
export async function shareCredentialLock(db: Queryable, credentialId: number): Promise<void> {
  await db.selectFrom('credentials').select('id').where('id', '=', credentialId).forShare().execute();
}

/** The hours already credited to a license in one cycle. */
export async function hoursInCycle(db: Queryable, licenseId: number, cycleStart: string): Promise<number> {
  const sum = await db
    .selectFrom('credit_entries')
    .select(sql<number>`coalesce(sum(hours), 0)`.as('total'))
    .where('license_record_id', '=', licenseId)
    .where('cycle_start', '=', cycleStart)
    .executeTakeFirstOrThrow();
  return Number(sum.total);
}

/** Inserts a credit entry, once per license and credential: undefined when it already exists. */
export async function insertCreditEntry(
  db: Queryable,
  entry: {
    licenseId: number;
    programId: number;
    credentialId: number;
    noticeId: number;
    hours: number;
    cycleStart: string;
    postedBy: number | null;
    reason: string;
  },
  now: Date,
) {
  return db
    .insertInto('credit_entries')
    .values({
      public_id: publicId('cre'),
      license_record_id: entry.licenseId,
      program_id: entry.programId,
      credential_id: entry.credentialId,
      notice_id: entry.noticeId,
      hours: entry.hours,
      cycle_start: entry.cycleStart,
      kind: 'credit',
      posted_by_user_id: entry.postedBy,
      reason: entry.reason,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['license_record_id', 'credential_id']).where('kind', '=', 'credit').doNothing(),
    )
    .returning('public_id')
    .executeTakeFirst();
}

/** Marks a notice posted to a license. */
export async function markNoticePosted(
  db: Queryable,
  noticeId: number,
  licenseId: number,
  by: number | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('completion_notices')
    .set({ state: 'posted', license_record_id: licenseId, decided_at: now, decided_by: by })
    .where('id', '=', noticeId)
    .execute();
}
