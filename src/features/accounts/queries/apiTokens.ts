import type { Queryable } from '../../../storage/database.ts';

/** An organisation's API tokens, newest first (hashes stay in the database). */
export async function listApiTokens(db: Queryable, organisationId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['public_id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('id', 'desc')
    .execute();
}
