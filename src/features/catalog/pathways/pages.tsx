import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { createPathway } from '../commands/createPathway.ts';
import { updatePathway } from '../commands/updatePathway.ts';
import { pathwaysPath } from '../paths.ts';
import { PathwayFormView, loadPathwayForm, pathwayFromFields } from './pages/pathwayForm.tsx';
import { PathwayListView, loadPathwayList } from './pages/pathwayList.tsx';
import { PathwayPageView, loadPathwayPage } from './pages/pathwayPage.tsx';

type C = Context<AppEnv>;

const orgParams = z.object({ slug: slugParam });
const pathwayParams = orgParams.extend({ id: publicIdParam });
const publicParams = z.object({ id: publicIdParam });

/** Designers' pathway pages under /orgs/:slug/pathways, and /pathways/:id for everyone. */
export function pathwayRoutes() {
  const r = new Hono<AppEnv>();
  const userId = (c: C) => requireViewer(c.var.viewer).user_id;
  const orgOf = (c: C) => routeParams(c, orgParams).slug;

  r.get('/orgs/:slug/pathways', async (c) => {
    const model = await loadPathwayList(c.var.deps.db, userId(c), orgOf(c));
    return page(c, requestTranslator(c).t('catalog.pathways.list.title'), <PathwayListView model={model} />);
  });

  const formPage = async (
    c: C,
    pathwayId: string | null,
    form: FormState,
    posted: Record<string, string | string[]> | null,
    status: ContentfulStatusCode = 200,
  ) => {
    const model = await loadPathwayForm(c.var.deps.db, userId(c), orgOf(c), pathwayId, posted);
    const heading = model.editing
      ? requestTranslator(c).t('catalog.pathways.form.editHeading', { name: model.editing.name })
      : requestTranslator(c).t('catalog.pathways.form.newHeading');
    return page(
      c,
      heading,
      <PathwayFormView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  const post = async (c: C, pathwayId: string | null) => {
    const fields = await formFields(c);
    const slug = orgOf(c);
    const t = requestTranslator(c);
    return handleForm(
      c,
      fields,
      async () => {
        const call = {
          ...pathwayFromFields(fields),
          actor: { userId: userId(c), ip: c.var.ip },
          orgSlug: slug,
        };
        if (pathwayId) await updatePathway(c.var.deps, { ...call, pathwayId });
        else await createPathway(c.var.deps, call);
        return redirectWith(
          c,
          pathwaysPath(slug),
          'success',
          t.t(pathwayId ? 'catalog.flash.pathwaySaved' : 'catalog.flash.pathwayCreated'),
        );
      },
      (form, status) => formPage(c, pathwayId, form, fields, status),
    );
  };
  const idOf = (c: C) => routeParams(c, pathwayParams).id;
  r.get('/orgs/:slug/pathways/new', (c) => formPage(c, null, emptyForm, null));
  r.post('/orgs/:slug/pathways/new', (c) => post(c, null));
  r.get('/orgs/:slug/pathways/:id/edit', (c) => formPage(c, idOf(c), emptyForm, null));
  r.post('/orgs/:slug/pathways/:id/edit', (c) => post(c, idOf(c)));

  r.get('/pathways/:id', async (c) => {
    const { id } = routeParams(c, publicParams);
    const model = await loadPathwayPage(c.var.deps.db, c.var.viewer?.user_id ?? null, id);
    return page(c, model.pathway.name, <PathwayPageView model={model} />);
  });
  return r;
}
