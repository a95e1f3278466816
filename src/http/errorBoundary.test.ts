import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../testing/databases.ts';
import { TestBrowser, testApp } from '../testing/http.ts';
import { buildUser } from '../testing/factories.ts';
import { enqueueJob } from '../jobs/queue.ts';

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

describe('admin pages', () => {
  test('dead jobs are visible to platform administrators only, who can retry them', async () => {
    const storage = await pglite!.storage();
    const { app, clock } = testApp(storage);
    const { id } = await enqueueJob(storage.db, 'test.never_handled', {}, clock.now());
    await storage.db.updateTable('jobs').set({ status: 'dead', last_error: 'No handler for job type test.never_handled' }).where('id', '=', id).execute();

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
    const job = await storage.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(job, { status: 'queued', attempts: 0 });
    await storage.db.deleteFrom('jobs').where('id', '=', id).execute();
  });
});
