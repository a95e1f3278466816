// Minimal types for the parts of oidc-provider (v9, which ships none) that the OB 3.0 API uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    grantId?: string;
    userCode?: string;
    uid?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface KoaContextLike {
    oidc: {
      route: string;
      client?: ClientLike;
      params?: Record<string, unknown>;
      result?: Record<string, unknown>;
    };
  }

  export interface ClientLike {
    clientId: string;
    clientName?: string;
    clientUri?: string;
    logoUri?: string;
    tosUri?: string;
    policyUri?: string;
    redirectUris: string[];
    scope?: string;
    grantTypeAllowed(type: string): boolean;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat: 'opaque' | 'jwt';
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>>;
  }

  export interface Configuration {
    adapter: new (name: string) => Adapter;
    clients?: unknown[];
    jwks: { keys: Record<string, unknown>[] };
    cookies: {
      keys: string[];
      names?: Record<string, string>;
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    findAccount(ctx: KoaContextLike, sub: string): Promise<Account | undefined>;
    interactions: {
      url(ctx: KoaContextLike, interaction: { uid: string }): string | Promise<string>;
      policy?: unknown[];
    };
    features: Record<string, Record<string, unknown>>;
    routes: Record<string, string>;
    scopes: string[];
    claims?: Record<string, unknown>;
    pkce: { required(ctx: KoaContextLike, client: ClientLike): boolean };
    clientDefaults?: Record<string, unknown>;
    clientAuthMethods?: string[];
    responseTypes?: string[];
    issueRefreshToken?(
      ctx: KoaContextLike,
      client: ClientLike,
      code: { scopes: Set<string> },
    ): boolean | Promise<boolean>;
    rotateRefreshToken?: boolean | ((ctx: KoaContextLike) => boolean);
    ttl: Record<string, number | ((...args: unknown[]) => number)>;
    renderError?(
      ctx: { type: string; body: unknown },
      out: Record<string, string>,
      error: Error,
    ): Promise<void>;
    loadExistingGrant?(ctx: KoaContextLike): Promise<unknown>;
    enabledJWA?: Record<string, string[]>;
    extraClientMetadata?: { properties: string[] };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string; redirect_uri?: string };
    session?: { accountId?: string };
    grantId?: string;
  }

  export interface GrantInstance {
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(ttl?: number): Promise<string>;
  }

  export interface TokenInstance {
    accountId?: string;
    clientId: string;
    scope?: string;
    scopes: Set<string>;
    aud?: string | string[];
    isExpired: boolean;
    grantId?: string;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    Client: { find(id: string): Promise<ClientLike | undefined> };
    Grant: new (init: { accountId: string; clientId: string }) => GrantInstance;
    AccessToken: { find(token: string): Promise<TokenInstance | undefined> };
    on(event: string, listener: (...args: unknown[]) => void): void;
  }

  export class Check {
    constructor(
      reason: string,
      description: string,
      check: (ctx: KoaContextLike) => boolean | Promise<boolean>,
    );
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export interface Prompt {
    name: string;
    checks: { add(check: Check): void };
  }

  export const interactionPolicy: {
    base(): Prompt[] & { get(name: string): Prompt | undefined };
    Check: typeof Check;
  };

  export default Provider;
}
