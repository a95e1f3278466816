import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { AppError, conflict } from '../domain/errors.ts';
import { hashToken, publicId } from '../domain/ids.ts';
import { parseInput } from '../domain/validation.ts';
import { inTransaction, type Queryable } from '../storage/database.ts';
import { recordAudit } from '../storage/audit.ts';
import type { CommandDeps } from './context.ts';

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

/** Scopes from a form (checkboxes), JSON (an array) or the CLI (“a,b”); absent = every scope. */
export const scopesInput = z
  .preprocess(
    (v) =>
      v === undefined
        ? [...API_SCOPES]
        : typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
    z
      .array(z.enum(API_SCOPES, { message: `Unknown scope. Choose from ${API_SCOPES.join(', ')}.` }))
      .min(1, 'Choose at least one thing the token may do.'),
  )
  .transform((scopes) => API_SCOPES.filter((s) => scopes.includes(s)));

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, 'Name the token, e.g. “LMS integration”.').max(100),
  scopes: scopesInput,
});

/** Creates an organisation API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  actor: { organisationId: number; userId: number | null; ip: string | null },
  input: unknown,
): Promise<{ publicId: string; token: string; scopes: ApiScope[] }> {
  const { name, scopes } = parseInput(createApiTokenInput, input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const row = await tx
      .insertInto('api_tokens')
      .values({
        public_id: publicId('tok'),
        organisation_id: actor.organisationId,
        name,
        token_hash: hashToken(token),
        created_by: actor.userId,
        created_at: now,
        scopes,
      })
      .returning('public_id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'api_token.created',
        subjectType: 'api_token',
        subjectId: row.public_id,
        data: { name, scopes },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: row.public_id, token, scopes };
  });
}

/** Revokes a token of the organisation. */
export async function revokeApiToken(
  deps: Pick<CommandDeps, 'db' | 'clock'>,
  actor: { organisationId: number; userId: number | null; ip: string | null },
  tokenPublicId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const r = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('organisation_id', '=', actor.organisationId)
      .where('public_id', '=', tokenPublicId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw conflict('That token is already revoked or does not exist.');
    await recordAudit(
      tx,
      {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'api_token.revoked',
        subjectType: 'api_token',
        subjectId: tokenPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}

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
