import { AppError } from '../domain/errors.ts';
import { hashToken } from '../domain/ids.ts';
import type { Queryable } from '../storage/database.ts';

/** API tokens as the http kit sees them: what a bearer token may do, and who it acts for. Made and revoked by features/accounts. */
export const TOKEN_PREFIX = 'cairn_';

/**
 * What an organisation API token may do, chosen when it is made. Each API route that takes tokens
 * names the one scope it needs (see its description in the OpenAPI document, `x-cairn-scope`).
 */
export const API_SCOPES = [
  'credentials:read',
  'credentials:issue',
  'credentials:status',
  'awards:run',
  'audit:read',
  'webhooks:manage',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Each scope in words, for the tokens page, the CLI and the API description. */
export const API_SCOPE_WORDS: Record<ApiScope, string> = {
  'credentials:read': 'List the credentials the organisation has issued.',
  'credentials:issue': 'Issue credentials (the organisation API and the W3C VC API).',
  'credentials:status': 'Revoke, suspend and reinstate credentials.',
  'awards:run': 'Upload rosters and run bulk awards.',
  'audit:read': 'Read the organisation’s audit log.',
  'webhooks:manage': 'Create, change and replay the organisation’s webhooks.',
};

/** The organisation a bearer token acts for and what it may do, if the token is live. */
export async function authenticateApiToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ organisationId: number; tokenPublicId: string; scopes: string[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'organisation_id', 'public_id', 'last_used_at', 'scopes'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000)
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return { organisationId: row.organisation_id, tokenPublicId: row.public_id, scopes: row.scopes };
}

/** Refuses a token that lacks the scope a route needs (403 insufficient_scope, naming it). */
export function requireTokenScope(auth: { scopes: readonly string[] }, scope: ApiScope): void {
  if (!auth.scopes.includes(scope)) {
    throw new AppError(
      'insufficient_scope',
      `This API token may not do that: it needs the “${scope}” scope. Create a token with that scope on the organisation’s API tokens page.`,
      {},
      undefined,
      { requiredScope: scope },
    );
  }
}
