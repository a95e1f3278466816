import type { Queryable } from '../../../storage/database.ts';

/** Reads and writes of the daily digest of completion notices to recognition officers. */

/** Programs that ask for a digest and have notices no digest listed yet. */
export async function programsWithUndigestedNotices(db: Queryable) {
  return db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.name', 'p.organisation_id', 'o.name as organisation_name', 'o.slug'])
    .where('p.digest_email', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('completion_notices as n')
          .select('n.id')
          .whereRef('n.program_id', '=', 'p.id')
          .where('n.state', '=', 'new')
          .where('n.digest_sent_at', 'is', null),
      ),
    )
    .execute();
}

/** A program's new notices no digest listed yet, locked (a busy row is left for the next digest). */
export async function lockUndigestedNotices(db: Queryable, programId: number) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .innerJoin('organisations as i', 'i.id', 'c.organisation_id')
    .leftJoin('license_records as l', 'l.id', 'n.license_record_id')
    .select([
      'n.id',
      'c.recipient_email',
      'c.achievement_name',
      'i.name as issuer_name',
      'l.state as license_state',
    ])
    .where('n.program_id', '=', programId)
    .where('n.state', '=', 'new')
    .where('n.digest_sent_at', 'is', null)
    .orderBy('n.id')
    .forUpdate('n')
    .skipLocked()
    .execute();
}

/**
 * The confirmed primary addresses of an organisation's recognition officers (and its admins and
 * owners), each with the language its person saved (null when none).
 */
export async function recognitionOfficerAddresses(
  db: Queryable,
  organisationId: number,
): Promise<Array<{ email: string; locale: string | null }>> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('user_emails as e', 'e.user_id', 'm.user_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['e.email', 'u.locale'])
    .where('m.organisation_id', '=', organisationId)
    .where('e.is_primary', '=', true)
    .where('e.confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb(eb.val('recognition_officer'), '=', eb.fn.any('m.roles')),
        eb(eb.val('admin'), '=', eb.fn.any('m.roles')),
        eb(eb.val('owner'), '=', eb.fn.any('m.roles')),
      ]),
    )
    .execute();
}

/** Marks notices as listed in a digest. */
export async function markNoticesDigested(db: Queryable, noticeIds: number[], now: Date): Promise<void> {
  if (noticeIds.length === 0) return;
  await db
    .updateTable('completion_notices')
    .set({ digest_sent_at: now })
    .where('id', 'in', noticeIds)
    .execute();
}
