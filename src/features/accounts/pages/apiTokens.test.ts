import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { testBackends } from '../../../testing/databases.ts';
import { loggedIn, testApp } from '../../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../../testing/factories.ts';
import { completeDesign } from '../../../testing/catalogFixtures.ts';
import { API_SCOPES, authenticateApiToken } from '../../../http/apiTokens.ts';
import { createApiToken } from '../commands/createApiToken.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { hashToken } from '../../../domain/ids.ts';
import { byLabel, fieldsetError, tableAfter } from '../../../testing/pageQueries.ts';
import { CATALOGUES } from '../../../web/i18n/i18n.ts';
import { up as addScopes } from '../../../storage/migrations/0021_api_token_scopes.ts';

type ApiError = {
  error: { code: string; message: string; details: Record<string, unknown>; fields: Record<string, string> };
};

for (const backend of testBackends()) {
  describe(`API token scopes (${backend.name})`, () => {
    test('the tokens page creates a token with the scopes ticked and lists each token’s scopes; none ticked is refused', async () => {
      const storage = await backend.storage();
      const { app } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const admin = await buildUser(storage.db);
      await addMember(storage.db, org.id, admin.id, ['admin']);
      const browser = await loggedIn(app, admin);

      const form = await browser.get(`/orgs/${org.slug}/tokens`);
      const html = await form.text();
      for (const scope of API_SCOPES)
        assert.ok(
          byLabel(
            html,
            `${scope} ${CATALOGUES.en.accounts.tokens.scope[scope.replace(':', '_') as keyof typeof CATALOGUES.en.accounts.tokens.scope]}`,
          ).checked,
          `${scope} is offered, ticked by default`,
        );

      const created = await browser.post(`/orgs/${org.slug}/tokens`, {
        name: 'Roster sync',
        scopes: ['awards:run', 'credentials:read'],
      });
      assert.equal(created.status, 201);
      const rows = tableAfter(await created.text(), 'Create a token');
      assert.equal(
        rows.find((row) => row[0] === 'Roster sync')?.[1],
        'credentials:read awards:run',
        'the list shows the token’s scopes',
      );
      const stored = await storage.db
        .selectFrom('api_tokens')
        .select('scopes')
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored.scopes, ['credentials:read', 'awards:run']);

      const none = await browser.post(`/orgs/${org.slug}/tokens`, { name: 'Nothing' });
      assert.equal(none.status, 422);
      assert.equal(
        fieldsetError(await none.text(), 'What may it do?'),
        'Choose at least one thing the token may do.',
      );
      const unknown = await browser.post(`/orgs/${org.slug}/tokens`, {
        name: 'Bogus',
        scopes: ['credentials:read', 'everything'],
      });
      assert.equal(unknown.status, 422);
      assert.equal(
        (
          await storage.db
            .selectFrom('api_tokens')
            .select('id')
            .where('organisation_id', '=', org.id)
            .execute()
        ).length,
        1,
        'nothing else was made',
      );
    });

    test('a token without credentials:issue cannot issue (403 insufficient_scope) on the JSON API nor the VC API; with it, it can; sessions are unaffected', async () => {
      const storage = await backend.storage();
      const { app, config, clock } = testApp(storage);
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const staff = await buildUser(storage.db);
      await addMember(storage.db, org.id, staff.id, ['designer', 'issuing_staff']);
      const browser = await loggedIn(app, staff);
      const mc = (
        (
          await browser.postJson(
            `/api/v1/orgs/${org.slug}/micro-credentials`,
            completeDesign('Scoped issuing', {
              earningMode: 'attendance',
              evidenceParts: [],
              rubric: undefined,
            }),
          )
        ).body as { publicId: string }
      ).publicId;
      await browser.postJson(`/api/v1/orgs/${org.slug}/micro-credentials/${mc}/publish`, {});
      const deps = { db: storage.db, clock };
      const actor = { organisationId: org.id, userId: null, ip: null };
      // The CLI passes scopes as “a,b”.
      const reader = await createApiToken(deps, {
        name: 'reader',
        scopes: 'credentials:read, audit:read',
        actor: actor,
      });
      assert.deepEqual(reader.scopes, ['credentials:read', 'audit:read']);
      const issuer = await createApiToken(deps, {
        name: 'issuer',
        scopes: ['credentials:issue'],
        actor: actor,
      });
      const post = (path: string, token: string, body: unknown) =>
        app.request(path, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify(body),
        });
      const award = { email: 'scoped@example.org', microCredential: mc };
      const vc = {
        credential: {
          '@context': [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          issuer: { id: organisationDid(config.publicUrl, org.slug), type: ['Profile'], name: org.name },
          name: 'Scoped',
          credentialSubject: {
            type: ['AchievementSubject'],
            achievement: {
              id: 'https://example.org/a',
              type: ['Achievement'],
              name: 'Scoped',
              description: 'x',
              criteria: { narrative: 'x' },
            },
          },
        },
      };

      for (const [path, body] of [
        [`/api/v1/orgs/${org.slug}/credentials`, award],
        ['/credentials/issue', vc],
      ] as const) {
        const refused = await post(path, reader.token, body);
        assert.equal(refused.status, 403, path);
        const error = (await refused.json()) as ApiError;
        assert.equal(error.error.code, 'insufficient_scope', path);
        assert.equal(error.error.details.requiredScope, 'credentials:issue', path);
        assert.match(error.error.message, /credentials:issue/);
        const allowed = await post(path, issuer.token, body);
        assert.equal(allowed.status, 201, `${path}: ${await allowed.clone().text()}`);
      }
      // The issuer token may not list, the reader may.
      const list = (token: string) =>
        app.request(`/api/v1/orgs/${org.slug}/credentials`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
      assert.equal((await list(issuer.token)).status, 403);
      assert.equal((await list(reader.token)).status, 200);
      // A session is judged by its roles, not scopes.
      assert.equal(
        (
          await browser.postJson(`/api/v1/orgs/${org.slug}/credentials`, {
            ...award,
            email: 'session@example.org',
          })
        ).status,
        201,
      );
      const issued = await storage.db
        .selectFrom('credentials')
        .select('recipient_email')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.equal(issued.length, 3, 'only the allowed requests issued');
    });

    test('tokens made before scopes existed get every scope there was then (migration 0021)', async () => {
      const storage = await backend.storage();
      const org = await buildOrganisation(storage.db, { kind: 'issuer' });
      const legacy = 'cairn_legacy-token-made-before-scopes';
      // Replays the migration on a table as it was (no scopes column) in a transaction left undone.
      const rolledBack = new Error('roll back');
      await storage.db
        .transaction()
        .execute(async (tx) => {
          await sql`alter table api_tokens drop column scopes`.execute(tx);
          await sql`insert into api_tokens (public_id, organisation_id, name, token_hash, created_at) values ('tok_legacy', ${org.id}, 'old', ${hashToken(legacy)}, now())`.execute(
            tx,
          );
          await addScopes(tx as unknown as Kysely<unknown>);
          const auth = await authenticateApiToken(tx, legacy, new Date());
          // Every scope there was when scopes shipped; scopes added since are not handed out silently.
          assert.deepEqual(auth?.scopes, [
            'credentials:read',
            'credentials:issue',
            'credentials:status',
            'awards:run',
            'audit:read',
            'webhooks:manage',
          ]);
          assert.ok(auth.scopes.every((s) => (API_SCOPES as readonly string[]).includes(s)));
          throw rolledBack;
        })
        .catch((err: unknown) => {
          if (err !== rolledBack) throw err;
        });
      const columns = await storage.db.selectFrom('api_tokens').select('scopes').limit(1).execute();
      assert.ok(Array.isArray(columns), 'the table is as it was');
    });
  });
}
