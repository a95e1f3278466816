import type { Insertable } from 'kysely';
import type { Queryable } from '../../../storage/database.ts';
import type { ImportedCredentialsTable, ImportedStatus } from '../../../storage/schema.ts';
import { reportFormat } from '../importedFiles.ts';

/** The earner's imported badges, newest first (without the stored originals). */
export async function importedBadgesOf(db: Queryable, userId: number) {
  const rows = await db
    .selectFrom('imported_credentials')
    .select([
      'id',
      'public_id',
      'format',
      'source_url',
      'verified',
      'status',
      'failure_reason',
      'checked_at',
      'name',
      'issuer_name',
      'image_url',
      'issued_on',
      'created_at',
      'report',
    ])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(({ report, ...r }) => ({ ...r, report_format: reportFormat(report) }));
}

export type ImportedBadgeSummary = Awaited<ReturnType<typeof importedBadgesOf>>[number];

/** One imported badge of this earner with its original, or undefined (also for everyone else's). */
export async function importedBadgeOf(db: Queryable, userId: number, importedPublicId: string) {
  return db
    .selectFrom('imported_credentials')
    .selectAll()
    .where('public_id', '=', importedPublicId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** An imported badge served through a shared collection's link: only one that is in that collection. */
export async function sharedImportedBadge(
  db: Queryable,
  collection: { id: number; user_id: number },
  importedPublicId: string,
) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('imported_credentials as ic', 'ic.id', 'ci.imported_credential_id')
    .selectAll('ic')
    .where('ci.collection_id', '=', collection.id)
    .where('ic.user_id', '=', collection.user_id)
    .where('ic.public_id', '=', importedPublicId)
    .executeTakeFirst();
}

/** The stored originals and reports of some imported badges, in one query. */
export async function importedOriginals(
  db: Queryable,
  ids: number[],
): Promise<
  Map<
    number,
    {
      id: number;
      format: string;
      original_text: string | null;
      original_bytes: Uint8Array | null;
      report: string;
    }
  >
> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('imported_credentials')
    .select(['id', 'format', 'original_text', 'original_bytes', 'report'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whether the earner already holds a badge with these exact bytes. */
export async function importedBadgeWithHash(db: Queryable, userId: number, sha256: string) {
  return db
    .selectFrom('imported_credentials')
    .select('public_id')
    .where('user_id', '=', userId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertImportedBadge(
  db: Queryable,
  row: Insertable<ImportedCredentialsTable>,
): Promise<void> {
  await db.insertInto('imported_credentials').values(row).execute();
}

/** Keeps a new verdict for an imported badge. */
export async function saveImportedVerdict(
  db: Queryable,
  id: number,
  verdict: { verified: boolean; status: ImportedStatus; reason: string | null; report: string; now: Date },
): Promise<void> {
  await db
    .updateTable('imported_credentials')
    .set({
      verified: verdict.verified,
      status: verdict.status,
      failure_reason: verdict.reason,
      report: verdict.report,
      checked_at: verdict.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteImportedBadge(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom('imported_credentials').where('id', '=', id).execute();
}
