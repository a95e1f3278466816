import { after, describe, test } from 'node:test';
import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testBackends, unique } from '../../testing/databases.ts';
import { loggedIn, testApp, testConfig, testCredentialServices } from '../../testing/http.ts';
import { addMember, buildOrganisation, buildUser } from '../../testing/factories.ts';
import { publishedMicroCredential } from '../../testing/catalogFixtures.ts';
import { ManualClock } from '../../domain/clock.ts';
import { silentLogger } from '../../logger.ts';
import { outboxOnlyMailer } from '../../mail/mailer.ts';
import { Worker } from '../../jobs/worker.ts';
import type { JobDefinition } from '../../jobs/definition.ts';
import { issueCredential } from '../issuing/commands/issueCredential.ts';
import { changeCredentialStatus } from '../issuing/commands/changeCredentialStatus.ts';
import { createApiToken } from '../accounts/commands/createApiToken.ts';
import { recordAudit } from '../../storage/audit.ts';
import { AppError } from '../../domain/errors.ts';
import type { Storage } from '../../storage/database.ts';
import { webhookJobs } from './deliverJob.ts';
import { createSubscription } from './createSubscription.ts';
import { AUDIT_ACTION_EVENTS, WEBHOOK_EVENT_TYPES } from './events.ts';
import { verifyWebhook } from './signature.ts';
import type { WebhookEnvelope } from './envelope.ts';

const config = testConfig({ CAIRN_WEBHOOK_ALLOW_PRIVATE: 'true' });
const services = testCredentialServices();
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A real receiver on 127.0.0.1: records each request and answers with the next queued status (default 200). */
async function receiver(answers: number[] = []) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      res.statusCode = answers.shift() ?? 200;
      res.end(res.statusCode >= 300 ? 'receiver is down for maintenance' : 'ok');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

async function scenario(storage: Storage) {
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  const deps = { db: storage.db, config, clock, credentials: services };
  const org = await buildOrganisation(storage.db, { kind: 'issuer', name: 'Union Academy' });
  const owner = await buildUser(storage.db);
  await addMember(storage.db, org.id, owner.id, ['owner']);
  const { publicId: mc } = await publishedMicroCredential(
    deps,
    { userId: owner.id, ip: null },
    org.slug,
    `Restorative circles ${unique('')}`,
  );
  const actor = { organisationId: org.id, userId: owner.id, ip: null };
  const worker = new Worker({
    deps: {
      db: storage.db,
      clock,
      logger: silentLogger,
      mailer: outboxOnlyMailer,
      config,
      credentials: services,
    },
    jobs: webhookJobs as JobDefinition<unknown>[],
    concurrency: 1,
    pollMs: 20,
  });
  const subscribe = (url: string, events: string[]) =>
    createSubscription({ db: storage.db, clock, config, vault: services.vault }, actor, { url, events });
  const issue = (db = storage.db) =>
    issueCredential(
      { ...deps, db },
      {
        actor: actor,
        organisationId: actor.organisationId,
        recipient: { email: `earner-${unique('')}@example.org` },
        microCredential: mc,
      },
    );
  const deliveries = (subscription: string) =>
    storage.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select([
        'd.public_id',
        'd.event_id',
        'd.event_type',
        'd.state',
        'd.attempts',
        'd.status_code',
        'd.response_snippet',
        'd.body',
      ])
      .where('s.public_id', '=', subscription)
      .orderBy('d.id')
      .execute();
  return { clock, deps, org, owner, actor, worker, subscribe, issue, deliveries };
}

