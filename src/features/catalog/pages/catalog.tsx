import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../../domain/errors.ts';
import { parseInput } from '../../../domain/validation.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import type { AppEnv } from '../../../http/env.ts';
import { page } from '../../../web/render.tsx';
import { SESSION_QUERY } from '../../recognition/index.ts';
import { achievementFromDesign, achievementJson, achievementUrl } from '../achievement.ts';
import { catalogQuery } from '../api/catalogApi.ts';
import { versionToDesign } from '../queries/catalog.ts';
import { findPublicStack, listedStackVersions } from '../queries/stacks.ts';
import {
  CatalogEntryHead,
  CatalogEntryView,
  catalogVersion,
  loadCatalogEntry,
  versionAchievement,
} from './catalog/catalogEntry.tsx';
import { CatalogSearchView, loadCatalogSearch } from './catalog/catalogSearch.tsx';

type C = Context<AppEnv>;

const entryParams = z.object({ org: z.string(), mc: z.string() });
/** A version number in the path; anything else finds nothing (version -1). */
const versionParams = entryParams.extend({
  version: z.string().transform((v) => Number(v) || -1),
});

/** The OB 3.0 Achievements of a stack's catalog entries, in the stack's order (for other platforms to import). */
async function stackAchievements(c: C) {
  const { db, config } = c.var.deps;
  const stack = await findPublicStack(db, c.req.param('org') ?? '', c.req.param('stack') ?? '');
  if (!stack) throw notFound('stack');
  const versions = await listedStackVersions(db, stack.id);
  const issuer = { id: organisationDid(config.publicUrl, stack.org_slug), name: stack.org_name };
  return {
    stack: { name: stack.name, description: stack.description },
    achievements: versions.map((v) =>
      achievementJson(
        achievementFromDesign(versionToDesign(v), {
          id: achievementUrl(config.publicUrl, stack.org_slug, v.mc_slug, v.version),
          version: v.version,
        }),
        issuer,
      ),
    ),
  };
}

/** The public catalog: browse, search and filter published micro-credentials; detail pages; OB 3.0 Achievement JSON. */
export function catalogRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/catalog', async (c) => {
    const model = await loadCatalogSearch(c.var.deps.db, catalogQuery(c), c.var.deps.clock.now(), c.req.url);
    return page(c, 'Catalog', <CatalogSearchView model={model} />);
  });

  const detail = async (c: C, version?: number) => {
    const { org, mc } = parseInput(entryParams, c.req.param());
    const model = await loadCatalogEntry(
      c.var.deps,
      { orgSlug: org, mcSlug: mc, version, session: c.req.query(SESSION_QUERY) },
      c.var.deps.clock.now(),
    );
    return page(
      c,
      model.design.title,
      <CatalogEntryView model={model} loggedIn={!!c.var.viewer} csrfToken={c.var.csrfToken} />,
      200,
      <CatalogEntryHead model={model} />,
    );
  };

  r.get('/catalog/stacks/:org/:stack/achievements.json', async (c) => {
    const body = await stackAchievements(c);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(body);
  });
  r.get('/catalog/:org/:mc', (c) => detail(c));
  r.get('/catalog/:org/:mc/v/:version', (c) => detail(c, parseInput(versionParams, c.req.param()).version));
  r.get('/catalog/:org/:mc/v/:version/achievement.json', async (c) => {
    const { org, mc, version } = parseInput(versionParams, c.req.param());
    const v = await catalogVersion(c.var.deps.db, org, mc, version);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(versionAchievement(c.var.deps.config, v));
  });
  return r;
}
