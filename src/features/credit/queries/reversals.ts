import { publicId } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';
import { dayString } from '../renewal.ts';

/** Reads and writes of reversing credit when the issuer revokes a credential. */

/** What a credential's reversal job needs to know: whether it could have earned credit at all. */
export async function credentialForReversal(db: Queryable, credentialId: number) {
  return db
    .selectFrom('credentials')
    .select(['micro_credential_id', 'pathway_id', 'organisation_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
}

/** The credit entries of a credential that no reversal answers yet. */
export async function unreversedCredit(db: Queryable, credentialId: number) {
  return db
    .selectFrom('credit_entries as e')
    .innerJoin('recognition_programs as p', 'p.id', 'e.program_id')
    .innerJoin('credentials as c', 'c.id', 'e.credential_id')
    .leftJoin('credit_entries as r', 'r.reverses_entry_id', 'e.id')
    .select([
      'e.id',
      'e.public_id',
      'e.license_record_id',
      'e.program_id',
      'e.credential_id',
      'e.notice_id',
      'e.hours',
      'e.cycle_start',
      'p.organisation_id',
      'c.public_id as credential_public_id',
    ])
    .where('e.credential_id', '=', credentialId)
    .where('e.kind', '=', 'credit')
    .where('r.id', 'is', null)
    .execute();
}

export type UnreversedEntry = Awaited<ReturnType<typeof unreversedCredit>>[number];

/** Appends the reversal of one credit entry (negative hours, same cycle); returns its public id. */
export async function insertReversal(
  db: Queryable,
  entry: UnreversedEntry,
  reason: string,
  now: Date,
): Promise<string> {
  const reversal = await db
    .insertInto('credit_entries')
    .values({
      public_id: publicId('cre'),
      license_record_id: entry.license_record_id,
      program_id: entry.program_id,
      credential_id: entry.credential_id,
      notice_id: entry.notice_id,
      hours: -Number(entry.hours),
      cycle_start: dayString(entry.cycle_start),
      kind: 'reversal',
      reverses_entry_id: entry.id,
      posted_by_user_id: null,
      reason,
      created_at: now,
    })
    .returning('public_id')
    .executeTakeFirstOrThrow();
  return reversal.public_id;
}
