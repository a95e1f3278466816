import { Hono, type Context } from 'hono';
import { EARNING_MODES } from '../microCredential.ts';
import { createMicroCredential } from '../commands/createMicroCredential.ts';
import { publishDraft } from '../commands/publishDraft.ts';
import { retireMicroCredential } from '../commands/retireMicroCredential.ts';
import { reviseMicroCredential } from '../commands/reviseMicroCredential.ts';
import { createStack } from '../commands/createStack.ts';
import { updateStack } from '../commands/updateStack.ts';
import { setReviewerPool } from '../commands/setReviewerPool.ts';
import { updateDraft } from '../commands/updateDraft.ts';
import { createPathway } from '../commands/createPathway.ts';
import { importAchievements, importBody } from '../commands/importAchievements.ts';
import { listAllVersions } from '../queries/designs.ts';
import { requireActor } from '../../accounts/index.ts';
import { searchCatalog, type CatalogQuery } from '../queries/catalog.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { listSubjectAudit } from '../../../storage/audit.ts';
import { confirmedEmails } from '../pathways/queries.ts';
import { pathwayProgress } from '../pathways/pathwayProgress.ts';
import { presentAuditEvent } from '../../../http/present.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody, jsonObjectBody } from '../../../http/jsonBody.ts';
import { apiCaller } from '../../../http/apiTokens.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { z } from 'zod';

const inOrg = z.object({ slug: slugParam });
const onThing = inOrg.extend({ id: publicIdParam });

/** Reads catalog filters from a query string (shared by the page and the API). */
export function catalogQuery(c: Context<AppEnv>): CatalogQuery {
  const num = (k: string) =>
    c.req.query(k) && !Number.isNaN(Number(c.req.query(k))) ? Number(c.req.query(k)) : undefined;
  const mode = c.req.query('mode');
  const sort = c.req.query('sort');
  return {
    q: c.req.query('q')?.slice(0, 200) || undefined,
    stack: c.req.query('stack') || undefined,
    issuer: c.req.query('issuer') || undefined,
    recognizedBy: c.req.query('recognizedBy')?.slice(0, 100) || undefined,
    today: c.var.deps.clock.now().toISOString().slice(0, 10),
    mode: (EARNING_MODES as readonly string[]).includes(mode ?? '')
      ? (mode as CatalogQuery['mode'])
      : undefined,
    maxEffort: num('maxEffort'),
    minCredits: num('minCredits'),
    sort: ['relevance', 'newest', 'title', 'effort'].includes(sort ?? '')
      ? (sort as CatalogQuery['sort'])
      : undefined,
    page: num('page'),
  };
}

/** Designing micro-credentials and stacks over JSON, and the public catalog search. */
export function catalogApiRoutes() {
  const r = new Hono<AppEnv>();
  type C = Context<AppEnv>;
  /** Who acts (a member, or the organisation's API token), and where the path says. */
  const call = async (c: C) => ({ actor: await apiCaller(c), orgSlug: routeParams(c, inOrg).slug });
  const onMc = async (c: C) => ({ ...(await call(c)), microCredentialId: routeParams(c, onThing).id });
  /** The organisation, when the caller may read its designs (members; a token with catalog:read). */
  const reader = async (c: C) =>
    (await requireActor(c.var.deps.db, routeParams(c, inOrg).slug, await apiCaller(c), 'catalog.read'))
      .organisation;
  /** The body's fields, then who acts and where (checked first: a caller turned away never has its body judged). */
  const sent = async <T extends object>(c: C, at: Promise<T>) => {
    const address = await at;
    return { ...(await jsonObjectBody(c)), ...address };
  };
  const base = '/api/v1/orgs/:slug/micro-credentials';

  r.get('/api/v1/catalog', async (c) => c.json(await searchCatalog(c.var.deps.db, catalogQuery(c))));
  r.get(base, async (c) => {
    const organisation = await reader(c);
    const rows = await listAllVersions(c.var.deps.db, organisation.id);
    return c.json({
      microCredentials: rows.map((r) => ({
        id: r.public_id,
        slug: r.slug,
        retired: r.retired_at !== null,
        version: r.version,
        status: r.status,
        title: r.title,
        publishedAt: r.published_at?.toISOString() ?? null,
      })),
    });
  });
  r.get(`${base}/:id/history`, async (c) => {
    const organisation = await reader(c);
    const { id } = routeParams(c, onThing);
    const events = await listSubjectAudit(c.var.deps.db, organisation.id, 'micro_credential', id);
    return c.json({ events: events.map(presentAuditEvent) });
  });
  // Bodies come first in each call so that what the path says always wins over them.
  r.post(base, async (c) => c.json(await createMicroCredential(c.var.deps, await sent(c, call(c))), 201));
  r.put(`${base}/:id/draft`, async (c) => {
    await updateDraft(c.var.deps, await sent(c, onMc(c)));
    return c.json({ ok: true });
  });
  r.post(`${base}/:id/publish`, async (c) => c.json(await publishDraft(c.var.deps, await onMc(c))));
  r.post(`${base}/:id/revise`, async (c) =>
    c.json(await reviseMicroCredential(c.var.deps, await onMc(c)), 201),
  );
  r.put(`${base}/:id/reviewers`, async (c) => {
    await setReviewerPool(c.var.deps, await sent(c, onMc(c)));
    return c.json({ ok: true });
  });
  r.post(`${base}/:id/retire`, async (c) => {
    await retireMicroCredential(c.var.deps, await onMc(c));
    return c.json({ ok: true });
  });
  r.post(`${base}/import`, async (c) =>
    c.json(
      await importAchievements(
        c.var.deps,
        await call(c).then(async (at) => ({ ...importBody(await jsonBody(c)), ...at })),
      ),
      201,
    ),
  );
  r.post('/api/v1/orgs/:slug/pathways', async (c) =>
    c.json(await createPathway(c.var.deps, await sent(c, call(c))), 201),
  );
  // A person's own progress: sessions only (a token is an organisation, not an earner).
  r.get('/api/v1/me/pathways', async (c) => {
    const emails = await confirmedEmails(c.var.deps.db, requireViewer(c.var.viewer).user_id);
    return c.json({ pathways: await pathwayProgress(c.var.deps.db, emails) });
  });
  r.post('/api/v1/orgs/:slug/stacks', async (c) =>
    c.json(await createStack(c.var.deps, await sent(c, call(c))), 201),
  );
  r.put('/api/v1/orgs/:slug/stacks/:id', async (c) =>
    c.json(
      await updateStack(c.var.deps, { ...(await sent(c, call(c))), stackId: routeParams(c, onThing).id }),
    ),
  );
  return r;
}
