import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { testBackends, unique } from '../testing/databases.ts';
import { testApp } from '../testing/http.ts';
import { authzWorld, type AuthzWorld } from '../testing/authzFixtures.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import { revokeApiToken } from '../features/accounts/commands/revokeApiToken.ts';
import type { ApiScope } from '../http/apiTokens.ts';
import type { AppEnv } from '../http/env.ts';
import type { Storage } from '../storage/database.ts';
import type { ManualClock } from '../domain/clock.ts';

/*
 * Organisation API tokens on the catalog, earning (staff), proof-and-fees (staff) and recognition
 * routes of /api/v1: a token holding the route's scope acts as its organisation; one without it is
 * refused with insufficient_scope (naming the scope); a token of another organisation finds
 * nothing of this one's; a revoked token is not a token. Every refusal has the one error shape.
 */

type Answer = { status: number; body: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };

for (const backend of testBackends()) {
  describe(`organisation API tokens across /api/v1 (${backend.name})`, () => {
    let app: Hono<AppEnv>;
    let storage: Storage;
    let clock: ManualClock;
    let own: AuthzWorld;
    let foreign: AuthzWorld;

    before(async () => {
      storage = await backend.storage();
      const built = testApp(storage);
      app = built.app;
      clock = built.clock;
      own = await authzWorld(storage, built.clock, built.config, 'Tokens');
      foreign = await authzWorld(storage, built.clock, built.config, 'Others');
    });

    const tokenOf = async (w: AuthzWorld, scopes: ApiScope[]) =>
      (
        await createApiToken(
          { db: storage.db, clock },
          { name: `t ${unique('')}`, scopes, actor: { organisationId: w.org.id, userId: null, ip: null } },
        )
      ).token;

    const call = async (method: string, path: string, token: string, body?: unknown): Promise<Answer> => {
      const res = await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };

    /** A refusal in the one error shape, with this status and code. */
    const refused = (a: Answer, status: number, code: string, mentions?: string) => {
      assert.equal(a.status, status, JSON.stringify(a.body));
      const { error } = a.body as ErrorBody;
      assert.equal(error.code, code);
      assert.equal(typeof error.message, 'string');
      assert.equal(typeof error.details, 'object');
      if (mentions) assert.ok(error.message.includes(mentions), error.message);
    };

    /** A token that is revoked answers 401, whatever it held. */
    const revokedToken = async (w: AuthzWorld, scopes: ApiScope[]) => {
      const made = await createApiToken(
        { db: storage.db, clock },
        { name: 'soon gone', scopes, actor: { organisationId: w.org.id, userId: null, ip: null } },
      );
      await revokeApiToken(
        { db: storage.db, clock },
        { tokenPublicId: made.publicId, actor: { organisationId: w.org.id, userId: null, ip: null } },
      );
      return made.token;
    };

    test('catalog: catalog:write designs, catalog:read reads; other scopes, organisations and revoked tokens are refused', async () => {
      const slug = own.org.slug;
      const writer = await tokenOf(own, ['catalog:write']);
      const reader = await tokenOf(own, ['catalog:read']);
      const made = await call('POST', `/api/v1/orgs/${slug}/micro-credentials`, writer, {
        title: `Token-made ${unique('')}`,
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const mcId = String(made.body.publicId);
      const stack = await call('POST', `/api/v1/orgs/${slug}/stacks`, writer, {
        name: `Token stack ${unique('')}`,
        description: 'Made by an API token.',
        microCredentials: [own.mc.publicId],
      });
      assert.equal(stack.status, 201, JSON.stringify(stack.body));

      const list = await call('GET', `/api/v1/orgs/${slug}/micro-credentials`, reader);
      assert.equal(list.status, 200);
      const rows = list.body.microCredentials as Array<{ id: string; status: string }>;
      assert.deepEqual(
        rows.filter((r) => r.id === mcId).map((r) => r.status),
        ['draft'],
      );
      const history = await call('GET', `/api/v1/orgs/${slug}/micro-credentials/${mcId}/history`, reader);
      assert.equal(history.status, 200);
      // The organisation acted, through its token: no person is named.
      const events = history.body.events as Array<{ action: string; actor: string | null }>;
      assert.deepEqual(
        events.map((e) => [e.action, e.actor]),
        [['micro_credential.created', null]],
      );

      refused(
        await call('POST', `/api/v1/orgs/${slug}/micro-credentials/${mcId}/retire`, reader),
        403,
        'insufficient_scope',
        'catalog:write',
      );
      refused(await call('GET', `/api/v1/orgs/${slug}/micro-credentials`, writer), 403, 'insufficient_scope');
      const stranger = await tokenOf(foreign, ['catalog:read', 'catalog:write']);
      refused(await call('GET', `/api/v1/orgs/${slug}/micro-credentials`, stranger), 404, 'not_found');
      refused(
        await call('POST', `/api/v1/orgs/${slug}/micro-credentials/${mcId}/publish`, stranger),
        404,
        'not_found',
      );
      // Its own organisation in the path, this one's micro-credential in it: nothing there either.
      refused(
        await call('POST', `/api/v1/orgs/${foreign.org.slug}/micro-credentials/${mcId}/retire`, stranger),
        404,
        'not_found',
      );
      const gone = await revokedToken(own, ['catalog:read', 'catalog:write']);
      refused(await call('GET', `/api/v1/orgs/${slug}/micro-credentials`, gone), 401, 'unauthenticated');
      refused(
        await call('POST', `/api/v1/orgs/${slug}/micro-credentials`, gone, { title: 'Never' }),
        401,
        'unauthenticated',
      );
    });

    test('earning (staff): applications:read reads, applications:manage asks second reviews, recording outcomes needs credentials:issue; the rest are refused', async () => {
      const slug = own.org.slug;
      const reader = await tokenOf(own, ['applications:read']);
      const app1 = await call('GET', `/api/v1/orgs/${slug}/applications/${own.application}`, reader);
      assert.equal(app1.status, 200, JSON.stringify(app1.body));
      assert.equal(app1.body.id, own.application);
      const teams = await call('GET', `/api/v1/orgs/${slug}/teams`, reader);
      assert.equal(teams.status, 200);
      assert.ok((teams.body.teams as Array<{ id: string }>).some((t) => t.id === own.team));
      const calibration = await call('GET', `/api/v1/orgs/${slug}/calibration`, reader);
      assert.equal(calibration.status, 200);
      assert.equal(typeof calibration.body.reviewed, 'number');

      // Asking for a second review is a change: reading is not enough.
      const secondReview = `/api/v1/orgs/${slug}/attempts/${own.reviewedAttempt}/second-review`;
      refused(await call('POST', secondReview, reader), 403, 'insufficient_scope', 'applications:manage');
      const manager = await tokenOf(own, ['applications:manage']);
      const asked = await call('POST', secondReview, manager);
      // Past the gate: the command judged the attempt (a new second review, or no other reviewer left).
      assert.ok([201, 409].includes(asked.status), JSON.stringify(asked.body));
      refused(await call('GET', `/api/v1/orgs/${slug}/teams`, manager), 403, 'insufficient_scope');
      refused(
        await call('POST', `/api/v1/orgs/${slug}/micro-credentials/${own.mc.publicId}/outcomes`, reader, {
          email: 'someone@example.org',
        }),
        403,
        'insufficient_scope',
        'credentials:issue',
      );

      const stranger = await tokenOf(foreign, ['applications:read', 'applications:manage']);
      refused(
        await call('GET', `/api/v1/orgs/${slug}/applications/${own.application}`, stranger),
        404,
        'not_found',
      );
      refused(
        await call('GET', `/api/v1/orgs/${foreign.org.slug}/applications/${own.application}`, stranger),
        404,
        'not_found',
      );
      refused(await call('POST', secondReview, stranger), 404, 'not_found');
      const gone = await revokedToken(own, ['applications:read']);
      refused(await call('GET', `/api/v1/orgs/${slug}/calibration`, gone), 401, 'unauthenticated');
    });

    test('proof and fees (staff): applications:read lists the queue, payments:manage marks paid, credentials:issue approves; the rest are refused', async () => {
      const slug = own.org.slug;
      const reader = await tokenOf(own, ['applications:read']);
      const queue = await call('GET', `/api/v1/orgs/${slug}/proof-queue`, reader);
      assert.equal(queue.status, 200);
      const rows = queue.body.applications as Array<{ id: string; payment: { id: string; state: string } }>;
      assert.equal(rows.find((r) => r.id === own.proofApplication)?.payment.state, 'pending');

      const markPaid = `/api/v1/orgs/${slug}/payments/${own.payment}/mark-paid`;
      refused(
        await call('POST', markPaid, reader, { reference: 'T-1' }),
        403,
        'insufficient_scope',
        'payments:manage',
      );
      const stranger = await tokenOf(foreign, ['payments:manage', 'credentials:issue', 'applications:read']);
      refused(await call('POST', markPaid, stranger, { reference: 'T-1' }), 404, 'not_found');
      refused(
        await call('POST', `/api/v1/orgs/${foreign.org.slug}/payments/${own.payment}/mark-paid`, stranger, {
          reference: 'T-1',
        }),
        404,
        'not_found',
      );
      refused(await call('GET', `/api/v1/orgs/${slug}/proof-queue`, stranger), 404, 'not_found');

      const cashier = await tokenOf(own, ['payments:manage']);
      const paid = await call('POST', markPaid, cashier, { reference: `T-${unique('')}` });
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      const approve = `/api/v1/orgs/${slug}/applications/${own.proofApplication}/approve`;
      refused(await call('POST', approve, cashier, {}), 403, 'insufficient_scope', 'credentials:issue');
      const issuer = await tokenOf(own, ['credentials:issue']);
      const approved = await call('POST', approve, issuer, { note: 'Certificate checked by the LMS.' });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const after = await call('GET', `/api/v1/orgs/${slug}/proof-queue?decided=true`, reader);
      const decided = (after.body.applications as Array<{ id: string; status: string }>).find(
        (r) => r.id === own.proofApplication,
      );
      assert.equal(decided?.status, 'passed');

      const gone = await revokedToken(own, ['applications:read', 'payments:manage']);
      refused(await call('GET', `/api/v1/orgs/${slug}/proof-queue`, gone), 401, 'unauthenticated');
    });

    test('recognition: recognition:read reads, recognition:manage runs programs, recognition:submit comments on what was sent; the rest are refused', async () => {
      const slug = own.org.slug;
      const base = `/api/v1/orgs/${slug}/recognition`;
      const reader = await tokenOf(own, ['recognition:read']);
      const programs = await call('GET', `${base}/programs`, reader);
      assert.equal(programs.status, 200);
      assert.ok((programs.body.programs as Array<{ id: string }>).some((p) => p.id === own.program));
      const received = await call('GET', `${base}/submissions/${own.incoming}`, reader);
      assert.equal(received.status, 200);
      assert.equal(received.body.side, 'recognizer');
      // Reading what the organisation sent is the submitters' side: recognition:submit.
      refused(await call('GET', `${base}/submissions/${own.submission}`, reader), 403, 'insufficient_scope');
      const listed = await call('GET', `${base}/submissions`, reader);
      assert.deepEqual(
        [
          ...new Set(
            (listed.body.submissions as Array<{ recognizer: { slug: string } }>).map(
              (s) => s.recognizer.slug,
            ),
          ),
        ],
        [slug],
      );

      const manager = await tokenOf(own, ['recognition:manage']);
      const made = await call('POST', `${base}/programs`, manager, {
        name: `Token program ${unique('')}`,
        licenseName: 'Educator license',
        cycleYears: 5,
        hoursRequired: 10,
        unitRule: 'fixed',
        fixedHours: 1,
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      refused(
        await call('POST', `${base}/programs`, reader, { name: 'Never' }),
        403,
        'insufficient_scope',
        'recognition:manage',
      );

      const submitter = await tokenOf(own, ['recognition:submit']);
      const comment = await call('POST', `${base}/submissions/${own.submission}/comment`, submitter, {
        body: 'Sent from our curriculum system.',
      });
      assert.equal(comment.status, 200, JSON.stringify(comment.body));
      const thread = await call('GET', `${base}/submissions/${own.submission}`, submitter);
      const entries = thread.body.thread as Array<{ kind: string; body: string; author: string | null }>;
      assert.ok(entries.some((e) => e.kind === 'comment' && e.body === 'Sent from our curriculum system.'));
      refused(
        await call('POST', `${base}/submissions/${own.submission}/comment`, reader, { body: 'No.' }),
        403,
        'insufficient_scope',
        'recognition:submit',
      );
      refused(
        await call('GET', `${base}/submissions`, await tokenOf(own, ['catalog:read'])),
        403,
        'insufficient_scope',
      );

      const stranger = await tokenOf(foreign, [
        'recognition:read',
        'recognition:manage',
        'recognition:submit',
      ]);
      refused(await call('GET', `${base}/programs`, stranger), 404, 'not_found');
      refused(
        await call('POST', `${base}/submissions/${own.incoming}/reject`, stranger, { body: 'No.' }),
        404,
        'not_found',
      );
      refused(
        await call(
          'GET',
          `/api/v1/orgs/${foreign.org.slug}/recognition/submissions/${own.incoming}`,
          stranger,
        ),
        404,
        'not_found',
      );
      const gone = await revokedToken(own, ['recognition:read']);
      refused(await call('GET', `${base}/programs`, gone), 401, 'unauthenticated');
    });

    test('routes where a person acts for themselves take no organisation token', async () => {
      const token = await tokenOf(own, ['catalog:read', 'applications:read']);
      refused(await call('GET', '/api/v1/applications', token), 401, 'unauthenticated');
      refused(await call('GET', '/api/v1/me/pathways', token), 401, 'unauthenticated');
      refused(await call('GET', '/api/v1/reviews', token), 401, 'unauthenticated');
    });
  });
}
