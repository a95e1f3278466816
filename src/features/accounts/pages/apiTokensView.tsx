import { API_SCOPES, type ApiScope } from '../../../http/apiTokens.ts';
import type { MessageKey } from '../../../web/i18n/i18n.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { orgPath } from '../paths.ts';
import type { TokensModel } from './apiTokensLoader.ts';

/** What each scope allows, in the catalogue (keys without the colon, which i18next reads as a namespace). */
const SCOPE_WORDS: Record<ApiScope, MessageKey> = {
  'credentials:read': 'accounts.tokens.scope.credentials_read',
  'credentials:issue': 'accounts.tokens.scope.credentials_issue',
  'credentials:status': 'accounts.tokens.scope.credentials_status',
  'awards:run': 'accounts.tokens.scope.awards_run',
  'audit:read': 'accounts.tokens.scope.audit_read',
  'webhooks:manage': 'accounts.tokens.scope.webhooks_manage',
  'catalog:read': 'accounts.tokens.scope.catalog_read',
  'catalog:write': 'accounts.tokens.scope.catalog_write',
  'applications:read': 'accounts.tokens.scope.applications_read',
  'applications:manage': 'accounts.tokens.scope.applications_manage',
  'payments:manage': 'accounts.tokens.scope.payments_manage',
  'recognition:read': 'accounts.tokens.scope.recognition_read',
  'recognition:manage': 'accounts.tokens.scope.recognition_manage',
  'recognition:submit': 'accounts.tokens.scope.recognition_submit',
};

/** The scope checkboxes: all ticked on a fresh form, the chosen ones after an error. */
function ScopeChecks({ form }: { form: FormState }) {
  const { t } = useT();
  const chosen = (form.values.scopes ?? '').split(',');
  return (
    <fieldset class="checks" aria-describedby={form.errors.scopes ? 'scopes-error' : undefined}>
      <legend>{t('accounts.tokens.mayDo')}</legend>
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
          <code>{scope}</code> {t(SCOPE_WORDS[scope])}
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
  const i18n = useT();
  const { t } = i18n;
  return (
    <table>
      <TableHead
        columns={[
          t('accounts.tokens.name'),
          t('accounts.tokens.scopes'),
          t('accounts.tokens.created'),
          t('accounts.tokens.lastUsed'),
          t('accounts.tokens.status'),
          '',
        ]}
      />
      <tbody>
        {tokens.map((token) => (
          <tr>
            <td>{token.name}</td>
            <td>
              {token.scopes.length
                ? token.scopes.map((scope) => (
                    <>
                      <code>{scope}</code>{' '}
                    </>
                  ))
                : t('accounts.tokens.none')}
            </td>
            <td>{i18n.date(token.created_at)}</td>
            <td>
              {token.last_used_at
                ? i18n.date(token.last_used_at, { withTime: true })
                : t('accounts.tokens.never')}
            </td>
            <td>{token.revoked_at ? t('accounts.tokens.revoked') : t('accounts.tokens.active')}</td>
            <td>
              {!token.revoked_at && (
                <ActionButton
                  action={orgPath(slug, 'tokens', token.public_id, 'revoke')}
                  csrfToken={csrfToken}
                  label={t('accounts.tokens.revoke')}
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
  const { t } = useT();
  const { slug, did, tokens } = model;
  return (
    <>
      <h1>{t('accounts.tokens.heading')}</h1>
      <p>{t('accounts.tokens.intro', { did })}</p>
      <p>
        <a href="/api/docs">{t('accounts.tokens.docs')}</a>
      </p>
      {created && (
        <section class="card" role="status">
          <h2>{t('accounts.tokens.newToken')}</h2>
          <p>{t('accounts.tokens.copyNow')}</p>
          <pre>{created}</pre>
        </section>
      )}
      <section class="card">
        <h2>{t('accounts.tokens.create')}</h2>
        <ErrorSummary form={form} />
        <form method="post" action={orgPath(slug, 'tokens')} class="stack" novalidate>
          <CsrfField token={csrfToken} />
          <Field
            form={form}
            name="name"
            label={t('accounts.tokens.what')}
            hint={t('accounts.tokens.whatHint')}
            required
          />
          <ScopeChecks form={form} />
          <button type="submit">{t('accounts.tokens.submit')}</button>
        </form>
      </section>
      <TokensTable slug={slug} tokens={tokens} csrfToken={csrfToken} />
    </>
  );
}
