import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { forbidden } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { publicIdParam, routeParams, slugParam } from '../../../http/params.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import type { MessageKey } from '../../../web/i18n/i18n.ts';
import { PageScriptTag, servePageScript } from '../../../web/pageScripts.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { createMicroCredential } from '../commands/createMicroCredential.ts';
import { createStack } from '../commands/createStack.ts';
import { deleteStack } from '../commands/deleteStack.ts';
import { publishDraft } from '../commands/publishDraft.ts';
import { retireMicroCredential } from '../commands/retireMicroCredential.ts';
import { reviseMicroCredential } from '../commands/reviseMicroCredential.ts';
import { setBadgeImage } from '../commands/setBadgeImage.ts';
import { updateDraft } from '../commands/updateDraft.ts';
import { designActionPath, designPath, newDesignPath, stacksPath } from '../paths.ts';
import { designFromForm } from './designForm.ts';
import { DesignListView, loadDesignList } from './designer/designList.tsx';
import { DesignPreviewView, loadDesignPreview } from './designer/designPreview.tsx';
import { EditDesignView, loadEditDesign } from './designer/editDesign.tsx';
import { NewDesignView } from './designer/newDesign.tsx';
import { StacksView, loadStacks } from './designer/stacks.tsx';

type C = Context<AppEnv>;

const orgParams = z.object({ slug: slugParam });
const idParams = orgParams.extend({ id: publicIdParam });
const actor = (c: C) => ({ userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip });
/** The designer's call: who acts, in which organisation, on which micro-credential. */
const onMc = (c: C) => {
  const { slug, id } = routeParams(c, idParams);
  return { actor: actor(c), orgSlug: slug, microCredentialId: id };
};
const orgOf = (c: C) => routeParams(c, orgParams).slug;
/** The reader's words, for page titles and flash messages. */
const tr = (c: C) => requestTranslator(c).t;

/** The list of micro-credentials, and creating one. */
function designListRoutes(r: Hono<AppEnv>) {
  r.get('/orgs/:slug/micro-credentials', async (c) => {
    const model = await loadDesignList(c.var.deps.db, actor(c).userId, orgOf(c));
    return page(c, tr(c)('catalog.designer.list.title'), <DesignListView model={model} />);
  });
  const newPage = (c: C, form: FormState, status: ContentfulStatusCode = 200) =>
    page(
      c,
      tr(c)('catalog.designer.new.title'),
      <NewDesignView form={form} action={newDesignPath(orgOf(c))} csrfToken={c.var.csrfToken} />,
      status,
    );
  r.get('/orgs/:slug/micro-credentials/new', async (c) => {
    // Only designers see the form (the list loader checks the same permission).
    await loadDesignList(c.var.deps.db, actor(c).userId, orgOf(c));
    return newPage(c, emptyForm);
  });
  r.post('/orgs/:slug/micro-credentials/new', async (c) => {
    const fields = await formFields(c);
    const orgSlug = orgOf(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { publicId } = await createMicroCredential(c.var.deps, { ...fields, actor: actor(c), orgSlug });
        return redirectWith(
          c,
          designActionPath(orgSlug, publicId, 'edit'),
          'success',
          tr(c)('catalog.flash.created'),
        );
      },
      (form, status) => newPage(c, form, status),
    );
  });
}

