import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { TestBrowser, testApp, testConfig, testCredentialServices } from '../testing/http.ts';
import { buildOrganisation, buildUser } from '../testing/factories.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { sql } from 'kysely';
import { createApp } from '../main/app.ts';
import { ManualClock } from '../domain/clock.ts';
import { createLogger } from '../logger.ts';

const [pglite] = testBackends();

describe('the error boundary', () => {
  test('unknown errors become a 500 that hides the detail and names the request', async () => {
    const storage = await pglite!.storage();
    const { app } = testApp(storage);
    app.get('/boom', () => {
      throw new Error('secret database detail');
    });
    const browser = new TestBrowser(app);
    const page = await browser.get('/boom', { 'x-request-id': 'req-123' });
    assert.equal(page.status, 500);
    const html = await page.text();
    assert.doesNotMatch(html, /secret database detail/);
    assert.match(html, /logged as req-123/);
    const json = await browser.get('/boom', { accept: 'application/json', 'x-request-id': 'req-456' });
    assert.equal(json.status, 500);
    const body = (await json.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'internal');
    assert.doesNotMatch(body.error.message, /secret/);
  });

  test('pages carry security headers', async () => {
    const storage = await pglite!.storage();
    const res = await new TestBrowser(testApp(storage).app).get('/login');
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });
});

for (const backend of testBackends()) {
  describe(`the error boundary and PostgreSQL errors that escape a command (${backend.name})`, () => {
    test('a unique violation is a 409 conflict and unreadable client data a 400 invalid_input, named nowhere, logged', async () => {
      const storage = await backend.storage();
      const lines: string[] = [];
      const app = createApp({
        config: testConfig(),
        db: storage.db,
        clock: new ManualClock(new Date()),
        logger: createLogger('warn', (l) => lines.push(l)),
        credentials: testCredentialServices(),
      });
      const org = await buildOrganisation(storage.db);
      app.get('/dup', async () => {
        await sql`insert into organisations (public_id, slug, name, kind, updated_at) values ('org_dup_probe', ${org.slug}, 'Dup', 'issuer', now())`.execute(
          storage.db,
        );
        return new Response('unreachable');
      });
      // Text the client sent that PostgreSQL cannot read as the type: a word as a number, a day that
      // does not exist, a date it cannot parse, a number too large, a NUL byte in text.
      const probes: Record<string, string> = {
        int: `select 'twelve'::int`,
        date: `select '2026-02-30'::date`,
        format: `select 'next tuesday'::timestamptz`,
        range: `select '99999999999'::int`,
        nul: `select convert_from('\\x610062'::bytea, 'UTF8')`,
      };
      app.get('/bad/:kind', async (c) => {
        await sql.raw(probes[c.req.param('kind')] ?? 'select 1').execute(storage.db);
        return new Response('unreachable');
      });
      const browser = new TestBrowser(app);
      const dup = await browser.get('/dup', { accept: 'application/json' });
      assert.equal(dup.status, 409);
      const body = (await dup.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'conflict');
      assert.doesNotMatch(body.error.message, /organisations|slug|_key|org-/);
      const page = await browser.get('/dup');
      assert.equal(page.status, 409);
      assert.doesNotMatch(await page.text(), /organisations_slug|org_dup_probe/);
      for (const kind of Object.keys(probes)) {
        const res = await browser.get(`/bad/${kind}`, { accept: 'application/json' });
        assert.equal(res.status, 400, kind);
        const err = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(err.error.code, 'invalid_input', kind);
        assert.doesNotMatch(
          err.error.message,
          /twelve|2026-02-30|tuesday|99999999999|integer|date\/time/,
          kind,
        );
      }
      assert.equal(
        lines.filter((l) => l.includes('database refused client data')).length,
        2 + Object.keys(probes).length,
        'each one logged',
      );
      assert.ok(
        lines.some((l) => l.includes('23505') && l.includes('organisations_slug_key')),
        'the log keeps the detail',
      );
    });
  });
}

describe('admin pages', () => {
  test('dead jobs are visible to platform administrators only, who can retry them', async () => {
    const storage = await pglite!.storage();
    const { app, clock } = testApp(storage);
    const { id } = await enqueueJob(storage.db, 'test.never_handled', {}, clock.now());
    await storage.db
      .updateTable('jobs')
      .set({ status: 'dead', last_error: 'No handler for job type test.never_handled' })
      .where('id', '=', id)
      .execute();

    const member = await buildUser(storage.db);
    const someone = new TestBrowser(app);
    await someone.post('/login', { email: member.email, password: member.password });
    assert.equal((await someone.get('/admin/jobs')).status, 403);

    const admin = await buildUser(storage.db, { platformAdmin: true });
    const browser = new TestBrowser(app);
    await browser.post('/login', { email: admin.email, password: admin.password });
    const page = await browser.get('/admin/jobs');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /No handler for job type test.never_handled/);
    assert.equal((await browser.post(`/admin/jobs/${id}/retry`)).status, 303);
    const job = await storage.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(job, { status: 'queued', attempts: 0 });
    await storage.db.deleteFrom('jobs').where('id', '=', id).execute();
  });
});
