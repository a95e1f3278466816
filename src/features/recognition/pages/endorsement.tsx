import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import { recognitionPaths } from '../paths.ts';
import { endorsementDocument } from '../queries/submissions.ts';

/** Public: an endorsement's signed document, as stored. */
export function endorsementRoutes() {
  const r = new Hono<AppEnv>();
  r.get(recognitionPaths.endorsement(':id'), async (c) => {
    const row = await endorsementDocument(c.var.deps.db, c.req.param('id') ?? '');
    if (!row) throw notFound('endorsement');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(row.document, 200, { 'Content-Type': 'application/vc+ld+json; charset=utf-8' });
  });
  return r;
}
