import { sql } from 'kysely';
import { publicId } from '../../../domain/ids.ts';
import type { Queryable } from '../../../storage/database.ts';

/** Reads and writes of license records: an earner's license number linked to a recognizer's program. */

/** The earner's license record in a program, if they linked one. */
export async function licenseRecordFor(db: Queryable, programId: number, userId: number) {
  return db
    .selectFrom('license_records')
    .select(['id', 'public_id', 'state'])
    .where('program_id', '=', programId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * A license record locked for posting credit to it (NO KEY UPDATE: the notice and entry rows'
 * foreign keys only take KEY SHARE on it) so two notices posting at once add up under the cap.
 */
export async function lockLicenseForPosting(db: Queryable, licenseId: number) {
  return db
    .selectFrom('license_records')
    .select(['id', 'public_id', 'state', 'cycle_start', 'license_number', 'user_id'])
    .where('id', '=', licenseId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** A recognizer's license record with its program's posting rule, locked for an officer's decision. */
export async function lockLicenseForDecision(db: Queryable, organisationId: number, licensePublicId: string) {
  return db
    .selectFrom('license_records as l')
    .innerJoin('recognition_programs as p', 'p.id', 'l.program_id')
    .select([
      'l.id',
      'l.public_id',
      'l.state',
      'l.user_id',
      'l.program_id',
      'l.license_number',
      'p.posting',
      'p.name as program_name',
    ])
    .where('l.public_id', '=', licensePublicId)
    .where('p.organisation_id', '=', organisationId)
    .forUpdate('l')
    .executeTakeFirst();
}

/** Records an officer's decision on a license link (a confirmation may correct the cycle start). */
export async function decideLicenseRecord(
  db: Queryable,
  licenseId: number,
  decision: { state: 'confirmed' | 'rejected'; by: number; note: string | null; cycleStart?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('license_records')
    .set({
      state: decision.state,
      confirmed_by: decision.by,
      decided_at: now,
      note: decision.note,
      updated_at: now,
      ...(decision.cycleStart ? { cycle_start: decision.cycleStart } : {}),
    })
    .where('id', '=', licenseId)
    .execute();
}

/** The program's new notices that waited for this license: linked to it, or sent to one of the earner's confirmed emails. */
export async function noticesWaitingForLicense(
  db: Queryable,
  license: { id: number; program_id: number; user_id: number },
) {
  return db
    .selectFrom('completion_notices as n')
    .innerJoin('credentials as c', 'c.id', 'n.credential_id')
    .select(['n.id'])
    .where('n.program_id', '=', license.program_id)
    .where('n.state', '=', 'new')
    .where((eb) =>
      eb.or([
        eb('n.license_record_id', '=', license.id),
        eb(
          sql<string>`lower(c.recipient_email)`,
          'in',
          eb
            .selectFrom('user_emails')
            .select('email')
            .where('user_id', '=', license.user_id)
            .where('confirmed_at', 'is not', null),
        ),
      ]),
    )
    .orderBy('n.id')
    .execute();
}

/** Attaches a notice to the license it credits. */
export async function attachNoticeToLicense(
  db: Queryable,
  noticeId: number,
  licenseId: number,
): Promise<void> {
  await db
    .updateTable('completion_notices')
    .set({ license_record_id: licenseId })
    .where('id', '=', noticeId)
    .execute();
}

/** An open program of a recognizer that accepts license links. */
export async function programForLinking(db: Queryable, programPublicId: string) {
  return db
    .selectFrom('recognition_programs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.public_id', 'p.organisation_id', 'p.name'])
    .where('p.public_id', '=', programPublicId)
    .where('p.archived_at', 'is', null)
    .where('o.kind', 'in', ['recognizer', 'both'])
    .executeTakeFirst();
}

export interface LicenseLink {
  licenseNumber: string;
  cycleStart: string;
}

/** Links a license anew (pending), or corrects a rejected link back to pending; returns its public id. */
export async function saveLicenseLink(
  db: Queryable,
  existing: { id: number; public_id: string } | undefined,
  link: LicenseLink & { programId: number; userId: number },
  now: Date,
): Promise<string> {
  if (existing) {
    await db
      .updateTable('license_records')
      .set({
        license_number: link.licenseNumber,
        cycle_start: link.cycleStart,
        state: 'pending',
        confirmed_by: null,
        decided_at: null,
        note: null,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    return existing.public_id;
  }
  const row = await db
    .insertInto('license_records')
    .values({
      public_id: publicId('lic'),
      program_id: link.programId,
      user_id: link.userId,
      license_number: link.licenseNumber,
      state: 'pending',
      cycle_start: link.cycleStart,
      created_at: now,
      updated_at: now,
    })
    .returning('public_id')
    .executeTakeFirstOrThrow();
  return row.public_id;
}

/** The credentials credited to a license, by public id, oldest first, with the pathway each completes. */
export async function transcriptCredentials(db: Queryable, credentialPublicIds: string[]) {
  return db
    .selectFrom('credentials as c')
    .leftJoin('micro_credentials as m', 'm.id', 'c.micro_credential_id')
    .leftJoin('pathways as p', 'p.id', 'c.pathway_id')
    .select([
      'c.id',
      'c.public_id',
      'c.document',
      'c.recipient_email',
      'c.pathway_id',
      'm.public_id as mc_public_id',
      'p.requirement',
    ])
    .where('c.public_id', 'in', credentialPublicIds)
    .orderBy('c.issued_at')
    .orderBy('c.id')
    .execute();
}

/** The recognizer that signs a transcript: what the issuer identity needs. */
export async function transcriptSigner(db: Queryable, organisationId: number) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'website'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}
