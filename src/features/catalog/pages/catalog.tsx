import { Hono, type Context } from 'hono';
import { accepts } from 'hono/accepts';
import { z } from 'zod';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { readPreferences, requestTranslator } from '../../../web/preferences.ts';
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
import { loadSpanishAchievement } from './catalog/languageEdition.ts';
import { EDITION_LANGUAGE } from '../languageEditions.ts';

type C = Context<AppEnv>;

const entryParams = z.object({ org: slugParam, mc: slugParam });
/** A version number in the path; anything else finds nothing (version -1). */
const versionParams = entryParams.extend({
  version: z.string().transform((v) => Number(v) || -1),
});
const stackParams = z.object({ org: slugParam, stack: slugParam });

/**
 * Whether a request for a language edition wants its page: a browser, whose Accept prefers HTML.
 * A client asking for JSON or JSON-LD, any type (`*\/*`), or saying nothing gets the Achievement.
 */
const wantsPage = (c: C) =>
  accepts(c, {
    header: 'Accept',
    supports: ['application/ld+json', 'application/json', 'text/html', 'application/xhtml+xml'],
    default: 'application/json',
  }).includes('html');

/** The public catalog: browse, search and filter published micro-credentials; detail pages; OB 3.0 Achievement JSON. */
export function catalogRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/catalog', async (c) => {
    const query = { ...catalogQuery(c), locale: readPreferences(c).locale };
    const model = await loadCatalogSearch(c.var.deps.db, query, c.var.deps.clock.now(), c.req.url);
    return page(c, requestTranslator(c).t('catalog.search.title'), <CatalogSearchView model={model} />);
  });

  /** A catalog entry's page; `edition` shows that language edition of the version, whoever reads it. */
  const detail = async (c: C, version?: number, edition?: typeof EDITION_LANGUAGE) => {
    const { org, mc } = routeParams(c, entryParams);
    const model = await loadCatalogEntry(
      c.var.deps,
      {
        orgSlug: org,
        mcSlug: mc,
        version,
        session: c.req.query(SESSION_QUERY),
        locale: edition ?? readPreferences(c).locale,
      },
      c.var.deps.clock.now(),
    );
    const achievement = edition
      ? await loadSpanishAchievement(c.var.deps, { orgSlug: org, mcSlug: mc, version: model.version })
      : model.achievement;
    const shown = { ...model, achievement };
    return page(
      c,
      model.design.title,
      <CatalogEntryView model={shown} loggedIn={!!c.var.viewer} csrfToken={c.var.csrfToken} />,
      200,
      <CatalogEntryHead model={shown} />,
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
  // The Spanish edition named in an achievement's `related`: its page for a browser, its OB 3.0
  // Achievement for any other client (the same address, so the answer varies by Accept).
  r.get('/catalog/:org/:mc/v/:version/es', async (c) => {
    const { org, mc, version } = routeParams(c, versionParams);
    if (wantsPage(c)) {
      const res = await detail(c, version, EDITION_LANGUAGE);
      res.headers.append('Vary', 'Accept');
      return res;
    }
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Vary', 'Accept');
    return c.json(await loadSpanishAchievement(c.var.deps, { orgSlug: org, mcSlug: mc, version }));
  });
  r.get('/catalog/:org/:mc/v/:version/achievement.json', async (c) => {
    const { org, mc, version } = routeParams(c, versionParams);
    const v = await catalogVersion(c.var.deps.db, org, mc, version);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(versionAchievement(c.var.deps.config, v));
  });
  return r;
}
