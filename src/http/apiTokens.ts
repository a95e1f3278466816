import type { Context } from 'hono';
import { AppError } from '../domain/errors.ts';
import { hashToken } from '../domain/ids.ts';
import type { Action } from '../domain/roles.ts';
import type { OrganisationActor } from '../domain/commands.ts';
import type { Queryable } from '../storage/database.ts';
import type { AppEnv } from './env.ts';
import { requireViewer } from './middleware/session.ts';
import { commandMessage } from '../web/i18n/commandMessages.ts';

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
  'catalog:read',
  'catalog:write',
  'applications:read',
  'applications:manage',
  'payments:manage',
  'recognition:read',
  'recognition:manage',
  'recognition:submit',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Each scope in words, for the tokens page, the CLI and the API description. */
export const API_SCOPE_WORDS: Record<ApiScope, string> = {
  'credentials:read': 'List the credentials the organisation has issued.',
  'credentials:issue':
    'Issue credentials (the organisation API, the W3C VC API), record outcomes, and approve or reject proof-of-completion applications.',
  'credentials:status': 'Revoke, suspend and reinstate credentials.',
  'awards:run': 'Upload rosters and run bulk awards.',
  'audit:read': 'Read the organisation’s audit log.',
  'webhooks:manage': 'Create, change and replay the organisation’s webhooks.',
  'catalog:read': 'Read the organisation’s micro-credentials (every version) and their history.',
  'catalog:write':
    'Create, edit, publish, revise and retire micro-credentials; stacks, pathways, reviewer pools and imports.',
  'applications:read':
    'Read the organisation’s applications with their evidence, teams, calibration and the proof-of-completion queue.',
  'applications:manage': 'Ask for second reviews of reviewed submissions (calibration).',
  'payments:manage': 'Mark fee invoices paid and refund paid fees.',
  'recognition:read': 'Read recognition programs and the submissions the organisation sent or received.',
  'recognition:manage':
    'Create and change recognition programs; comment on, decide and endorse the submissions received.',
  'recognition:submit': 'Submit micro-credentials to recognizers; comment on and withdraw those submissions.',
};

/**
 * The scope that lets a token perform an organisation action (the same actions roles allow
 * people). An action missing here is never open to a token (members, keys, tokens, reviewing).
 */
export const ACTION_SCOPES: Partial<Record<Action, ApiScope>> = {
  'credentials.read': 'credentials:read',
  'credentials.issue': 'credentials:issue',
  'credentials.revoke': 'credentials:status',
  'audit.read': 'audit:read',
  'catalog.read': 'catalog:read',
  'catalog.design': 'catalog:write',
  'applications.read': 'applications:read',
  'applications.manage': 'applications:manage',
  'payments.manage': 'payments:manage',
  'recognition.read': 'recognition:read',
  'recognition.manage': 'recognition:manage',
  'recognition.submit': 'recognition:submit',
};

/** What the API description says of a route where a person acts for themselves (an earner, a reviewer). */
export const PERSONAL_ROUTE =
  'A person acting for themselves: a logged-in session only. Organisation API tokens act for an organisation, never for a person; another application reads a person’s badges through the Open Badges 3.0 API (/ims/ob/v3p0) with an OAuth token the person granted.';

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
      commandMessage('errors.http.tokenScope', { scope }),
      {},
      undefined,
      { requiredScope: scope },
    );
  }
}

/** True when a token holding these scopes may perform the action. */
export function scopesAllow(scopes: readonly string[], action: Action): boolean {
  const scope = ACTION_SCOPES[action];
  return scope !== undefined && scopes.includes(scope);
}

/** Refuses a token whose scopes do not allow the action: insufficient_scope naming the scope, or forbidden when no scope can. */
export function requireActionScope(auth: { scopes: readonly string[] }, action: Action): void {
  const scope = ACTION_SCOPES[action];
  if (!scope) throw new AppError('forbidden', commandMessage('errors.http.tokenCannot'));
  requireTokenScope(auth, scope);
}

/**
 * Who calls an organisation route of the JSON API: the organisation's API token (a bearer
 * `cairn_…` token; its scopes are checked by the command it reaches) or the logged-in person.
 * A bearer token that is not live (revoked, mistyped) is refused (401), never taken for a session.
 */
export async function apiCaller(c: Context<AppEnv>): Promise<OrganisationActor> {
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const { db, clock } = c.var.deps;
    const auth = await authenticateApiToken(db, header.slice(7).trim(), clock.now());
    if (!auth) throw new AppError('unauthenticated', commandMessage('errors.http.tokenInvalid'));
    return {
      kind: 'token',
      userId: null,
      organisationId: auth.organisationId,
      tokenPublicId: auth.tokenPublicId,
      scopes: auth.scopes,
      ip: c.var.ip,
    };
  }
  return { userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip };
}
