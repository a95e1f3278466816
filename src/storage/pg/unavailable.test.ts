import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import pg from 'pg';
import { openStorage, type Storage } from '../database.ts';
import { isDatabaseUnavailable } from './unavailable.ts';
import { testApp } from '../../testing/http.ts';

// A web process whose PostgreSQL server cannot be reached answers 503 "database unavailable"
// (a page for browsers, JSON for clients), stays alive for liveness probes and reports itself
// not ready. The server here is a real closed port: connecting is refused, as during a restart.

function closedPort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  assert.fail('expected the work to fail');
}

describe('an unreachable database', () => {
  let storage: Storage | undefined;
  after(async () => storage?.close());

  test('connection failures count as unavailable; query errors and other errors do not', async () => {
    const port = await closedPort();
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${port}/cairn`,
      connectionTimeoutMillis: 2000,
    });
    const refused = await failureOf(() => client.connect());
    assert.ok(isDatabaseUnavailable(refused), `a refused connection: ${String(refused)}`);
    assert.equal(isDatabaseUnavailable(new Error('something else')), false);
    assert.equal(
      isDatabaseUnavailable(
        Object.assign(new Error('duplicate key value violates unique constraint'), {
          code: '23505',
          severity: 'ERROR',
        }),
      ),
      false,
    );
    assert.equal(
      isDatabaseUnavailable(Object.assign(new Error('no such file'), { code: 'ENOENT' })),
      false,
      'a missing file is not a database outage',
    );
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  });

  test('pages and the API answer 503 with Retry-After; /healthz stays 200 and /readyz is 503', async () => {
    const port = await closedPort();
    storage = await openStorage({
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/cairn`,
      dataDir: '',
      connectTimeoutMs: 2000,
    });
    const { app } = testApp(storage);
    // A session cookie makes every request look its session up in the database.
    const cookie = 'cairn_session=someone-s-session';

    const page = await app.request('/profile', { headers: { accept: 'text/html', cookie } });
    assert.equal(page.status, 503);
    assert.equal(page.headers.get('retry-after'), '5');
    assert.match(
      await page.text(),
      /Cairn can(&#39;|')t reach its database right now; try again in a moment/,
    );

    const api = await app.request('/api/v1/me', { headers: { accept: 'application/json', cookie } });
    assert.equal(api.status, 503);
    assert.equal(api.headers.get('retry-after'), '5');
    const body = (await api.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'database_unavailable');
    assert.match(body.error.message, /reach its database/);

    for (const path of ['/healthz', '/livez']) {
      const live = await app.request(path);
      assert.equal(live.status, 200, path);
      assert.deepEqual(await live.json(), { ok: true });
    }
    const ready = await app.request('/readyz');
    assert.equal(ready.status, 503);
    const readiness = (await ready.json()) as { ok: boolean; reason: string };
    assert.equal(readiness.ok, false);
    assert.match(readiness.reason, /database/);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;
describe(
  'a terminated connection (PostgreSQL)',
  { skip: adminUrl ? false : 'needs TEST_DATABASE_URL (CI sets it)' },
  () => {
    test('an administrator terminating the backend counts as unavailable', async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        const err = await failureOf(() => client.query('select pg_terminate_backend(pg_backend_pid())'));
        assert.ok(isDatabaseUnavailable(err), `terminated: ${String(err)}`);
        const next = await failureOf(() => client.query('select 1'));
        assert.ok(isDatabaseUnavailable(next), `after termination: ${String(next)}`);
      } finally {
        await client.end().catch(() => {});
      }
      const ok = new pg.Client({ connectionString: adminUrl });
      await ok.connect();
      try {
        const syntax = await failureOf(() => ok.query('selec 1'));
        assert.equal(isDatabaseUnavailable(syntax), false, 'a syntax error is a bug, not an outage');
      } finally {
        await ok.end();
      }
    });
  },
);
