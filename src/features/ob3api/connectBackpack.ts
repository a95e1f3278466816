import * as oauth from 'openid-client';
import { z } from 'zod';
import type { Actor } from '../../domain/commands.ts';
import type { BackpackDeps } from '../backpack/index.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { publicId } from '../../domain/ids.ts';
import { recordAudit } from '../../storage/audit.ts';
import { checkOutboundUrl, outboundFetch, type OutboundPolicy } from './outbound.ts';
import {
  connectionByPublicId,
  connectionByState,
  deleteConnection,
  insertConnection,
  storeTokens,
  type ConnectionRow,
} from './queries.ts';
import { API_PATH, SCOPES } from './scopes.ts';
import { ob3Message, type Ob3Message } from './messages.ts';

/** Where the other host sends the browser back after the earner decides. */
export const CALLBACK_PATH = '/backpack/connections/callback';
/** What Cairn asks another host for: read the earner's badges and profile, and add badges. */
export const REQUESTED_SCOPE = [SCOPES.credentialRead, SCOPES.credentialUpsert, SCOPES.profileRead].join(' ');

const policyOf = (deps: BackpackDeps): OutboundPolicy => ({ allowPrivate: deps.config.ob3AllowPrivate });

const serviceDescription = z.object({
  info: z.object({ title: z.string().min(1).max(200) }).loose(),
  servers: z.array(z.object({ url: z.string() }).loose()).optional(),
  components: z
    .object({
      securitySchemes: z
        .object({
          OAuth2ACG: z
            .object({
              'x-imssf-registrationUrl': z.string(),
              flows: z
                .object({
                  authorizationCode: z
                    .object({
                      authorizationUrl: z.string(),
                      tokenUrl: z.string(),
                      refreshUrl: z.string().optional(),
                    })
                    .loose(),
                })
                .loose(),
            })
            .loose(),
        })
        .loose(),
    })
    .loose(),
});

const hostProblem = (host: string, key: Ob3Message, values: Record<string, string> = {}) => {
  const message = ob3Message(key, { host, ...values });
  return new AppError('validation_failed', message, { url: message });
};

async function readJson(
  res: Response,
  host: string,
  notJson: 'descriptionNotJson' | 'registrationNotJson',
): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw hostProblem(host, notJson);
  }
}

/** The openid-client configuration for one connection. */
export function clientConfiguration(
  deps: BackpackDeps,
  row: Pick<
    ConnectionRow,
    'issuer' | 'authorization_url' | 'token_url' | 'revocation_url' | 'client_id' | 'sealed_client_secret'
  >,
): oauth.Configuration {
  const secret = row.sealed_client_secret
    ? Buffer.from(deps.credentials.vault.open(row.sealed_client_secret)).toString('utf8')
    : undefined;
  const config = new oauth.Configuration(
    {
      issuer: row.issuer,
      authorization_endpoint: row.authorization_url,
      token_endpoint: row.token_url,
      ...(row.revocation_url ? { revocation_endpoint: row.revocation_url } : {}),
    },
    row.client_id,
    { client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' },
    oauth.ClientSecretBasic(secret),
  );
  config[oauth.customFetch] = outboundFetch(policyOf(deps)) as oauth.CustomFetch;
  if (deps.config.ob3AllowPrivate) oauth.allowInsecureRequests(config);
  return config;
}

/** Reads the host's authorization server metadata (RFC 8414, or OpenID discovery) when it offers it. */
async function authorizationServerMetadata(
  fetcher: ReturnType<typeof outboundFetch>,
  base: URL,
  tokenUrl: string,
): Promise<{ issuer: string; revocation: string | null }> {
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    try {
      const res = await fetcher(new URL(path, base), { headers: { accept: 'application/json' } });
      if (!res.ok) continue;
      const meta = (await res.json()) as Record<string, unknown>;
      if (typeof meta.issuer === 'string' && meta.token_endpoint === tokenUrl)
        return {
          issuer: meta.issuer,
          revocation: typeof meta.revocation_endpoint === 'string' ? meta.revocation_endpoint : null,
        };
    } catch {
      // No metadata there: the service description alone is enough.
    }
  }
  return { issuer: base.origin, revocation: null };
}

