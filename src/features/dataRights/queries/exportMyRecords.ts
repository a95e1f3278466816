import type { Queryable } from '../../../storage/database.ts';

// Reads for the personal data export (commands/exportMyData.ts): licenses, ledger, activity, mail.

/** The licenses a person linked, and the credit entries posted to them. */
export async function licensesAndLedgerOf(db: Queryable, userId: number) {
  const licenses = await db
    .selectFrom('license_records as l')
    .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'l.id',
      'l.public_id',
      'l.license_number',
      'l.state',
      'l.note',
      'l.cycle_start',
      'l.decided_at',
      'l.created_at',
      'p.name as program',
      'o.name as recognizer',
    ])
    .where('l.user_id', '=', userId)
    .orderBy('l.id')
    .execute();
  const ledger = licenses.length
    ? await db
        .selectFrom('credit_entries as e')
        .innerJoin('license_records as l', 'l.id', 'e.license_record_id')
        .innerJoin('credentials as c', 'c.id', 'e.credential_id')
        .select([
          'e.public_id',
          'l.public_id as license',
          'c.public_id as credential',
          'e.hours',
          'e.cycle_start',
          'e.kind',
          'e.reason',
          'e.created_at',
        ])
        .where(
          'e.license_record_id',
          'in',
          licenses.map((l) => l.id),
        )
        .orderBy('e.id')
        .execute()
    : [];
  return { licenses, ledger };
}

/** What a person did, as recorded in the audit log. */
export async function auditOf(db: Queryable, userId: number) {
  return db
    .selectFrom('audit_events')
    .select(['action', 'subject_type', 'subject_id', 'data', 'ip', 'created_at'])
    .where('actor_user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Mail sent or queued to these addresses (subjects only). */
export async function mailTo(db: Queryable, addresses: string[]) {
  if (!addresses.length) return [];
  return db
    .selectFrom('mail_outbox')
    .select(['template', 'to_address', 'subject', 'status', 'created_at', 'sent_at'])
    .where('to_address', 'in', addresses)
    .orderBy('id')
    .execute();
}
