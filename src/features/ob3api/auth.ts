import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { Ob3ApiError } from '../../http/imsx.ts';
import { apiResource, oauthProvider } from './provider.ts';
import { userByPublicId } from './queries.ts';
import type { Ob3Scope } from './scopes.ts';

/** Who an API request acts for: the user who authorized the client, and the client. */
export interface ApiCaller {
  userId: number;
  userPublicId: string;
  clientId: string;
  scopes: Set<string>;
}

/**
 * Checks the request's bearer access token with the authorization server (an opaque token, looked
 * up in the database on every request, so revocation and expiry apply at once) and that it grants
 * the scope this endpoint needs: 401 without a valid token, 403 when the scope is missing.
 */
export async function requireScope(c: Context<AppEnv>, scope: Ob3Scope): Promise<ApiCaller> {
  const deps = c.var.deps;
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  if (!match)
    throw new Ob3ApiError(
      401,
      'unauthorizedrequest',
      'This endpoint needs an OAuth 2.0 access token (Authorization: Bearer …).',
      'Bearer realm="Cairn"',
    );
  const provider = await oauthProvider(deps);
  const token = await provider.AccessToken.find(match[1]!);
  const audiences = [token?.aud].flat();
  if (!token || token.isExpired || !token.accountId || !audiences.includes(apiResource(deps))) {
    throw new Ob3ApiError(
      401,
      'unauthorizedrequest',
      'The access token is not valid: it may have expired or been revoked.',
      'Bearer realm="Cairn", error="invalid_token"',
    );
  }
  if (!token.scopes.has(scope)) {
    throw new Ob3ApiError(
      403,
      'forbidden',
      `The access token does not grant the scope this needs (${scope}).`,
      `Bearer realm="Cairn", error="insufficient_scope", scope="${scope}"`,
    );
  }
  const user = await userByPublicId(deps.db, token.accountId);
  if (!user)
    throw new Ob3ApiError(
      401,
      'unauthorizedrequest',
      'The account this access token was issued for no longer exists.',
      'Bearer realm="Cairn", error="invalid_token"',
    );
  return { userId: user.id, userPublicId: user.public_id, clientId: token.clientId, scopes: token.scopes };
}
