import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createApiToken } from '../commands/createApiToken.ts';
import { revokeApiToken } from '../commands/revokeApiToken.ts';
import { requireMember } from '../organisationAccess.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { page } from '../../../web/render.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { postAction, postForm, type Fields } from './formRoutes.ts';
import { orgPath } from '../paths.ts';
import { loadTokens } from './apiTokensLoader.ts';
import { TokensView } from './apiTokensView.tsx';

type C = Context<AppEnv>;
const slugParams = z.object({ slug: slugParam });
const tokenParams = z.object({ slug: slugParam, id: slugParam });

/** Only to show the page: the commands check tokens.manage themselves. */
const access = (c: C) =>
  requireMember(
    c.var.deps.db,
    routeParams(c, slugParams).slug,
    requireViewer(c.var.viewer).user_id,
    'tokens.manage',
  );

const tokenActor = (c: C, organisationId: number) => ({
  organisationId,
  userId: requireViewer(c.var.viewer).user_id,
  ip: c.var.ip,
});

const chosenScopes = (fields: Fields) =>
  fields.scopes === undefined ? [] : typeof fields.scopes === 'string' ? [fields.scopes] : fields.scopes;

async function tokensPage(
  c: C,
  form: FormState = emptyForm,
  created: string | null = null,
  status: 200 | 201 | 422 = 200,
) {
  const { organisation } = await access(c);
  const model = await loadTokens(c.var.deps.db, c.var.deps.config.publicUrl, organisation);
  return page(
    c,
    requestTranslator(c).t('accounts.tokens.title', { organisation: model.name }),
    <TokensView model={model} form={form} created={created} csrfToken={c.var.csrfToken} />,
    status,
  );
}

/** Organisation administrators manage VC API tokens. */
export function tokenRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/tokens', (c) => tokensPage(c));
  postForm(r, '/orgs/:slug/tokens', {
    async run(c, fields) {
      const { organisation } = await access(c);
      // A form with no box ticked sends no scopes: that is “none”, not the API's default of all.
      const { token } = await createApiToken(c.var.deps, {
        ...fields,
        scopes: chosenScopes(fields),
        actor: tokenActor(c, organisation.id),
      });
      return tokensPage(c, emptyForm, token, 201);
    },
    again: (c, form, _status, fields) =>
      tokensPage(
        c,
        { ...form, values: { ...form.values, scopes: chosenScopes(fields).join(',') } },
        null,
        422,
      ),
  });
  postAction(r, '/orgs/:slug/tokens/:id/revoke', async (c, _fields, t) => {
    const { organisation } = await access(c);
    const { id } = routeParams(c, tokenParams);
    await revokeApiToken(c.var.deps, { tokenPublicId: id, actor: tokenActor(c, organisation.id) });
    return { to: orgPath(organisation.slug, 'tokens'), say: t.t('accounts.flash.tokenRevoked') };
  });
  return r;
}
