import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { AppError } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { requireViewer } from '../../http/middleware/session.ts';
import { page, redirectWith } from '../../web/render.tsx';
import { requestTranslator } from '../../web/preferences.ts';
import { Ob3ApiError, ob3NotFound } from '../../http/imsx.ts';
import { publicIdParam, routeParams } from '../../http/params.ts';
import { z } from 'zod';
import {
  apiResource,
  consentPath,
  isProviderPath,
  OAUTH_ROUTES,
  oauthProvider,
  runProvider,
} from './provider.ts';
import { ALL_SCOPES, API_PATH, isOb3Scope, SCOPE_WORDS, SCOPES } from './scopes.ts';
import { requireScope } from './auth.ts';
import { credentialsBody, getCredentials, pagingLinks, parseCredentialsQuery } from './getCredentials.ts';
import { readUpsertBody, upsertCredential } from './upsertCredential.ts';
import { getProfile, putProfile } from './profile.ts';
import { CALLBACK_PATH, disconnect, finishConnection, startConnection } from './connectBackpack.ts';
import { sendBadge } from './sendBadge.ts';
import { ConsentView, type ConsentModel } from './consentView.tsx';
import { ob3Message } from './messages.ts';

type C = Context<AppEnv>;

/** A backpack connection in the path (`/backpack/connections/:id/…`). */
const connectionParams = z.object({ id: publicIdParam });
/** The OAuth interaction a consent page answers (`:uid`). */
const interactionParams = z.object({ uid: z.string().min(1).max(200) });

/** The Node request and response under this Hono request (absent in in-process tests). */
function nodeBindings(c: C): HttpBindings {
  const env = c.env as Partial<HttpBindings> | undefined;
  if (!env?.incoming || !env.outgoing || typeof env.outgoing.writeHead !== 'function') {
    throw new AppError('not_found', ob3Message('realHttpOnly'));
  }
  return { incoming: env.incoming, outgoing: env.outgoing };
}

/**
 * Hands /oauth/* (but the consent page) and the authorization server metadata to oidc-provider,
 * which answers on the Node response itself. Mounted before Cairn's body limit and CSRF check:
 * the provider reads its own bodies, and its endpoints authenticate clients, not browsers.
 */
export const oauthProviderMount: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isProviderPath(c.req.path)) return next();
  const { incoming, outgoing } = nodeBindings(c);
  await runProvider(c.var.deps, incoming, outgoing);
  return RESPONSE_ALREADY_SENT;
};

/** The Service Description Document (OpenAPI 3.0, profiled) for discovery. */
export function serviceDescription(publicUrl: string) {
  const scopes = Object.fromEntries(ALL_SCOPES.map((s) => [s, SCOPE_WORDS[s]]));
  const secured = (scope: string) => [{ OAuth2ACG: [scope] }];
  return {
    openapi: '3.0.1',
    info: {
      title: `Cairn (${new URL(publicUrl).host})`,
      description: 'Open Badges 3.0 API of a Cairn backpack.',
      version: '3.0',
      termsOfService: `${publicUrl}/`,
      'x-imssf-privacyPolicyUrl': `${publicUrl}/`,
    },
    servers: [{ url: `${publicUrl}${API_PATH}`, description: 'Cairn' }],
    paths: {
      '/credentials': {
        get: {
          operationId: 'getCredentials',
          security: secured(SCOPES.credentialRead),
          responses: { '200': { description: 'The credentials of the authorizing person.' } },
        },
        post: {
          operationId: 'upsertCredential',
          security: secured(SCOPES.credentialUpsert),
          responses: { '200': { description: 'Replaced.' }, '201': { description: 'Created.' } },
        },
      },
      '/profile': {
        get: {
          operationId: 'getProfile',
          security: secured(SCOPES.profileRead),
          responses: { '200': { description: 'The profile.' } },
        },
        put: {
          operationId: 'putProfile',
          security: secured(SCOPES.profileUpdate),
          responses: { '200': { description: 'The updated profile.' } },
        },
      },
      '/discovery': {
        get: {
          operationId: 'getServiceDescription',
          responses: { '200': { description: 'This document.' } },
        },
      },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: 'oauth2',
          description:
            'OAuth 2.0 authorization code grant with PKCE (S256). Register a client dynamically (RFC 7591) at x-imssf-registrationUrl.',
          'x-imssf-registrationUrl': `${publicUrl}${OAUTH_ROUTES.registration}`,
          flows: {
            authorizationCode: {
              authorizationUrl: `${publicUrl}${OAUTH_ROUTES.authorization}`,
              tokenUrl: `${publicUrl}${OAUTH_ROUTES.token}`,
              refreshUrl: `${publicUrl}${OAUTH_ROUTES.token}`,
              'x-cairn-revocationUrl': `${publicUrl}${OAUTH_ROUTES.revocation}`,
              scopes,
            },
          },
        },
      },
      schemas: {},
    },
  };
}

