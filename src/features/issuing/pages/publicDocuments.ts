import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { findOrganisationBySlug } from '../../../storage/organisations.ts';
import { didDocumentFor, publishStatusList } from '../../../signing/organisationSigner.ts';
import type { AppEnv } from '../../../http/env.ts';

/** What verifiers fetch: organisations' DID documents and the signed status lists. */
export function publicCredentialRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/did.json', async (c) => {
    const { db, config } = c.var.deps;
    const organisation = await findOrganisationBySlug(db, c.req.param('slug'));
    if (!organisation) throw notFound('organisation');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(JSON.stringify(await didDocumentFor(db, config, organisation), null, 2), 200, {
      'Content-Type': 'application/did+json',
    });
  });
  r.get('/status/:id', async (c) => {
    const { db, config, credentials, clock } = c.var.deps;
    const id = c.req.param('id');
    await publishStatusList(db, credentials, config, id, clock.now());
    const list = await db
      .selectFrom('status_lists')
      .select(['signed_document', 'signed_version'])
      .where('public_id', '=', id)
      .executeTakeFirst();
    if (!list?.signed_document) throw notFound('statusList');
    const etag = `"${id}-${list.signed_version}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(list.signed_document, 200, { 'Content-Type': 'application/vc+ld+json' });
  });
  return r;
}
