import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'openid-client';
import { testBackends, unique } from '../../testing/databases.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { testCredentialServices } from '../../testing/http.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { importBadge } from '../backpack/index.ts';
import { bakePng, bakeSvg } from '../../credentials/baking/index.ts';
import { defaultBadgeSvg, renderPng } from '../../credentials/badgeImage.ts';
import { SCOPE_WORDS, SCOPES, type Ob3Scope } from './scopes.ts';
import { CookieBrowser, forValidation, locationOf, officialSchemas, startCairn } from './testSupport.ts';

// The OB 3.0 API as an independent OAuth 2.0 client (openid-client, not Cairn's code) sees it on
// a listening Cairn: discovery, dynamic registration, authorization code with PKCE (login and
// consent driven as plain HTTP), paging, upsert, profile, scopes, refresh and revocation.

const REDIRECT = 'http://127.0.0.1:9/callback';

for (const backend of testBackends()) {
  describe(`OB 3.0 API (${backend.name})`, () => {
    let cairn: Awaited<ReturnType<typeof startCairn>>;
    before(async () => {
      cairn = await startCairn(await backend.storage());
    });
    after(async () => cairn.stop());

    async function setup() {
      const { db } = cairn.deps;
      const earner = await buildUser(db, { name: 'Ada Earner' });
      const org = await buildOrganisation(db, { kind: 'issuer', name: `Lakeside ${unique()}` });
      const staff = await buildUser(db);
      await addMember(db, org.id, staff.id, ['issuing_staff']);
      const deps = {
        db,
        clock: cairn.deps.clock,
        config: cairn.deps.config,
        credentials: testCredentialServices(),
      };
      const issue = (email: string, name: string, formats: Array<'ldp' | 'jwt'> = ['ldp']) =>
        issueCredential(deps, {
          actor: { userId: staff.id, ip: null },
          organisationId: org.id,
          recipient: { email },
          achievement: {
            id: `https://cairn.test/a/${unique()}`,
            name,
            description: `${name}, shown.`,
            criteria: { narrative: 'Reviewed.' },
          },
          formats,
        });
      return { earner, deps, issue };
    }

    /** Registers a client with openid-client's dynamic registration (RFC 7591) at the discovered issuer. */
    async function register(scope: string) {
      return oauth.dynamicClientRegistration(
        new URL(cairn.url),
        {
          client_name: 'Independent test client',
          client_uri: 'https://client.example/',
          logo_uri: 'https://client.example/logo.png',
          tos_uri: 'https://client.example/tos',
          policy_uri: 'https://client.example/privacy',
          redirect_uris: [REDIRECT],
          scope,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        },
        undefined,
        { execute: [oauth.allowInsecureRequests] },
      );
    }

    /** The whole authorization: PKCE, the browser through login and consent, the code for tokens. */
    async function authorize(
      config: oauth.Configuration,
      user: { email: string; password: string },
      scope: string,
      decision: 'allow' | 'deny' = 'allow',
    ) {
      const verifier = oauth.randomPKCECodeVerifier();
      const state = oauth.randomState();
      const url = oauth.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      const browser = new CookieBrowser();
      const toConsent = await browser.request(url.toString());
      assert.equal(toConsent.status, 303, 'the provider sends the browser to the consent page');
      const consent = locationOf(toConsent, cairn.url);
      assert.match(consent, /\/oauth\/consent\//);
      const needsLogin = await browser.request(consent);
      assert.equal(needsLogin.status, 303);
      assert.match(locationOf(needsLogin, cairn.url), /\/login\?next=/);
      const loggedIn = await browser.logIn(cairn.url, user, new URL(consent).pathname);
      assert.equal(locationOf(loggedIn, cairn.url), consent);
      const pageRes = await browser.request(consent);
      const html = await pageRes.text();
      assert.equal(pageRes.status, 200);
      assert.match(html, /Let Independent test client use your Cairn backpack\?/);
      for (const s of scope.split(' '))
        assert.ok(html.includes(SCOPE_WORDS[s as Ob3Scope]), `the consent page explains ${s}`);
      const decided = await browser.post(cairn.url, new URL(consent).pathname, { decision });
      assert.equal(decided.status, 303);
      const back = await browser.request(locationOf(decided, cairn.url));
      assert.equal(back.status, 303);
      const callback = new URL(locationOf(back, cairn.url));
      assert.equal(callback.origin + callback.pathname, REDIRECT);
      if (decision === 'deny') return { callback, tokens: null };
      const tokens = await oauth.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      return { callback, tokens };
    }

    const api = (path: string) => new URL(`${cairn.url}/ims/ob/v3p0${path}`);
    /** A plain request with a bearer token (openid-client turns refusals into exceptions; these tests read them). */
    const bearer = (token: string, url: URL, method = 'GET', body?: string, type = 'application/json') =>
      fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': type }),
        },
        body,
      });

    async function assertImsx(res: Response, status: number, minor: string) {
      assert.equal(res.status, status);
      const body = (await res.json()) as {
        imsx_codeMajor: string;
        imsx_codeMinor: { imsx_codeMinorField: Array<{ imsx_codeMinorFieldValue: string }> };
      };
      assert.ok(officialSchemas().status(body), JSON.stringify(officialSchemas().status.errors));
      assert.equal(body.imsx_codeMajor, 'failure');
      assert.equal(body.imsx_codeMinor.imsx_codeMinorField[0]?.imsx_codeMinorFieldValue, minor);
    }

    test('discovery describes the OAuth 2.0 endpoints, the four scopes and registration; it needs no token', async () => {
      const res = await fetch(api('/discovery'));
      assert.equal(res.status, 200);
      const sdd = (await res.json()) as {
        openapi: string;
        info: Record<string, string>;
        components: {
          securitySchemes: {
            OAuth2ACG: {
              type: string;
              'x-imssf-registrationUrl': string;
              flows: {
                authorizationCode: {
                  authorizationUrl: string;
                  tokenUrl: string;
                  refreshUrl: string;
                  scopes: Record<string, string>;
                };
              };
            };
          };
        };
      };
      assert.match(sdd.openapi, /^3\.0/);
      assert.ok(sdd.info.title && sdd.info.termsOfService && sdd.info['x-imssf-privacyPolicyUrl']);
      const scheme = sdd.components.securitySchemes.OAuth2ACG;
      assert.equal(scheme.type, 'oauth2');
      const config = await register(SCOPES.credentialRead);
      const meta = config.serverMetadata();
      assert.equal(scheme['x-imssf-registrationUrl'], meta.registration_endpoint);
      assert.equal(scheme.flows.authorizationCode.authorizationUrl, meta.authorization_endpoint);
      assert.equal(scheme.flows.authorizationCode.tokenUrl, meta.token_endpoint);
      assert.equal(scheme.flows.authorizationCode.refreshUrl, meta.token_endpoint);
      assert.deepEqual(
        Object.keys(scheme.flows.authorizationCode.scopes).sort(),
        Object.values(SCOPES).sort(),
      );
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    });

    test('registration needs redirect URIs; a code without PKCE is refused', async () => {
      const bad = await fetch(`${cairn.url}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'x' }),
      });
      assert.equal(bad.status, 400);
      const config = await register(SCOPES.credentialRead);
      const noPkce = new URL(config.serverMetadata().authorization_endpoint!);
      for (const [k, v] of Object.entries({
        client_id: config.clientMetadata().client_id,
        response_type: 'code',
        redirect_uri: REDIRECT,
        scope: SCOPES.credentialRead,
        state: 's',
      }))
        noPkce.searchParams.set(k, v);
      const res = await fetch(noPkce, { redirect: 'manual' });
      const to = new URL(locationOf(res, cairn.url));
      assert.equal(to.searchParams.get('error'), 'invalid_request');
      assert.match(to.searchParams.get('error_description') ?? '', /PKCE/);
    });

    test('a full client: pages through the credentials, upserts (201 then 200), JWS, profile, refresh and revoke', async () => {
      const { earner, deps, issue } = await setup();
      const first = await issue(earner.email, 'Bridge Safety');
      const second = await issue(earner.email, 'River Rescue', ['ldp', 'jwt']);
      // Badges the earner imported as baked images are listed exactly as baked.
      const elsewhere = await issue(`${unique('other')}@example.org`, 'Knots');
      const elsewhereSvg = await issue(`${unique('other')}@example.org`, 'Canoeing', ['ldp', 'jwt']);
      const pngText = JSON.stringify(elsewhere.credential);
      await importBadge(deps, {
        actor: { userId: earner.id, ip: null },
        file: {
          name: 'knots.png',
          bytes: bakePng(renderPng(defaultBadgeSvg('Knots', 'Lakeside')), pngText),
        },
      });
      await importBadge(deps, {
        actor: { userId: earner.id, ip: null },
        file: {
          name: 'canoe.svg',
          bytes: new Uint8Array(
            Buffer.from(bakeSvg(defaultBadgeSvg('Canoeing', 'Lakeside'), elsewhereSvg.jwt!)),
          ),
        },
      });

      const scope = [SCOPES.credentialRead, SCOPES.credentialUpsert, SCOPES.profileRead].join(' ');
      const config = await register(scope);
      const { tokens } = await authorize(config, earner, scope);
      assert.ok(tokens?.access_token && tokens.refresh_token, 'an access token and a refresh token');

      // Unauthenticated and unknown tokens.
      await assertImsx(await fetch(api('/credentials')), 401, 'unauthorizedrequest');
      await assertImsx(
        await fetch(api('/credentials'), { headers: { authorization: 'Bearer nope' } }),
        401,
        'unauthorizedrequest',
      );
      await assertImsx(
        await fetch(api('/credentials'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
        401,
        'unauthorizedrequest',
      );

      // getCredentials page by page, following Link rel="next".
      const raw: string[] = [];
      const listed: Array<Record<string, unknown>> = [];
      const jws: string[] = [];
      let next: string | null = api('/credentials?limit=1').toString();
      let pages = 0;
      while (next) {
        const res = await oauth.fetchProtectedResource(config, tokens.access_token, new URL(next), 'GET');
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('x-total-count'), '4');
        const text = await res.text();
        raw.push(text);
        const body = JSON.parse(text) as {
          credential: Array<Record<string, unknown>>;
          compactJwsString: string[];
        };
        assert.ok(
          officialSchemas().credentials(forValidation(body)),
          JSON.stringify(officialSchemas().credentials.errors?.slice(0, 3)),
        );
        assert.equal(body.credential.length + body.compactJwsString.length, 1);
        listed.push(...body.credential);
        jws.push(...body.compactJwsString);
        const link = res.headers.get('link') ?? '';
        assert.match(link, /rel="first"/);
        assert.match(link, /rel="last"/);
        if (pages > 0) assert.match(link, /rel="prev"/);
        next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null;
        pages++;
      }
      assert.equal(pages, 4);
      const ids = listed.map((c) => c.id);
      assert.ok(
        ids.includes(first.credential.id) &&
          ids.includes(second.credential.id) &&
          ids.includes(elsewhere.credential.id),
      );
      assert.deepEqual(jws, [elsewhereSvg.jwt], 'the JWS baked into the SVG, exactly');
      assert.ok(
        raw.some((t) => t.includes(pngText)),
        "the PNG's credential, byte for byte",
      );
      const issuedDoc = await deps.db
        .selectFrom('credentials')
        .select('document')
        .where('public_id', '=', first.publicId)
        .executeTakeFirstOrThrow();
      assert.ok(
        raw.some((t) => t.includes(issuedDoc.document)),
        'an issued credential exactly as signed',
      );

      // Paging parameters: bad values are 400, since filters.
      await assertImsx(
        await bearer(tokens.access_token, api('/credentials?limit=0'), 'GET'),
        400,
        'invalid_query_parameter',
      );
      await assertImsx(
        await bearer(tokens.access_token, api('/credentials?since=yesterday'), 'GET'),
        400,
        'invalid_query_parameter',
      );
      const future = await oauth.fetchProtectedResource(
        config,
        tokens.access_token,
        api('/credentials?since=2999-01-01T00:00:00Z'),
        'GET',
      );
      assert.equal(future.headers.get('x-total-count'), '0');

      // upsertCredential: new → 201, the same id again → 200, the count unchanged.
      const pushed = await issue(`${unique('pushed')}@example.org`, 'First Aid', ['ldp', 'jwt']);
      const json = JSON.stringify(pushed.credential);
      const post = (body: string, type: string) =>
        bearer(tokens.access_token, api('/credentials'), 'POST', body, type);
      const created = await post(json, 'application/json');
      assert.equal(created.status, 201);
      assert.equal(await created.text(), json, 'the body is the credential sent');
      assert.equal(
        (await post(JSON.stringify(pushed.credential, null, 2), 'application/json')).status,
        200,
        'same id, new bytes: replaced',
      );
      const afterUpsert = await oauth.fetchProtectedResource(
        config,
        tokens.access_token,
        api('/credentials'),
        'GET',
      );
      assert.equal(afterUpsert.headers.get('x-total-count'), '5');
      assert.ok(
        (await afterUpsert.text()).includes(JSON.stringify(pushed.credential, null, 2)),
        'the replacement is listed as received',
      );
      // A compact JWS as text/plain.
      const jwsPushed = await issue(`${unique('pushed')}@example.org`, 'Swimming', ['ldp', 'jwt']);
      const jwsRes = await post(jwsPushed.jwt!, 'text/plain');
      assert.equal(jwsRes.status, 201);
      assert.equal((await post(jwsPushed.jwt!, 'text/plain')).status, 200);
      const withJws = (await (
        await oauth.fetchProtectedResource(config, tokens.access_token, api('/credentials'), 'GET')
      ).json()) as { compactJwsString: string[] };
      assert.ok(withJws.compactJwsString.includes(jwsPushed.jwt!));
      // Bad input: 400 with an imsx_StatusInfo, nothing stored.
      await assertImsx(await post('{not json', 'application/json'), 400, 'invalid_data');
      await assertImsx(
        await post('{"type":["VerifiableCredential"]}', 'application/json'),
        400,
        'invalid_data',
      );
      await assertImsx(await post('[]', 'application/json'), 400, 'invalid_data');
      await assertImsx(await post('not a jws', 'text/plain'), 400, 'invalid_data');
      await assertImsx(await post('<svg/>', 'image/svg+xml'), 400, 'invalid_data');
      await assertImsx(await bearer(tokens.access_token, api('/credentials'), 'DELETE'), 405, 'not_allowed');
      await assertImsx(await bearer(tokens.access_token, api('/nothing-here'), 'GET'), 404, 'not_found');
      assert.equal(
        (
          await oauth.fetchProtectedResource(config, tokens.access_token, api('/credentials'), 'GET')
        ).headers.get('x-total-count'),
        '6',
      );

      // getProfile (granted) and putProfile (not granted: 403).
      const profileRes = await oauth.fetchProtectedResource(
        config,
        tokens.access_token,
        api('/profile'),
        'GET',
      );
      assert.equal(profileRes.status, 200);
      const profile = (await profileRes.json()) as Record<string, unknown>;
      assert.ok(officialSchemas().profile(profile), JSON.stringify(officialSchemas().profile.errors));
      assert.equal(profile.name, 'Ada Earner');
      assert.equal(profile.email, earner.email);
      await assertImsx(
        await bearer(
          tokens.access_token,
          api('/profile'),
          'PUT',
          JSON.stringify({ type: ['Profile'], name: 'X' }),
        ),
        403,
        'forbidden',
      );

      // Refresh, then revoke: the revoked token is refused at once.
      const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
      assert.notEqual(refreshed.access_token, tokens.access_token);
      assert.equal(
        (await oauth.fetchProtectedResource(config, refreshed.access_token, api('/credentials'), 'GET'))
          .status,
        200,
      );
      await oauth.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' });
      await assertImsx(
        await bearer(refreshed.access_token, api('/credentials'), 'GET'),
        401,
        'unauthorizedrequest',
      );
    });

    test('scopes are checked on each endpoint: a read-only token cannot upsert or update the profile (403)', async () => {
      const { earner, issue } = await setup();
      const config = await register([SCOPES.credentialRead, SCOPES.profileUpdate].join(' '));
      const { tokens } = await authorize(config, earner, SCOPES.credentialRead);
      assert.ok(tokens);
      assert.equal(tokens.scope, SCOPES.credentialRead);
      const pushed = await issue(`${unique('p')}@example.org`, 'Map Reading');
      await assertImsx(
        await bearer(tokens.access_token, api('/credentials'), 'POST', JSON.stringify(pushed.credential)),
        403,
        'forbidden',
      );
      await assertImsx(await bearer(tokens.access_token, api('/profile'), 'GET'), 403, 'forbidden');
      assert.equal(
        (await oauth.fetchProtectedResource(config, tokens.access_token, api('/credentials'), 'GET')).status,
        200,
      );
    });

    test('putProfile changes the name; Deny on the consent page sends access_denied back', async () => {
      const { earner } = await setup();
      const config = await register([SCOPES.profileRead, SCOPES.profileUpdate].join(' '));
      const { tokens } = await authorize(config, earner, `${SCOPES.profileRead} ${SCOPES.profileUpdate}`);
      assert.ok(tokens);
      const put = (body: unknown) =>
        bearer(tokens.access_token, api('/profile'), 'PUT', JSON.stringify(body));
      const res = await put({ type: ['Profile'], name: 'Ada Renamed' });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { name: string }).name, 'Ada Renamed');
      await assertImsx(await put({ type: ['Profile'], name: '' }), 400, 'invalid_data');
      await assertImsx(
        await put({ id: 'https://elsewhere.example/me', type: ['Profile'] }),
        400,
        'invalid_data',
      );
      const denied = await authorize(config, earner, SCOPES.profileRead, 'deny');
      assert.equal(denied.callback.searchParams.get('error'), 'access_denied');
    });
  });
}