/** The other backpack's address as typed (https:// assumed), checked for outbound use. */
function hostAddress(baseUrlInput: string, policy: OutboundPolicy) {
  const typed = baseUrlInput.trim();
  if (!typed)
    throw new AppError('validation_failed', ob3Message('giveAddress'), { url: ob3Message('required') });
  const base = checkOutboundUrl(/^[a-z]+:\/\//i.test(typed) ? typed : `https://${typed}`, policy);
  base.search = '';
  base.hash = '';
  const baseUrl = base.toString().replace(/\/+$/, '');
  const host = base.host;
  return { base, baseUrl, host };
}

type Fetcher = ReturnType<typeof outboundFetch>;

/** Reads the host's OB 3.0 service description (its discovery address). */
async function discover(fetcher: Fetcher, baseUrl: string, host: string) {
  let res: Response;
  try {
    res = await fetcher(`${baseUrl}${API_PATH}/discovery`, { headers: { accept: 'application/json' } });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw hostProblem(host, 'unreachable', { reason: (err as Error).message });
  }
  if (!res.ok) throw hostProblem(host, 'noApi', { status: String(res.status) });
  const parsed = serviceDescription.safeParse(await readJson(res, host, 'descriptionNotJson'));
  if (!parsed.success) throw hostProblem(host, 'unreadableDescription');
  return parsed.data;
}

/** Registers Cairn as a client at the host (RFC 7591); the answer carries a client id. */
async function registerCairn(
  fetcher: Fetcher,
  registrationUrl: string,
  host: string,
  publicUrl: string,
): Promise<Record<string, unknown> & { client_id: string }> {
  const registration = await fetcher(registrationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      client_name: `Cairn (${new URL(publicUrl).host})`,
      client_uri: `${publicUrl}/`,
      logo_uri: `${publicUrl}/favicon.svg`,
      tos_uri: `${publicUrl}/`,
      policy_uri: `${publicUrl}/`,
      redirect_uris: [`${publicUrl}${CALLBACK_PATH}`],
      scope: REQUESTED_SCOPE,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }),
  });
  const client = (await readJson(registration, host, 'registrationNotJson')) as Record<string, unknown>;
  if (registration.status !== 201 && registration.status !== 200)
    throw hostProblem(host, 'registrationRefused', {
      reason: String(client.error_description ?? client.error ?? registration.status),
    });
  if (typeof client.client_id !== 'string') throw hostProblem(host, 'noClientId');
  return { ...client, client_id: client.client_id };
}

/**
 * The first half of "Connect a backpack": reads the host's OB 3.0 service description,
 * registers Cairn as a client there (RFC 7591), and returns the authorization URL (PKCE S256)
 * to send the earner's browser to. The connection is kept as pending until the callback.
 */
