import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireMember, type OrganisationAccess } from '../../accounts/index.ts';
import { eachOrganisationAudit, searchOrganisationAudit } from '../queries.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { organisationCaller } from '../../issuing/index.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { filterOf, parseQuery } from './auditQuery.ts';
import { loadAuditLog } from './auditLoader.ts';
import { AuditLogView } from './auditView.tsx';
import { auditCsvStream, presentEvent } from './auditExport.ts';

type C = Context<AppEnv>;

/** The audit log for an organisation's owners and administrators: page, CSV export and JSON. */
export function auditRoutes() {
  const r = new Hono<AppEnv>();
  const access = (c: C): Promise<OrganisationAccess> =>
    requireMember(
      c.var.deps.db,
      routeParams(c, z.object({ slug: slugParam })).slug,
      requireViewer(c.var.viewer).user_id,
      'audit.read',
    );

  r.get('/orgs/:slug/audit', async (c) => {
    const { organisation } = await access(c);
    const model = await loadAuditLog(c.var.deps.db, organisation, c.req.query());
    return page(
      c,
      requestTranslator(c).t('audit.title', { organisation: organisation.name }),
      <AuditLogView model={model} />,
      model.events ? 200 : 422,
    );
  });

  r.get('/orgs/:slug/audit.csv', async (c) => {
    const { organisation } = await access(c);
    const query = parseQuery(c);
    const rows = eachOrganisationAudit(c.var.deps.db, organisation.id, filterOf(query));
    return c.body(auditCsvStream(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${organisation.slug}-audit.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  // The JSON API also takes the organisation's API tokens with the audit:read scope.
  r.get('/api/v1/orgs/:slug/audit', async (c) => {
    const { organisation } = await organisationCaller(c, 'audit:read', 'audit.read');
    const query = parseQuery(c);
    const limit = query.limit ?? 100;
    const events = await searchOrganisationAudit(c.var.deps.db, organisation.id, filterOf(query), {
      before: query.before,
      limit: limit + 1,
    });
    const shown = events.slice(0, limit);
    const next = events.length > limit ? shown.at(-1)?.id : undefined;
    return c.json({ events: shown.map(presentEvent), next: next ?? null });
  });
  return r;
}