const methodNotAllowed = (allowed: string) => (c: C) => {
  c.header('Allow', allowed);
  throw new Ob3ApiError(405, 'not_allowed', `This endpoint takes ${allowed} only.`);
};

const actorOf = (c: C, userId: number) => ({ userId, ip: c.var.ip });

/** The OB 3.0 API, the consent page and the backpack's connections to other hosts. */
// eslint-disable-next-line max-lines-per-function -- one route group listing the OB 3.0 API endpoints, the consent page and backpack connections in protocol order
export function ob3Routes() {
  const r = new Hono<AppEnv>();

  // --- Discovery (unprotected)
  r.get(`${API_PATH}/discovery`, (c) => c.json(serviceDescription(c.var.deps.config.publicUrl)));
  r.all(`${API_PATH}/discovery`, methodNotAllowed('GET'));

  // --- getCredentials / upsertCredential
  r.get(`${API_PATH}/credentials`, async (c) => {
    const query = parseCredentialsQuery(c.req.query());
    const caller = await requireScope(c, SCOPES.credentialRead);
    const { total, items } = await getCredentials(c.var.deps, caller.userId, query);
    c.header('X-Total-Count', String(total));
    c.header('Link', pagingLinks(`${c.var.deps.config.publicUrl}${API_PATH}/credentials`, query, total));
    c.header('Content-Type', 'application/json');
    return c.body(credentialsBody(items));
  });
  r.post(`${API_PATH}/credentials`, async (c) => {
    const caller = await requireScope(c, SCOPES.credentialUpsert);
    const contentType = c.req.header('content-type') ?? '';
    const text = await c.req.text();
    const listed = readUpsertBody(contentType, text);
    const result = await upsertCredential(c.var.deps, actorOf(c, caller.userId), listed);
    c.header('Content-Type', listed.kind === 'jws' ? 'text/plain' : 'application/json');
    return c.body(listed.kind === 'jws' ? listed.jws : listed.text, result.replaced ? 200 : 201);
  });
  r.all(`${API_PATH}/credentials`, methodNotAllowed('GET, POST'));

  // --- getProfile / putProfile
  r.get(`${API_PATH}/profile`, async (c) => {
    const caller = await requireScope(c, SCOPES.profileRead);
    return c.json(await getProfile(c.var.deps, caller.userId));
  });
  r.put(`${API_PATH}/profile`, async (c) => {
    const caller = await requireScope(c, SCOPES.profileUpdate);
    const body: unknown = await c.req.json().catch(() => {
      throw new Ob3ApiError(400, 'invalid_data', 'The body must be a JSON Profile.');
    });
    return c.json(
      await putProfile(c.var.deps, { ...actorOf(c, caller.userId), userPublicId: caller.userPublicId }, body),
    );
  });
  r.all(`${API_PATH}/profile`, methodNotAllowed('GET, PUT'));
  r.all(`${API_PATH}/*`, (c) => ob3NotFound(c));

  // --- The consent page of the authorization server
  r.get('/oauth/consent/:uid', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { details, client } = await interaction(c);
    const name = client.clientName ?? client.clientId;
    const redirectUri = details.params.redirect_uri;
    const model: ConsentModel = {
      name,
      viewerName: viewer.name,
      clientUri: client.clientUri ?? null,
      scopes: requestedScopes(details.params.scope),
      redirectUri: typeof redirectUri === 'string' && redirectUri ? redirectUri : null,
      policyUri: client.policyUri ?? null,
      tosUri: client.tosUri ?? null,
      action: consentPath(details.uid),
    };
    const title = requestTranslator(c).t('backpack.consent.title', { name });
    return page(c, title, <ConsentView model={model} csrf={c.var.csrfToken} />);
  });
  r.post('/oauth/consent/:uid', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const { details, client, provider, incoming, outgoing } = await interaction(c);
    const form = await c.req.parseBody();
    let result: Record<string, unknown>;
    if (form.decision === 'allow') {
      const grant = new provider.Grant({ accountId: viewer.user_public_id, clientId: client.clientId });
      const scopes = requestedScopes(details.params.scope);
      const openid = String(details.params.scope ?? '')
        .split(' ')
        .includes('openid')
        ? ['openid']
        : [];
      if (scopes.length) grant.addResourceScope(apiResource(c.var.deps), scopes.join(' '));
      if (scopes.length || openid.length) grant.addOIDCScope([...openid, ...scopes].join(' '));
      result = { login: { accountId: viewer.user_public_id }, consent: { grantId: await grant.save() } };
    } else {
      result = { error: 'access_denied', error_description: 'The person did not allow the connection.' };
    }
    const returnTo = await provider.interactionResult(incoming, outgoing, result, {
      mergeWithLastSubmission: false,
    });
    return c.redirect(returnTo, 303);
  });

  // --- The backpack's connections to other OB 3.0 hosts (the client side)
  r.post('/backpack/connections', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const form = await c.req.parseBody();
    try {
      const { authorizationUrl } = await startConnection(
        c.var.deps,
        actorOf(c, viewer.user_id),
        typeof form.url === 'string' ? form.url : '',
      );
      return c.redirect(authorizationUrl, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed')
        return redirectWith(c, '/backpack#connections', 'error', err.message);
      throw err;
    }
  });
  r.get(CALLBACK_PATH, async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const current = new URL(`${c.var.deps.config.publicUrl}${CALLBACK_PATH}${new URL(c.req.url).search}`);
    try {
      const { hostName } = await finishConnection(c.var.deps, actorOf(c, viewer.user_id), current);
      const text = requestTranslator(c).t('backpack.connections.connected', { host: hostName });
      return redirectWith(c, '/backpack#connections', 'success', text);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'forbidden'))
        return redirectWith(c, '/backpack#connections', 'error', err.message);
      throw err;
    }
  });
  r.post('/backpack/connections/:id/send', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const form = await c.req.parseBody();
    try {
      const { hostName, replaced } = await sendBadge(
        c.var.deps,
        actorOf(c, viewer.user_id),
        routeParams(c, connectionParams).id,
        typeof form.badge === 'string' ? form.badge : '',
      );
      const key = replaced ? 'backpack.connections.replaced' : 'backpack.connections.sent';
      const text = requestTranslator(c).t(key, { host: hostName });
      return redirectWith(c, '/backpack#connections', 'success', text);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed')
        return redirectWith(c, '/backpack#connections', 'error', err.message);
      throw err;
    }
  });
  r.post('/backpack/connections/:id/remove', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    await disconnect(c.var.deps, actorOf(c, viewer.user_id), routeParams(c, connectionParams).id);
    const text = requestTranslator(c).t('backpack.connections.removed');
    return redirectWith(c, '/backpack#connections', 'success', text);
  });
  return r;
}

function requestedScopes(scope: unknown) {
  return String(scope ?? '')
    .split(' ')
    .filter(isOb3Scope);
}

/** The pending authorization behind a consent page, and its client. */
async function interaction(c: C) {
  const { incoming, outgoing } = nodeBindings(c);
  const provider = await oauthProvider(c.var.deps);
  let details;
  try {
    details = await provider.interactionDetails(incoming, outgoing);
  } catch {
    throw new AppError('validation_failed', ob3Message('authorizationExpired'));
  }
  if (details.uid !== routeParams(c, interactionParams).uid)
    throw new AppError('validation_failed', ob3Message('otherBrowser'));
  const client = await provider.Client.find(details.params.client_id);
  if (!client) throw new AppError('validation_failed', ob3Message('clientGone'));
  return { details, client, provider, incoming, outgoing };
}
