import { Hono, type Context } from 'hono';
import { notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { credentialArtwork } from '../catalog/index.ts';
import { bakeOb2Png } from './bake.ts';
import { ob2Assertion, ob2BadgeClass, ob2Issuer, ob2Urls, revocationOf } from './documents.ts';
import { credentialForOb2, issuerForOb2 } from './queries.ts';
import { z } from 'zod';
import { publicIdParam, routeParams, slugParam } from '../../http/params.ts';

type C = Context<AppEnv>;

const idParam = z.object({ id: publicIdParam });
const slugParams = z.object({ slug: slugParam });

/** A badge's source row, unless its earner made it private and the visitor is someone else (same rule as the OB 3.0 files). */
async function visible(c: C) {
  const source = await credentialForOb2(c.var.deps.db, routeParams(c, idParam).id);
  if (!source || (source.private === true && c.var.viewer?.user_id !== source.privacy_user_id))
    throw notFound('badge');
  return source;
}

function json(c: C, doc: Record<string, unknown>, status: 200 | 410 = 200, isPrivate = false) {
  return c.body(JSON.stringify(doc, null, 2), status, {
    'Content-Type': 'application/ld+json',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': isPrivate ? 'private, no-store' : 'public, max-age=300',
  });
}

/**
 * Open Badges 2.0 for older backpacks: hosted assertions, their BadgeClass and issuer Profile at
 * stable public URLs, and a baked PNG carrying the assertion URL. A revoked credential's
 * assertion answers 410 Gone with `revoked: true` and the reason (hosted verification).
 */
export function ob2ExportRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/ob2/assertions/:id', async (c) => {
    const source = await visible(c);
    const revocation = revocationOf(source);
    return json(
      c,
      ob2Assertion(c.var.deps.config, source),
      revocation.final ? 410 : 200,
      source.private === true,
    );
  });
  r.get('/ob2/assertions/:id/baked.png', async (c) => {
    const source = await visible(c);
    const art = await credentialArtwork(c.var.deps.db, source.id, source.achievement_name, source.org_name);
    const png = bakeOb2Png(art.png, ob2Urls(c.var.deps.config, source.public_id, source.org_slug).assertion);
    return c.body(Buffer.from(png), 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="${source.public_id}-ob2.png"`,
      'Cache-Control': source.private ? 'private, no-store' : 'public, max-age=300',
    });
  });
  r.get('/ob2/badges/:id', async (c) => {
    const source = await visible(c);
    return json(c, ob2BadgeClass(c.var.deps.config, source), 200, source.private === true);
  });
  r.get('/ob2/badges/:id/image.png', async (c) => {
    const source = await visible(c);
    const art = await credentialArtwork(c.var.deps.db, source.id, source.achievement_name, source.org_name);
    return c.body(Buffer.from(art.png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': source.private ? 'private, no-store' : 'public, max-age=3600',
    });
  });
  r.get('/ob2/issuers/:slug', async (c) => {
    const org = await issuerForOb2(c.var.deps.db, routeParams(c, slugParams).slug);
    if (!org) throw notFound('issuer');
    return json(c, ob2Issuer(c.var.deps.config, org));
  });
  return r;
}