/** The preview, the badge image and the one-button actions (publish, revise, retire). */
function designPreviewRoutes(r: Hono<AppEnv>) {
  r.get('/orgs/:slug/micro-credentials/:id', async (c) => {
    const { actor, orgSlug, microCredentialId } = onMc(c);
    const model = await loadDesignPreview(c.var.deps.db, actor.userId, orgSlug, microCredentialId);
    return page(c, model.title, <DesignPreviewView model={model} csrfToken={c.var.csrfToken} />);
  });
  /** Runs a one-button command, then back to the preview with what happened. */
  const action = (path: string, run: (c: C) => Promise<unknown>, message: MessageKey) =>
    r.post(`/orgs/:slug/micro-credentials/:id/${path}`, async (c) => {
      const { orgSlug, microCredentialId } = onMc(c);
      const back = designPath(orgSlug, microCredentialId);
      return handleForm(
        c,
        { id: microCredentialId },
        async () => {
          await run(c);
          return redirectWith(c, back, 'success', tr(c)(message));
        },
        (form, status) => {
          // A role that may not design gets a 403, not a redirect that looks like a form problem.
          if (status === 403) throw forbidden(form.message);
          const text =
            path === 'image'
              ? (form.message ?? tr(c)('catalog.flash.imageUnusable'))
              : `${form.message ?? ''} ${Object.values(form.errors).join(' ')}`.trim();
          return redirectWith(c, back, 'error', text);
        },
      );
    });
  action(
    'image',
    async (c) => {
      const body = await c.req.parseBody();
      const file = body.image;
      const colour = typeof body.colour === 'string' ? body.colour : undefined;
      const source =
        file instanceof File && file.size > 0
          ? { upload: new Uint8Array(await file.arrayBuffer()) }
          : { generate: { colour } };
      return setBadgeImage(c.var.deps, { ...onMc(c), source });
    },
    'catalog.flash.imageSaved',
  );
  action('publish', (c) => publishDraft(c.var.deps, onMc(c)), 'catalog.flash.published');
  action('revise', (c) => reviseMicroCredential(c.var.deps, onMc(c)), 'catalog.flash.revised');
  action('retire', (c) => retireMicroCredential(c.var.deps, onMc(c)), 'catalog.flash.retired');
}

/** Editing the draft. */
function editDesignRoutes(r: Hono<AppEnv>) {
  servePageScript(r, 'design-form.js');
  const editPage = async (c: C, form: FormState | null, status: ContentfulStatusCode = 200) => {
    const { actor, orgSlug, microCredentialId } = onMc(c);
    const model = await loadEditDesign(c.var.deps.db, actor.userId, orgSlug, microCredentialId);
    if (model.frozen) return redirectWith(c, model.previewHref, 'info', tr(c)('catalog.flash.frozen'));
    return page(
      c,
      tr(c)('catalog.designer.edit.title', { title: model.title }),
      <EditDesignView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
      <PageScriptTag name="design-form.js" />,
    );
  };
  r.get('/orgs/:slug/micro-credentials/:id/edit', (c) => editPage(c, null));
  r.post('/orgs/:slug/micro-credentials/:id/edit', async (c) => {
    const fields = await formFields(c);
    const call = onMc(c);
    return handleForm(
      c,
      fields,
      async () => {
        await updateDraft(c.var.deps, { ...designFromForm(fields), ...call });
        return redirectWith(
          c,
          designPath(call.orgSlug, call.microCredentialId),
          'success',
          tr(c)('catalog.flash.saved'),
        );
      },
      (form, status) => {
        const values: Record<string, string> = {};
        for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') values[k] = v;
        return editPage(c, { ...form, values }, status);
      },
    );
  });
}

/** Stacks: list, create, remove. */
function stackRoutes(r: Hono<AppEnv>) {
  const stacksPage = async (c: C, form: FormState = emptyForm, status: ContentfulStatusCode = 200) => {
    const model = await loadStacks(c.var.deps.db, actor(c).userId, orgOf(c));
    return page(
      c,
      tr(c)('catalog.stacks.title'),
      <StacksView model={model} form={form} csrfToken={c.var.csrfToken} />,
      status,
    );
  };
  r.get('/orgs/:slug/stacks', (c) => stacksPage(c));
  r.post('/orgs/:slug/stacks/:id/delete', async (c) => {
    const { slug, id } = routeParams(c, idParams);
    await deleteStack(c.var.deps, { actor: actor(c), orgSlug: slug, stackId: id });
    return redirectWith(c, stacksPath(slug), 'success', tr(c)('catalog.flash.stackRemoved'));
  });
  r.post('/orgs/:slug/stacks', async (c) => {
    const fields = await formFields(c);
    const orgSlug = orgOf(c);
    return handleForm(
      c,
      fields,
      async () => {
        const members = fields.microCredentials;
        await createStack(c.var.deps, {
          ...fields,
          microCredentials: members === undefined ? [] : [members].flat(),
          actor: actor(c),
          orgSlug,
        });
        return redirectWith(c, stacksPath(orgSlug), 'success', tr(c)('catalog.flash.stackSaved'));
      },
      (form, status) => stacksPage(c, form, status),
    );
  });
}

/** Designers create, edit, preview, publish, revise and retire micro-credentials, and build stacks. */
export function designerRoutes() {
  const r = new Hono<AppEnv>();
  designListRoutes(r);
  editDesignRoutes(r);
  designPreviewRoutes(r);
  stackRoutes(r);
  return r;
}
