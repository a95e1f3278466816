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

/** The organisation's credentials of a micro-credential's published version sent to an address (newest first). */
export function awardsOfPublishedVersion(
  db: Queryable,
  organisationId: number,
  email: string,
  microCredentialPublicId: string,
) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('micro_credentials as m', 'm.id', 'c.micro_credential_id')
    .innerJoin('micro_credential_versions as v', (j) =>
      j.onRef('v.micro_credential_id', '=', 'm.id').on('v.status', '=', 'published'),
    )
    .select(['c.id', 'c.public_id', 'c.issued_at', 'c.valid_until', 'v.version', 'v.title'])
    .where('c.organisation_id', '=', organisationId)
    .where('m.public_id', '=', microCredentialPublicId)
    .whereRef('c.micro_credential_version', '=', 'v.version')
    .where((eb) => eb(eb.fn('lower', ['c.recipient_email']), '=', email.trim().toLowerCase()))
    .orderBy('c.id', 'desc')
    .execute();
}

/** A document this organisation issued, by the badge's public id (relatedResource digests). */
export async function issuedDocument(
  db: Queryable,
  organisationId: number,
  credentialPublicId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select('document')
    .where('public_id', '=', credentialPublicId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.document;
}

/** A badge image served here (by its public id), for relatedResource digests. */
export function badgeImageFiles(db: Queryable, imagePublicId: string) {
  return db
    .selectFrom('badge_images')
    .select(['png', 'svg'])
    .where('public_id', '=', imagePublicId)
    .executeTakeFirst();
}
