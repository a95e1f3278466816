import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { page } from '../../../web/render.tsx';
import { SESSION_QUERY } from '../../recognition/index.ts';
import { catalogQuery } from '../api/catalogApi.ts';
import {
  CatalogEntryHead,
  CatalogEntryView,
  catalogVersion,
  loadCatalogEntry,
  versionAchievement,
} from './catalog/catalogEntry.tsx';
import { CatalogSearchView, loadCatalogSearch } from './catalog/catalogSearch.tsx';
import { loadStackAchievements } from './catalog/stackAchievements.ts';

type C = Context<AppEnv>;

const entryParams = z.object({ org: slugParam, mc: slugParam });
/** A version number in the path; anything else finds nothing (version -1). */
const versionParams = entryParams.extend({
  version: z.string().transform((v) => Number(v) || -1),
});
const stackParams = z.object({ org: slugParam, stack: slugParam });

/** The public catalog: browse, search and filter published micro-credentials; detail pages; OB 3.0 Achievement JSON. */
export function catalogRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/catalog', async (c) => {
    const model = await loadCatalogSearch(c.var.deps.db, catalogQuery(c), c.var.deps.clock.now(), c.req.url);
    return page(c, requestTranslator(c).t('catalog.search.title'), <CatalogSearchView model={model} />);
  });

  const detail = async (c: C, version?: number) => {
    const { org, mc } = routeParams(c, entryParams);
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
    const { org, stack } = routeParams(c, stackParams);
    const body = await loadStackAchievements(c.var.deps, org, stack);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(body);
  });
  r.get('/catalog/:org/:mc', (c) => detail(c));
  r.get('/catalog/:org/:mc/v/:version', (c) => detail(c, routeParams(c, versionParams).version));
  r.get('/catalog/:org/:mc/v/:version/achievement.json', async (c) => {
    const { org, mc, version } = routeParams(c, versionParams);
    const v = await catalogVersion(c.var.deps.db, org, mc, version);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(versionAchievement(c.var.deps.config, v));
  });
  return r;
}
