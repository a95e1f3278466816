import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams } from '../../../http/params.ts';
import { recognitionPaths } from '../paths.ts';
import { endorsementDocument } from '../queries/submissions.ts';

const endorsementParams = z.object({ id: publicIdParam });

/** Public: an endorsement's signed document, as stored. */
export function endorsementRoutes() {
  const r = new Hono<AppEnv>();
  r.get(recognitionPaths.endorsement(':id'), async (c) => {
    const { id } = routeParams(c, endorsementParams, { what: 'endorsement' });
    const row = await endorsementDocument(c.var.deps.db, id);
    if (!row) throw notFound('endorsement');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(row.document, 200, { 'Content-Type': 'application/vc+ld+json; charset=utf-8' });
  });
  return r;
}
