import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../../domain/errors.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { findOrganisationBySlug } from '../../../storage/organisations.ts';
import { didDocumentFor } from '../../../signing/organisationSigner.ts';
import { servedStatusList } from '../queries/statusLists.ts';
import type { AppEnv } from '../../../http/env.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** How long a verifier waits before asking again for a list whose first signing is still queued. */
export const STATUS_LIST_RETRY_SECONDS = 10;

/** A status list's public id (`sl_…`): anything else names no list. */
const statusListParams = z.object({ id: publicIdParam.regex(/^[\w-]+$/) });

const organisationParams = z.object({ slug: slugParam });

/** What verifiers fetch: organisations' DID documents and the signed status lists. */
export function publicCredentialRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/did.json', async (c) => {
    const { db, config } = c.var.deps;
    const { slug } = routeParams(c, organisationParams, { what: 'organisation' });
    const organisation = await findOrganisationBySlug(db, slug);
    if (!organisation) throw notFound('organisation');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(JSON.stringify(await didDocumentFor(db, config, organisation), null, 2), 200, {
      'Content-Type': 'application/did+json',
    });
  });
  r.get('/status/:id', async (c) => {
    const { id } = routeParams(c, statusListParams, { what: 'statusList' });
    // Only reads: a list is signed when it is created or changed (commands/statusListPublishing.ts).
    const list = await servedStatusList(c.var.deps.db, id);
    if (!list) throw notFound('statusList');
    if (!list.signed_document)
      throw new AppError(
        'conflict',
        commandMessage('errors.issuing.documents.statusListPublishing'),
        {},
        STATUS_LIST_RETRY_SECONDS,
      );
    const etag = `"${id}-${list.signed_version}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(list.signed_document, 200, { 'Content-Type': 'application/vc+ld+json' });
  });
  return r;
}
