import { Hono, type Context } from 'hono';
import { EARNING_MODES } from '../microCredential.ts';
import {
  createMicroCredential,
  publishDraft,
  retireMicroCredential,
  reviseMicroCredential,
  saveStack,
  setReviewerPool,
  updateDraft,
} from '../commands/designMicroCredential.ts';
import { requireMember } from '../../accounts/index.ts';
import { searchCatalog, type CatalogQuery } from '../queries/catalog.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { listSubjectAudit } from '../../../storage/audit.ts';
import { emailsOf } from '../../../storage/users.ts';
import { pathwayProgress, savePathway } from '../pathways/pathwayProgress.ts';
import { importAchievements } from '../commands/importAchievements.ts';
import { presentAuditEvent } from '../../../http/present.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonBody } from '../../../http/jsonBody.ts';

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
  const actor = (c: Context<AppEnv>) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
  const base = '/api/v1/orgs/:slug/micro-credentials';

  r.get('/api/v1/catalog', async (c) => c.json(await searchCatalog(c.var.deps.db, catalogQuery(c))));
  r.get(base, async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'catalog.read',
    );
    const rows = await c.var.deps.db
      .selectFrom('micro_credentials as m')
      .innerJoin('micro_credential_versions as v', 'v.micro_credential_id', 'm.id')
      .select(['m.public_id', 'm.slug', 'm.retired_at', 'v.version', 'v.status', 'v.title', 'v.published_at'])
      .where('m.organisation_id', '=', organisation.id)
      .orderBy('m.id')
      .orderBy('v.version')
      .execute();
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
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      actor(c).userId,
      'catalog.read',
    );
    const events = await listSubjectAudit(
      c.var.deps.db,
      organisation.id,
      'micro_credential',
      c.req.param('id'),
    );
    return c.json({ events: events.map(presentAuditEvent) });
  });
  r.post(base, async (c) =>
    c.json(await createMicroCredential(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.put(`${base}/:id/draft`, async (c) => {
    await updateDraft(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'), await jsonBody(c));
    return c.json({ ok: true });
  });
  r.post(`${base}/:id/publish`, async (c) =>
    c.json(await publishDraft(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'))),
  );
  r.post(`${base}/:id/revise`, async (c) =>
    c.json(await reviseMicroCredential(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id')), 201),
  );
  r.put(`${base}/:id/reviewers`, async (c) => {
    await setReviewerPool(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'), await jsonBody(c));
    return c.json({ ok: true });
  });
  r.post(`${base}/:id/retire`, async (c) => {
    await retireMicroCredential(c.var.deps, actor(c), c.req.param('slug'), c.req.param('id'));
    return c.json({ ok: true });
  });
  r.post(`${base}/import`, async (c) =>
    c.json(await importAchievements(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.post('/api/v1/orgs/:slug/pathways', async (c) =>
    c.json(await savePathway(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.get('/api/v1/me/pathways', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const emails = (await emailsOf(c.var.deps.db, viewer.user_id))
      .filter((e) => e.confirmed_at)
      .map((e) => e.email);
    return c.json({ pathways: await pathwayProgress(c.var.deps.db, emails) });
  });
  r.post('/api/v1/orgs/:slug/stacks', async (c) =>
    c.json(await saveStack(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c)), 201),
  );
  r.put('/api/v1/orgs/:slug/stacks/:id', async (c) =>
    c.json(await saveStack(c.var.deps, actor(c), c.req.param('slug'), await jsonBody(c), c.req.param('id'))),
  );
  return r;
}
