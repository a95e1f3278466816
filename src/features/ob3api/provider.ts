import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Adapter, AdapterPayload, Configuration, Provider } from 'oidc-provider';
import type { AppDeps } from '../../http/env.ts';
import { ALL_SCOPES, API_PATH } from './scopes.ts';
import {
  consumeModel,
  destroyByGrant,
  destroyModel,
  findModel,
  signingKey,
  upsertModel,
  userByPublicId,
} from './queries.ts';

/** Where the authorization server's endpoints live (the issuer is Cairn's public URL). */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  introspection: '/oauth/introspect',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
  credential: '/oauth/credential',
} as const;

/** The consent page the provider sends the browser to. */
export const consentPath = (uid: string) => `/oauth/consent/${uid}`;

/** Paths the provider answers itself (everything under /oauth but the consent page, and its metadata). */
export function isProviderPath(path: string): boolean {
  if (path.startsWith('/oauth/consent/')) return false;
  return (
    path.startsWith('/oauth/') ||
    path === '/.well-known/openid-configuration' ||
    path === '/.well-known/oauth-authorization-server'
  );
}

/** The resource (RFC 8707 resource indicator) every access token is for: the OB 3.0 API. */
export const apiResource = (deps: AppDeps) => `${deps.config.publicUrl}${API_PATH}`;

/** A storage adapter for oidc-provider on Cairn's database, so every process shares clients, grants and tokens. */
function databaseAdapter(deps: AppDeps): new (name: string) => Adapter {
  const { db, clock } = deps;
  return class DatabaseAdapter implements Adapter {
    constructor(readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const expiresAt = expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000) : null;
      await upsertModel(db, {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt,
      });
    }
    async find(id: string) {
      return (await findModel(db, this.model, 'id', id, clock.now()))?.payload as AdapterPayload | undefined;
    }
    async findByUid(uid: string) {
      return (await findModel(db, this.model, 'uid', uid, clock.now()))?.payload as
        AdapterPayload | undefined;
    }
    async findByUserCode(userCode: string) {
      return (await findModel(db, this.model, 'user_code', userCode, clock.now()))?.payload as
        AdapterPayload | undefined;
    }
    async consume(id: string) {
      await consumeModel(db, this.model, id, Math.floor(clock.now().getTime() / 1000));
    }
    async destroy(id: string) {
      await destroyModel(db, this.model, id);
    }
    async revokeByGrantId(grantId: string) {
      await destroyByGrant(db, grantId);
    }
  };
}

/**
 * The keys every process must agree on, made once and kept in the database sealed with
 * CAIRN_SECRET: the RS256 signing key of the provider's JWKS and the key that signs its cookies.
 */
async function sharedKeys(deps: AppDeps): Promise<{ jwk: Record<string, unknown>; cookieKey: string }> {
  const { vault } = deps.credentials;
  const now = deps.clock.now();
  const sealedJwk = await signingKey(
    deps.db,
    'oauth-rs256',
    () => {
      const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
      return vault.seal(
        Buffer.from(
          JSON.stringify({
            ...jwk,
            kid: `cairn-${randomBytes(6).toString('hex')}`,
            use: 'sig',
            alg: 'RS256',
          }),
        ),
      );
    },
    now,
  );
  const sealedCookieKey = await signingKey(deps.db, 'oauth-cookies', () => vault.seal(randomBytes(32)), now);
  return {
    jwk: JSON.parse(Buffer.from(vault.open(sealedJwk)).toString('utf8')) as Record<string, unknown>,
    cookieKey: Buffer.from(vault.open(sealedCookieKey)).toString('base64url'),
  };
}

const providers = new WeakMap<AppDeps, Promise<Provider>>();

/**
 * The authorization server of this app, built on first use. oidc-provider is imported lazily so
 * starting Cairn neither loads it nor prints its runtime notice until someone uses OAuth.
 */
export function oauthProvider(deps: AppDeps): Promise<Provider> {
  let made = providers.get(deps);
  if (!made) {
    made = buildProvider(deps);
    made.catch(() => providers.delete(deps));
    providers.set(deps, made);
  }
  return made;
}

/** The provider's features: dynamic registration and revocation on, every token for the OB 3.0 API. */
function providerFeatures(resource: string, scope: string): Configuration['features'] {
  return {
    devInteractions: { enabled: false },
    registration: { enabled: true, initialAccessToken: false },
    revocation: { enabled: true },
    introspection: { enabled: false },
    userinfo: { enabled: false },
    rpInitiatedLogout: { enabled: false },
    // Every access token is for the OB 3.0 API; a client need not name it.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx: unknown, indicator: string) => {
        if (indicator !== resource) throw new Error(`Unknown resource ${indicator}`);
        // Opaque: each API request looks the token up, so a revoked token stops at once.
        return { scope, audience: resource, accessTokenTTL: 60 * 60, accessTokenFormat: 'opaque' };
      },
    },
  };
}

async function buildProvider(deps: AppDeps): Promise<Provider> {
  const { Provider, interactionPolicy } = await import('oidc-provider');
  const keys = await sharedKeys(deps);
  const resource = apiResource(deps);
  const scope = ALL_SCOPES.join(' ');
  // Every authorization asks the logged-in Cairn user: the provider's own session never stands in
  // for Cairn's (another person may have logged in on this browser since).
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('cairn_confirms', 'Cairn asks the logged-in user every time', (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  const configuration: Configuration = {
    adapter: databaseAdapter(deps),
    jwks: { keys: [keys.jwk] },
    cookies: {
      keys: [keys.cookieKey],
      long: { signed: true, httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies },
      short: { signed: true, httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies },
    },
    async findAccount(_ctx, sub) {
      const user = await userByPublicId(deps.db, sub);
      if (!user) return undefined;
      return { accountId: user.public_id, claims: async () => ({ sub: user.public_id }) };
    },
    interactions: { url: (_ctx, interaction) => consentPath(interaction.uid), policy },
    routes: { ...OAUTH_ROUTES },
    // The scopes clients may register and ask for; the consent grants them both at the provider and
    // for the API's resource server (below), whose access tokens carry them.
    scopes: ['openid', ...ALL_SCOPES],
    claims: { openid: ['sub'] },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: { properties: ['scope'] },
    features: providerFeatures(resource, scope),
    // OB 3.0 clients ask for the API's scopes, not offline_access; refresh tokens come with every code.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      RefreshToken: 30 * 24 * 60 * 60,
      Grant: 30 * 24 * 60 * 60,
      Interaction: 30 * 60,
      Session: 30 * 60,
      IdToken: 60 * 60,
    },
    async renderError(ctx, out) {
      const text = Object.values(out).map((v) =>
        String(v).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`),
      );
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cairn: this connection cannot go on</title></head><body><h1>This connection cannot go on</h1><p>${text.join('</p><p>')}</p><p><a href="/">Go to Cairn</a></p></body></html>`;
    },
  };
  const provider = new Provider(deps.config.publicUrl, configuration);
  provider.proxy = deps.config.trustProxy;
  provider.on('server_error', (_ctx, err) =>
    deps.logger.error('oauth server error', {
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    }),
  );
  return provider;
}

/** Hands a Node request to the provider and resolves when it has answered. */
export async function runProvider(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const provider = await oauthProvider(deps);
  if (req.url?.startsWith('/.well-known/oauth-authorization-server'))
    req.url = req.url.replace('/.well-known/oauth-authorization-server', '/.well-known/openid-configuration');
  await new Promise<void>((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
    provider.callback()(req, res);
  });
}
