import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { page } from '../../web/render.tsx';
import { requestTranslator } from '../../web/preferences.ts';
import { loadHome } from './loader.ts';
import { HomeView, WelcomeView } from './view.tsx';

/** `/`: the visitor's welcome, or the logged-in person's home (what waits for them, role by role). */
export function homeRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const viewer = c.var.viewer;
    if (!viewer) return page(c, requestTranslator(c).t('home.welcomeTitle'), <WelcomeView />);
    const { db, config, clock } = c.var.deps;
    const model = await loadHome({ db, config }, viewer, clock.now(), requestTranslator(c));
    return page(c, requestTranslator(c).t('home.title'), <HomeView model={model} />);
  });
  return r;
}
