import type { Queryable } from '../../../storage/database.ts';

// The credentials an organisation issued, as its staff list them (the issued-credentials page and
// the JSON API), and the micro-credentials it can award.

/** The organisation's credentials, newest first (`before`: a row id, for the next page). */
export async function issuedCredentialsOf(
  db: Queryable,
  organisationId: number,
  options: { limit: number; before?: number },
) {
  let q = db
    .selectFrom('credentials')
    .select([
      'id',
      'public_id',
      'recipient_email',
      'recipient_did',
      'achievement_name',
      'achievement_id',
      'issued_at',
      'valid_until',
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.before) q = q.where('id', '<', options.before);
  return q.execute();
}

export type IssuedCredentialRow = Awaited<ReturnType<typeof issuedCredentialsOf>>[number];

/** Some of the organisation's credentials by public id (another organisation's are not found). */
export async function issuedCredentialsByPublicId(db: Queryable, organisationId: number, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('credentials')
    .select(['public_id', 'achievement_name', 'recipient_email', 'recipient_did'])
    .where('organisation_id', '=', organisationId)
    .where('public_id', 'in', ids)
    .execute();
}

/** The micro-credentials the organisation lists in the catalog (published, not retired): what it can award. */
export function awardableMicroCredentials(
  db: Queryable,
  organisationId: number,
): Promise<{ public_id: string; title: string }[]> {
  return db
    .selectFrom('catalog_entries')
    .select(['public_id', 'title'])
    .where('organisation_id', '=', organisationId)
    .orderBy('title')
    .execute();
}