export async function startConnection(
  deps: BackpackDeps,
  actor: Actor,
  baseUrlInput: string,
): Promise<{ authorizationUrl: string }> {
  const policy = policyOf(deps);
  const { base, baseUrl, host } = hostAddress(baseUrlInput, policy);
  const fetcher = outboundFetch(policy);
  const sdd = await discover(fetcher, baseUrl, host);
  const scheme = sdd.components.securitySchemes.OAuth2ACG;
  const flow = scheme.flows.authorizationCode;
  const registrationUrl = checkOutboundUrl(scheme['x-imssf-registrationUrl'], policy).toString();
  const authorizationUrl = checkOutboundUrl(flow.authorizationUrl, policy).toString();
  const tokenUrl = checkOutboundUrl(flow.tokenUrl, policy).toString();
  const apiBase = checkOutboundUrl(sdd.servers?.[0]?.url ?? `${baseUrl}${API_PATH}`, policy)
    .toString()
    .replace(/\/+$/, '');
  const publicUrl = deps.config.publicUrl;
  const client = await registerCairn(fetcher, registrationUrl, host, publicUrl);
  const metadata = await authorizationServerMetadata(fetcher, base, tokenUrl);
  const verifier = oauth.randomPKCECodeVerifier();
  const state = oauth.randomState();
  const row = {
    issuer: metadata.issuer,
    authorization_url: authorizationUrl,
    token_url: tokenUrl,
    revocation_url: metadata.revocation,
    client_id: client.client_id,
    sealed_client_secret:
      typeof client.client_secret === 'string'
        ? deps.credentials.vault.seal(Buffer.from(client.client_secret))
        : null,
  };
  const now = deps.clock.now();
  const id = publicId('obc');
  await insertConnection(deps.db, {
    publicId: id,
    userId: actor.userId,
    baseUrl,
    hostName: sdd.info.title.slice(0, 200),
    issuer: row.issuer,
    authorizationUrl,
    tokenUrl,
    revocationUrl: row.revocation_url,
    apiBase,
    clientId: row.client_id,
    sealedClientSecret: row.sealed_client_secret,
    sealedPkceVerifier: deps.credentials.vault.seal(Buffer.from(verifier)),
    oauthState: state,
    now,
  });
  await recordAudit(
    deps.db,
    {
      organisationId: null,
      actorUserId: actor.userId,
      action: 'backpack.connection_started',
      subjectType: 'ob3_connection',
      subjectId: id,
      data: { host: baseUrl },
      ip: actor.ip,
    },
    now,
  );
  const url = oauth.buildAuthorizationUrl(clientConfiguration(deps, row), {
    redirect_uri: `${publicUrl}${CALLBACK_PATH}`,
    scope: REQUESTED_SCOPE,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return { authorizationUrl: url.toString() };
}

/** Seals and stores a token response on the connection. */
export async function keepTokens(
  deps: BackpackDeps,
  connectionId: number,
  tokens: oauth.TokenEndpointResponse,
  previousRefresh: string | null,
): Promise<void> {
  const now = deps.clock.now();
  const { vault } = deps.credentials;
  await storeTokens(deps.db, connectionId, {
    sealedAccess: vault.seal(Buffer.from(tokens.access_token)),
    sealedRefresh: tokens.refresh_token ? vault.seal(Buffer.from(tokens.refresh_token)) : previousRefresh,
    expiresAt:
      typeof tokens.expires_in === 'number' ? new Date(now.getTime() + tokens.expires_in * 1000) : null,
    scope: tokens.scope ?? null,
    now,
  });
}

/**
 * The second half: the other host sent the browser back. Exchanges the code (with the PKCE
 * verifier) for tokens and keeps them sealed; a refusal removes the pending connection.
 */
export async function finishConnection(
  deps: BackpackDeps,
  actor: Actor,
  currentUrl: URL,
): Promise<{ hostName: string }> {
  const state = currentUrl.searchParams.get('state') ?? '';
  const row = state ? await connectionByState(deps.db, actor.userId, state) : undefined;
  if (!row) throw new AppError('validation_failed', ob3Message('unknownRequest'));
  if (currentUrl.searchParams.get('error')) {
    await deleteConnection(deps.db, actor.userId, row.id);
    const error = currentUrl.searchParams.get('error');
    const reason = currentUrl.searchParams.get('error_description') ?? error;
    throw new AppError(
      'forbidden',
      error === 'access_denied'
        ? ob3Message('notAllowed', { host: row.host_name })
        : ob3Message('notAllowedBecause', { host: row.host_name, reason: reason ?? '' }),
    );
  }
  const verifier = Buffer.from(deps.credentials.vault.open(row.sealed_pkce_verifier ?? '')).toString('utf8');
  let tokens: oauth.TokenEndpointResponse;
  try {
    tokens = await oauth.authorizationCodeGrant(clientConfiguration(deps, row), currentUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
  } catch (err) {
    await deleteConnection(deps.db, actor.userId, row.id);
    throw new AppError(
      'validation_failed',
      ob3Message('notCompleted', { host: row.host_name, reason: (err as Error).message }),
    );
  }
  await keepTokens(deps, row.id, tokens, null);
  await recordAudit(
    deps.db,
    {
      organisationId: null,
      actorUserId: actor.userId,
      action: 'backpack.connected',
      subjectType: 'ob3_connection',
      subjectId: row.public_id,
      data: { host: row.base_url },
      ip: actor.ip,
    },
    deps.clock.now(),
  );
  return { hostName: row.host_name };
}

/** Removes a connection; its refresh token is revoked at the host when it offers revocation. */
export async function disconnect(
  deps: BackpackDeps,
  actor: Actor,
  connectionPublicId: string,
): Promise<void> {
  const row = await connectionByPublicId(deps.db, actor.userId, connectionPublicId);
  if (!row) throw notFound('connection');
  if (row.revocation_url && row.sealed_refresh_token) {
    try {
      await oauth.tokenRevocation(
        clientConfiguration(deps, row),
        Buffer.from(deps.credentials.vault.open(row.sealed_refresh_token)).toString('utf8'),
        { token_type_hint: 'refresh_token' },
      );
    } catch {
      // The host may be gone; the connection is removed here all the same.
    }
  }
  await deleteConnection(deps.db, actor.userId, row.id);
}
