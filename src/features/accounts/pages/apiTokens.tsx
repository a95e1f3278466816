import { Hono, type Context } from 'hono';
import { API_SCOPES, API_SCOPE_WORDS } from '../../../http/apiTokens.ts';
import { createApiToken, revokeApiToken } from '../commands/manageApiTokens.ts';
import { requireMember } from '../organisationAccess.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';

type C = Context<AppEnv>;

async function tokensPage(
  c: C,
  form: FormState = emptyForm,
  created: string | null = null,
  status: 200 | 201 | 422 = 200,
) {
  const { organisation } = await requireMember(
    c.var.deps.db,
    c.req.param('slug') ?? '',
    requireViewer(c.var.viewer).user_id,
    'tokens.manage',
  );
  const tokens = await c.var.deps.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('organisation_id', '=', organisation.id)
    .orderBy('id', 'desc')
    .execute();
  const base = `/orgs/${organisation.slug}/tokens`;
  const did = organisationDid(c.var.deps.config.publicUrl, organisation.slug);
  const chosen = (form.values.scopes ?? '').split(',');
  return page(
    c,
    `API tokens of ${organisation.name}`,
    <>
      <h1>API tokens</h1>
      <p>
        Tokens let your systems issue credentials as <code>{did}</code> through the W3C VC API (
        <code>POST /credentials/issue</code> with <code>Authorization: Bearer …</code>) and use the
        organisation’s JSON API. Each token may do only what its scopes allow; the{' '}
        <a href="/api/docs">API documentation</a> names the scope each request needs. Only a hash is stored: a
        token is shown once, when it is created.
      </p>
      {created && (
        <section class="card" role="status">
          <h2>Your new token</h2>
          <p>Copy it now; it will not be shown again.</p>
          <pre>{created}</pre>
        </section>
      )}
      <section class="card">
        <h2>Create a token</h2>
        <ErrorSummary form={form} />
        <form method="post" action={base} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <Field
            form={form}
            name="name"
            label="What is it for?"
            hint="For example “Learning management system”."
            required
          />
          <fieldset class="checks" aria-describedby={form.errors.scopes ? 'scopes-error' : undefined}>
            <legend>What may it do?</legend>
            {form.errors.scopes && (
              <p id="scopes-error" class="error-text">
                {form.errors.scopes}
              </p>
            )}
            {API_SCOPES.map((scope) => (
              <label for={`scope-${scope}`}>
                <input
                  id={`scope-${scope}`}
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={form.values.scopes === undefined || chosen.includes(scope)}
                />{' '}
                <code>{scope}</code> — {API_SCOPE_WORDS[scope]}
              </label>
            ))}
          </fieldset>
          <button type="submit">Create token</button>
        </form>
      </section>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>{t.name}</td>
              <td>
                {t.scopes.length
                  ? t.scopes.map((scope, i) => (
                      <>
                        {i > 0 && ', '}
                        <code>{scope}</code>
                      </>
                    ))
                  : 'none'}
              </td>
              <td>{t.created_at.toISOString().slice(0, 10)}</td>
              <td>
                {t.last_used_at ? t.last_used_at.toISOString().slice(0, 16).replace('T', ' ') : 'never'}
              </td>
              <td>{t.revoked_at ? 'Revoked' : 'Active'}</td>
              <td>
                {!t.revoked_at && (
                  <ActionButton
                    action={`${base}/${t.public_id}/revoke`}
                    csrfToken={c.var.csrfToken}
                    label="Revoke"
                    variant="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>,
    status,
  );
}

/** Organisation administrators manage VC API tokens. */
export function tokenRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/orgs/:slug/tokens', (c) => tokensPage(c));
  r.post('/orgs/:slug/tokens', async (c) => {
    const fields = await formFields(c);
    const chosen =
      fields.scopes === undefined ? [] : typeof fields.scopes === 'string' ? [fields.scopes] : fields.scopes;
    return handleForm(
      c,
      fields,
      async () => {
        const { organisation } = await requireMember(
          c.var.deps.db,
          c.req.param('slug'),
          requireViewer(c.var.viewer).user_id,
          'tokens.manage',
        );
        // A form with no box ticked sends no scopes: that is “none”, not the API's default of all.
        const { token } = await createApiToken(
          c.var.deps,
          { organisationId: organisation.id, userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip },
          { ...fields, scopes: chosen },
        );
        return tokensPage(c, emptyForm, token, 201);
      },
      (form) => tokensPage(c, { ...form, values: { ...form.values, scopes: chosen.join(',') } }, null, 422),
    );
  });
  r.post('/orgs/:slug/tokens/:id/revoke', async (c) => {
    const { organisation } = await requireMember(
      c.var.deps.db,
      c.req.param('slug'),
      requireViewer(c.var.viewer).user_id,
      'tokens.manage',
    );
    await revokeApiToken(
      c.var.deps,
      { organisationId: organisation.id, userId: requireViewer(c.var.viewer).user_id, ip: c.var.ip },
      c.req.param('id'),
    );
    return redirectWith(
      c,
      `/orgs/${organisation.slug}/tokens`,
      'success',
      'Token revoked: it no longer works.',
    );
  });
  return r;
}
