import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { createPathway } from '../commands/createPathway.ts';
import { updatePathway } from '../commands/updatePathway.ts';
import { pathwaysPath } from '../paths.ts';
import { PathwayFormView, loadPathwayForm, pathwayFromFields } from './pages/pathwayForm.tsx';
import { PathwayListView, loadPathwayList } from './pages/pathwayList.tsx';
import { PathwayPageView, loadPathwayPage } from './pages/pathwayPage.tsx';

type C = Context<AppEnv>;

/** Designers' pathway pages under /orgs/:slug/pathways, and /pathways/:id for everyone. */
export function pathwayRoutes() {
  const r = new Hono<AppEnv>();
  const userId = (c: C) => requireViewer(c.var.viewer).user_id;

  r.get('/orgs/:slug/pathways', async (c) => {
    const model = await loadPathwayList(c.var.deps.db, userId(c), c.req.param('slug'));
    return page(c, 'Pathways', <PathwayListView model={model} />);
  });

  const formPage = async (
    c: C,
    pathwayId: string | null,
    form: FormState,
    posted: Record<string, string | string[]> | null,
    status: ContentfulStatusCode = 200,
  ) => {
    const model = await loadPathwayForm(
      c.var.deps.db,
      userId(c),
      c.req.param('slug') ?? '',
      pathwayId,
      posted,
    );
    return page(
      c,
      model.heading,
      <PathwayFormView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  const post = async (c: C, pathwayId: string | null) => {
    const fields = await formFields(c);
    const slug = c.req.param('slug') ?? '';
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
          pathwayId ? 'Pathway saved.' : 'Pathway created. Earners see their progress on its page.',
        );
      },
      (form, status) => formPage(c, pathwayId, form, fields, status),
    );
  };
  r.get('/orgs/:slug/pathways/new', (c) => formPage(c, null, emptyForm, null));
  r.post('/orgs/:slug/pathways/new', (c) => post(c, null));
  r.get('/orgs/:slug/pathways/:id/edit', (c) => formPage(c, c.req.param('id'), emptyForm, null));
  r.post('/orgs/:slug/pathways/:id/edit', (c) => post(c, c.req.param('id')));

  r.get('/pathways/:id', async (c) => {
    const model = await loadPathwayPage(c.var.deps.db, c.var.viewer?.user_id ?? null, c.req.param('id'));
    return page(c, model.pathway.name, <PathwayPageView model={model} />);
  });
  return r;
}
