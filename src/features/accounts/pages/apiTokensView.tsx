import { API_SCOPES, API_SCOPE_WORDS } from '../../../http/apiTokens.ts';
import { ActionButton, CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { orgPath } from '../paths.ts';
import type { TokensModel } from './apiTokensLoader.ts';

/** The scope checkboxes: all ticked on a fresh form, the chosen ones after an error. */
function ScopeChecks({ form }: { form: FormState }) {
  const chosen = (form.values.scopes ?? '').split(',');
  return (
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
  );
}

/** The organisation's tokens: scopes, use, status, and revoking the active ones. */
function TokensTable({
  slug,
  tokens,
  csrfToken,
}: {
  slug: string;
  tokens: TokensModel['tokens'];
  csrfToken: string;
}) {
  return (
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
            <td>{t.last_used_at ? t.last_used_at.toISOString().slice(0, 16).replace('T', ' ') : 'never'}</td>
            <td>{t.revoked_at ? 'Revoked' : 'Active'}</td>
            <td>
              {!t.revoked_at && (
                <ActionButton
                  action={orgPath(slug, 'tokens', t.public_id, 'revoke')}
                  csrfToken={csrfToken}
                  label="Revoke"
                  variant="danger"
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The API tokens page of an organisation: pure markup of its view model. */
export function TokensView({
  model,
  form,
  created,
  csrfToken,
}: {
  model: TokensModel;
  form: FormState;
  created: string | null;
  csrfToken: string;
}) {
  const { slug, did, tokens } = model;
  return (
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
        <form method="post" action={orgPath(slug, 'tokens')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            form={form}
            name="name"
            label="What is it for?"
            hint="For example “Learning management system”."
            required
          />
          <ScopeChecks form={form} />
          <button type="submit">Create token</button>
        </form>
      </section>
      <TokensTable slug={slug} tokens={tokens} csrfToken={csrfToken} />
    </>
  );
}
