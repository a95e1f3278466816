import { Hono } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { routeParams } from '../../../http/params.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { page } from '../../../web/render.tsx';
import { recognitionPaths } from '../paths.ts';
import { loadIssuerSubmissions, loadQueue, queueFilter } from './queueLoader.ts';
import { IssuerSubmissionsView, QueueView } from './queueView.tsx';
import { actorOf, orgParams } from './recognitionParts.tsx';

/** The recognizer's review queue and the issuer's list of its submissions. */
export function queueRoutes() {
  const r = new Hono<AppEnv>();
  r.get(recognitionPaths.queue(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const status = queueFilter(c.req.query('status'));
    const model = await loadQueue(c.var.deps, { actor: actorOf(c), orgSlug: slug, status });
    return page(c, requestTranslator(c).t('recognition.queue.title'), <QueueView {...model} />);
  });
  r.get(recognitionPaths.submissions(':slug'), async (c) => {
    const { slug } = routeParams(c, orgParams);
    const model = await loadIssuerSubmissions(c.var.deps, { actor: actorOf(c), orgSlug: slug });
    return page(
      c,
      requestTranslator(c).t('recognition.submissions.title'),
      <IssuerSubmissionsView {...model} />,
    );
  });
  return r;
}