for (const backend of testBackends()) {
  describe(`organisation webhooks (${backend.name})`, () => {
    test('issuing a credential delivers credential.issued, signed; the receiver refuses a tampered body, a wrong secret and a replay', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const r = await receiver();
      const { publicId, secret } = await s.subscribe(r.url, ['credential.issued', 'credential.revoked']);
      assert.match(secret, /^whsec_/);
      const stored = await storage.db
        .selectFrom('webhook_subscriptions')
        .select('secret_enc')
        .where('public_id', '=', publicId)
        .executeTakeFirstOrThrow();
      assert.ok(!stored.secret_enc.includes(secret), 'the secret is stored encrypted');

      const issued = await s.issue();
      await s.worker.drain();
      assert.equal(r.received.length, 1);
      const [got] = r.received;
      const envelope = JSON.parse(got!.body) as WebhookEnvelope;
      assert.equal(envelope.type, 'credential.issued');
      assert.deepEqual(envelope.organisation, { id: s.org.public_id, slug: s.org.slug });
      assert.equal((envelope.data.credential as { id: string }).id, issued.publicId);
      assert.equal(
        (envelope.data.credential as { url: string }).url,
        `${config.publicUrl}/badges/${issued.publicId}`,
      );
      assert.equal(got!.headers['cairn-event-id'], envelope.id);
      assert.equal(got!.headers['cairn-event-type'], 'credential.issued');
      assert.doesNotMatch(got!.body, /whsec_|earner-/, 'no secret and no email address in the payload');

      const header = got!.headers['cairn-signature'] as string;
      assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
      const now = s.clock.now();
      // The receiver's own check, written from the documented scheme with node:crypto (not Cairn's
      // verifier): v1 is HMAC-SHA256 of "<t>.<raw body>" under the secret, and t is the send time.
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      assert.equal(createHmac('sha256', secret).update(`${t}.${got!.body}`, 'utf8').digest('hex'), v1);
      assert.ok(Math.abs(Number(t) - now.getTime() / 1000) <= 300, 'signed just now');
      assert.deepEqual(verifyWebhook({ secret, body: got!.body, header, now }), {
        ok: true,
        timestamp: Math.floor(now.getTime() / 1000),
      });
      assert.deepEqual(
        verifyWebhook({ secret, body: got!.body.replace(issued.publicId, 'crd_forged'), header, now }),
        { ok: false, reason: 'signature_mismatch' },
        'a tampered body',
      );
      assert.deepEqual(
        verifyWebhook({ secret: 'whsec_wrong', body: got!.body, header, now }),
        { ok: false, reason: 'signature_mismatch' },
        'a wrong secret',
      );
      assert.deepEqual(
        verifyWebhook({ secret, body: got!.body, header, now: new Date(now.getTime() + 6 * 60_000) }),
        { ok: false, reason: 'timestamp_out_of_range' },
        'replayed six minutes later',
      );
      assert.deepEqual(verifyWebhook({ secret, body: got!.body, header: undefined, now }), {
        ok: false,
        reason: 'missing_signature',
      });
      assert.deepEqual(verifyWebhook({ secret, body: got!.body, header: 'v1=abc', now }), {
        ok: false,
        reason: 'malformed_signature',
      });

      // An event the subscription did not choose is not sent; one it chose is.
      await changeCredentialStatus(s.deps, {
        actor: s.actor,
        organisationId: s.actor.organisationId,
        credential: issued.publicId,
        action: 'suspend',
        reason: 'Under review',
      });
      await changeCredentialStatus(s.deps, {
        actor: s.actor,
        organisationId: s.actor.organisationId,
        credential: issued.publicId,
        action: 'revoke',
        reason: 'Evidence was not the earner’s own.',
      });
      await s.worker.drain();
      assert.deepEqual(
        r.received.map((x) => (JSON.parse(x.body) as WebhookEnvelope).type),
        ['credential.issued', 'credential.revoked'],
      );
      assert.equal(
        (JSON.parse(r.received[1]!.body) as WebhookEnvelope).data.reason,
        'Evidence was not the earner’s own.',
      );
    });

    test('a receiver answering 500 then 200 gets a retry; the log shows status, attempts, next try and the answer', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const r = await receiver([500, 200]);
      const { publicId, secret } = await s.subscribe(r.url, ['credential.issued']);
      await s.issue();
      await s.worker.drain();
      assert.equal(r.received.length, 1);
      let [log] = await s.deliveries(publicId);
      assert.deepEqual(
        [log?.state, log?.attempts, log?.status_code, log?.response_snippet],
        ['pending', 1, 500, 'receiver is down for maintenance'],
      );

      const { app } = testApp(storage, { config, clock: s.clock });
      const owner = await loggedIn(app, s.owner);
      const html = await (await owner.get(`/orgs/${s.org.slug}/webhooks/${publicId}`)).text();
      assert.match(html, /HTTP 500/);
      assert.match(html, /receiver is down for maintenance/);
      assert.match(html, /Waiting/);
      // The next try, written the reader's way (English here: the request asks for no language).
      assert.match(
        html,
        /\w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M<\/td>\s*<td><code>/,
        'the next try is shown',
      );

      s.clock.advance(60 * 60_000);
      await s.worker.drain();
      assert.equal(r.received.length, 2, 'retried through the job queue');
      [log] = await s.deliveries(publicId);
      assert.deepEqual([log?.state, log?.attempts, log?.status_code], ['delivered', 2, 200]);
      assert.equal(r.received[0]!.body, r.received[1]!.body, 'a retry sends the same event');
      assert.notEqual(
        r.received[0]!.headers['cairn-signature'],
        r.received[1]!.headers['cairn-signature'],
        'signed afresh',
      );
      assert.ok(
        verifyWebhook({
          secret,
          body: r.received[1]!.body,
          header: r.received[1]!.headers['cairn-signature'] as string,
          now: s.clock.now(),
        }).ok,
      );
    });

    test('a transaction that rolls back sends nothing', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const r = await receiver();
      const { publicId } = await s.subscribe(r.url, ['credential.issued']);
      await assert.rejects(
        storage.db.transaction().execute(async (tx) => {
          await s.issue(tx as unknown as typeof storage.db);
          assert.equal(
            (
              await tx
                .selectFrom('webhook_deliveries as d')
                .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
                .select('d.id')
                .where('w.public_id', '=', publicId)
                .execute()
            ).length,
            1,
            'the delivery is written in the same transaction',
          );
          throw new Error('something later in the transaction failed');
        }),
        /something later/,
      );
      await s.worker.drain();
      assert.deepEqual(await s.deliveries(publicId), []);
      assert.equal(r.received.length, 0);
    });

    test('replay from the log: a new delivery of the same event, signed with a new timestamp', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const r = await receiver();
      const { publicId, secret } = await s.subscribe(r.url, ['credential.issued']);
      await s.issue();
      await s.worker.drain();
      const [first] = await s.deliveries(publicId);
      assert.equal(first?.state, 'delivered');

      const { app } = testApp(storage, { config, clock: s.clock });
      const owner = await loggedIn(app, s.owner);
      s.clock.advance(10 * 60_000);
      const res = await owner.post(
        `/orgs/${s.org.slug}/webhooks/${publicId}/deliveries/${first!.public_id}/replay`,
      );
      assert.equal(res.status, 303);
      await s.worker.drain();
      const log = await s.deliveries(publicId);
      assert.equal(log.length, 2);
      assert.equal(log[1]!.event_id, first!.event_id, 'the same event');
      assert.notEqual(log[1]!.public_id, first!.public_id, 'a new delivery');
      assert.equal(log[1]!.state, 'delivered');
      assert.equal(r.received.length, 2);
      assert.equal(r.received[1]!.body, r.received[0]!.body);
      assert.equal(r.received[1]!.headers['cairn-event-id'], r.received[0]!.headers['cairn-event-id']);
      const replayed = verifyWebhook({
        secret,
        body: r.received[1]!.body,
        header: r.received[1]!.headers['cairn-signature'] as string,
        now: s.clock.now(),
      });
      assert.ok(
        replayed.ok && replayed.timestamp === Math.floor(s.clock.now().getTime() / 1000),
        'a new timestamp',
      );
      assert.equal(
        verifyWebhook({
          secret,
          body: r.received[0]!.body,
          header: r.received[0]!.headers['cairn-signature'] as string,
          now: s.clock.now(),
        }).ok,
        false,
        'the first signature is now too old',
      );
      assert.match(await (await owner.get(`/orgs/${s.org.slug}/webhooks/${publicId}`)).text(), /Replay/);
    });

    test('tenancy: another organisation’s events never reach this subscription, and its webhooks are invisible', async () => {
      const storage = await backend.storage();
      const a = await scenario(storage);
      const b = await scenario(storage);
      const ra = await receiver();
      const rb = await receiver();
      const { publicId: subA } = await a.subscribe(ra.url, [...WEBHOOK_EVENT_TYPES]);
      const { publicId: subB } = await b.subscribe(rb.url, [...WEBHOOK_EVENT_TYPES]);
      const issuedB = await b.issue();
      await b.worker.drain();
      await a.worker.drain();
      assert.equal(ra.received.length, 0, 'nothing of organisation B reaches A');
      assert.equal(rb.received.length, 1);
      assert.equal(
        (JSON.parse(rb.received[0]!.body) as { data: { credential: { id: string } } }).data.credential.id,
        issuedB.publicId,
      );
      assert.deepEqual(await a.deliveries(subA), []);

      const { app } = testApp(storage, { config, clock: a.clock });
      const ownerA = await loggedIn(app, a.owner);
      assert.equal((await ownerA.get(`/orgs/${b.org.slug}/webhooks`)).status, 404);
      assert.equal((await ownerA.get(`/orgs/${b.org.slug}/webhooks/${subB}`)).status, 404);
      assert.equal(
        (await ownerA.get(`/orgs/${a.org.slug}/webhooks/${subB}`)).status,
        404,
        'B’s subscription under A’s slug',
      );
      assert.equal(
        (await ownerA.get(`/orgs/${a.org.slug}/webhooks/whs_%00`)).status,
        404,
        'a NUL matches nothing',
      );
      assert.equal(
        (await ownerA.post(`/orgs/${a.org.slug}/webhooks/${subA}/deliveries/%00/replay`)).status,
        404,
      );
      assert.equal((await ownerA.post(`/orgs/${a.org.slug}/webhooks/%00/disable`)).status, 404);
      const [deliveryB] = await b.deliveries(subB);
      assert.equal(
        (await ownerA.post(`/orgs/${a.org.slug}/webhooks/${subA}/deliveries/${deliveryB!.public_id}/replay`))
          .status,
        404,
      );
      const { token: tokenA } = await createApiToken(a.deps, { name: 'LMS', actor: a.actor });
      const res = await app.request(`/api/v1/orgs/${b.org.slug}/webhooks`, {
        headers: { authorization: `Bearer ${tokenA}`, accept: 'application/json' },
      });
      assert.equal(res.status, 404);
      // A member without the owner/admin role may not manage webhooks.
      const staff = await buildUser(storage.db);
      await addMember(storage.db, a.org.id, staff.id, ['issuing_staff']);
      assert.equal((await (await loggedIn(app, staff)).get(`/orgs/${a.org.slug}/webhooks`)).status, 403);
    });

    test('the JSON API: a token creates (secret once), lists, turns off, deletes; bad input is a clear 422; a session needs X-CSRF-Token', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const r = await receiver();
      const { app } = testApp(storage, { config, clock: s.clock });
      const { token } = await createApiToken(s.deps, { name: 'Integration', actor: s.actor });
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await app.request(`/api/v1/orgs/${s.org.slug}/webhooks${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return {
          status: res.status,
          body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>),
        };
      };
      let res = await call('POST', '', {
        url: 'ftp://example.org/x',
        events: ['credential.issued', 'credential.exploded'],
      });
      assert.equal(res.status, 422);
      assert.equal((res.body!.error as { code: string }).code, 'validation_failed');
      assert.ok((res.body!.error as { fields: Record<string, string> }).fields.url);
      assert.match(
        (res.body!.error as { fields: Record<string, string> }).fields.events ?? '',
        /Choose events from the list/,
      );

      res = await call('POST', '', { url: r.url, events: ['credential.issued'] });
      assert.equal(res.status, 201);
      const id = res.body!.id as string;
      assert.match(res.body!.secret as string, /^whsec_/);
      res = await call('GET', '');
      assert.deepEqual(
        (res.body!.webhooks as Array<{ id: string; enabled: boolean }>).map((w) => [w.id, w.enabled]),
        [[id, true]],
      );
      assert.ok(!JSON.stringify(res.body).includes('whsec_'), 'the secret is never listed');

      res = await call('PATCH', `/${id}`, { enabled: false });
      assert.equal(res.body!.enabled, false);
      await s.issue();
      await s.worker.drain();
      assert.equal(r.received.length, 0, 'a subscription that is off gets nothing');
      res = await call('PATCH', `/${id}`, { enabled: true });
      await s.issue();
      await s.worker.drain();
      assert.equal(r.received.length, 1);
      res = await call('GET', `/${id}`);
      assert.deepEqual(
        (res.body!.deliveries as Array<{ state: string; statusCode: number; attempts: number }>).map((d) => [
          d.state,
          d.statusCode,
          d.attempts,
        ]),
        [['delivered', 200, 1]],
      );

      // A logged-in owner uses the API with X-CSRF-Token; without it the request is refused.
      const owner = await loggedIn(app, s.owner);
      const withoutCsrf = await owner.request('POST', `/api/v1/orgs/${s.org.slug}/webhooks`, {
        body: JSON.stringify({ url: r.url, events: ['credential.issued'] }),
        headers: { accept: 'application/json', 'content-type': 'application/json' },
      });
      assert.equal(withoutCsrf.status, 403);
      const withCsrf = await owner.postJson(`/api/v1/orgs/${s.org.slug}/webhooks`, {
        url: r.url,
        events: ['bulk_run.finished'],
      });
      assert.equal(withCsrf.status, 201);

      res = await call('DELETE', `/${id}`);
      assert.equal(res.status, 204);
      assert.equal((await call('GET', `/${id}`)).status, 404);
    });

    test('the page: adding a webhook shows its secret once; a bad URL is explained with what was typed', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const { app } = testApp(storage, { config, clock: s.clock });
      const owner = await loggedIn(app, s.owner);
      let res = await owner.post(`/orgs/${s.org.slug}/webhooks`, {
        url: 'not a url',
        events: ['credential.issued'],
      });
      assert.equal(res.status, 422);
      let html = await res.text();
      assert.match(html, /Use an http\(s\) URL/);
      assert.match(html, /value="credential.issued" checked/);
      res = await owner.post(`/orgs/${s.org.slug}/webhooks`, {
        url: 'https://example.org/cairn-events',
        events: ['credential.issued', 'credential.claimed'],
      });
      assert.equal(res.status, 201);
      html = await res.text();
      assert.match(html, /<pre id="webhook-secret">whsec_[A-Za-z0-9_-]+<\/pre>/);
      html = await (await owner.get(`/orgs/${s.org.slug}/webhooks`)).text();
      assert.doesNotMatch(html, /whsec_/, 'shown once');
      assert.match(html, /credential.issued, credential.claimed/);
    });

    test('a loopback or private address is refused when the subscription is made, unless private addresses are allowed', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const strict = { db: storage.db, clock: s.clock, config: testConfig(), vault: services.vault };
      for (const url of [
        'http://127.0.0.1:9/hook',
        'http://localhost/hook',
        'https://10.1.2.3/hook',
        'http://[::1]/hook',
      ]) {
        await assert.rejects(
          createSubscription(strict, s.actor, { url, events: ['credential.issued'] }),
          (e: unknown) =>
            e instanceof AppError &&
            e.code === 'validation_failed' &&
            /private network/.test(e.fields.url ?? ''),
          url,
        );
      }
      assert.equal(
        (
          await storage.db
            .selectFrom('webhook_subscriptions')
            .select('id')
            .where('organisation_id', '=', s.org.id)
            .execute()
        ).length,
        0,
      );
    });

    test('every mapped audit action becomes its event, and no other action does (the trigger and events.ts agree)', async () => {
      const storage = await backend.storage();
      const s = await scenario(storage);
      const { publicId } = await s.subscribe('https://example.org/all-events', [...WEBHOOK_EVENT_TYPES]);
      const actions = [
        ...Object.keys(AUDIT_ACTION_EVENTS),
        'user.logged_in',
        'credential.viewed',
        'webhook.created',
      ];
      for (const action of actions)
        await recordAudit(
          storage.db,
          { organisationId: s.org.id, actorUserId: null, action, subjectType: 'test', subjectId: action },
          s.clock.now(),
        );
      const got = (await s.deliveries(publicId)).map((d) => d.event_type);
      assert.deepEqual(got, Object.values(AUDIT_ACTION_EVENTS));
      // The same events for an account-level entry (no organisation) reach nobody.
      await recordAudit(
        storage.db,
        { organisationId: null, actorUserId: null, action: 'credential.issued', subjectType: 'test' },
        s.clock.now(),
      );
      assert.equal((await s.deliveries(publicId)).length, got.length);
      await storage.db.deleteFrom('webhook_subscriptions').where('public_id', '=', publicId).execute();
    });
  });
}
