import type { Queryable } from '../../../storage/database.ts';

/** The organisation itself, as its export's `organisation.json` shows it. */
export async function organisationForExport(db: Queryable, organisationId: number) {
  return db
    .selectFrom('organisations')
    .select(['public_id', 'slug', 'name', 'kind', 'description', 'website', 'created_at', 'updated_at'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
}
