import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { idParam, routeParams, slugParam } from './params.ts';

function appAnswering(options?: Parameters<typeof routeParams>[2]) {
  const app = new Hono();
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ code: err.code, fields: err.fields }, err.status as 400 | 404)
      : c.text('unexpected', 500),
  );
  app.get('/orgs/:slug/emails/:id', (c) => {
    const { slug, id } = routeParams(c, z.object({ slug: slugParam, id: idParam }), options);
    return c.json({ slug, id, idType: typeof id });
  });
  return app;
}

describe('routeParams', () => {
  test('parses path parameters with the schema, coercing numeric ids', async () => {
    const res = await appAnswering().request('/orgs/acme/emails/12');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { slug: 'acme', id: 12, idType: 'number' });
  });

  test('a segment that does not parse is the standard not_found', async () => {
    for (const path of ['/orgs/acme/emails/abc', '/orgs/acme/emails/0', '/orgs/acme/emails/1.5']) {
      const res = await appAnswering().request(path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { code: string }).code, 'not_found');
    }
  });

  test('can answer invalid_input naming the parameter instead', async () => {
    const res = await appAnswering({ onInvalid: 'invalid' }).request('/orgs/acme/emails/abc');
    assert.equal(res.status, 400);
    const body = (await res.json()) as { code: string; fields: Record<string, string> };
    assert.equal(body.code, 'invalid_input');
    assert.ok(body.fields.id);
  });
});
