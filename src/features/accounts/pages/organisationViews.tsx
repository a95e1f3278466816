import { ORGANISATION_KINDS, ROLES } from '../../../domain/roles.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  TableHead,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { roleName } from '../messages.ts';
import { ACCOUNT_PATHS, orgPath } from '../paths.ts';
import type { MembersModel, OverviewModel } from './organisationLoader.ts';

// The organisation pages: pure JSX of their view models (organisationLoader.ts).

export function NewOrganisationView({ form, csrf }: { form: FormState; csrf: string }) {
  const { t } = useT();
  const kind = form.values.kind ?? 'issuer';
  return (
    <section class="card">
      <h1>{t('accounts.organisations.newTitle')}</h1>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.newOrganisation} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field form={form} name="name" label={t('accounts.organisations.name')} required />
        <Field
          form={form}
          name="slug"
          label={t('accounts.organisations.slug')}
          hint={t('accounts.organisations.slugHint')}
        />
        <fieldset aria-describedby={form.errors.kind ? 'kind-error' : undefined}>
          <legend>{t('accounts.organisations.kind')}</legend>
          {form.errors.kind && (
            <p id="kind-error" class="error-text">
              {form.errors.kind}
            </p>
          )}
          {ORGANISATION_KINDS.map((k) => (
            <label for={`kind-${k}`}>
              <input id={`kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} />
              {t(`accounts.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field form={form} name="website" type="url" label={t('accounts.organisations.website')} />
        <button type="submit">{t('accounts.organisations.create')}</button>
      </form>
    </section>
  );
}

export function OverviewView({ model, csrf }: { model: OverviewModel; csrf: string }) {
  const i18n = useT();
  const { t } = i18n;
  return (
    <>
      <h1>{model.name}</h1>
      <section class="card">
        <p>
          <span class="tag">{t(`accounts.kinds.${model.kind}`)}</span>
        </p>
        {model.description && <p>{model.description}</p>}
        {model.website && (
          <p>
            <a href={model.website}>{model.website}</a>
          </p>
        )}
        <p>
          {t('accounts.organisations.yourRoles', {
            roles: model.roles.map((r) => roleName(i18n, r)).join(', '),
          })}{' '}
          {t('accounts.organisations.memberCount', { count: model.memberCount })}
        </p>
        <p>
          <a href={orgPath(model.slug, 'members')}>{t('accounts.organisations.members')}</a>{' '}
          {model.canReadAudit && (
            <a href={orgPath(model.slug, 'audit')}>{t('accounts.organisations.audit')}</a>
          )}
        </p>
      </section>
      {model.canExport && (
        <section class="card" aria-labelledby="h-org-data">
          <h2 id="h-org-data">{t('accounts.organisations.dataHeading')}</h2>
          <ActionButton
            action={orgPath(model.slug, 'export')}
            csrfToken={csrf}
            label={t('accounts.organisations.download', { organisation: model.name })}
            variant="secondary"
          />
          <p>{t('accounts.organisations.downloadWhat')}</p>
        </section>
      )}
    </>
  );
}

function RoleChecks({
  selected,
  idPrefix,
  legend,
  error,
}: {
  selected: readonly string[];
  idPrefix: string;
  legend: string;
  error?: string | undefined;
}) {
  const i18n = useT();
  return (
    <fieldset class="checks" aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p id={`${idPrefix}-error`} class="error-text">
          {error}
        </p>
      )}
      {ROLES.map((role) => (
        <label for={`${idPrefix}-${role}`}>
          <input
            id={`${idPrefix}-${role}`}
            type="checkbox"
            name="roles"
            value={role}
            checked={selected.includes(role)}
          />{' '}
          {roleName(i18n, role)}
        </label>
      ))}
    </fieldset>
  );
}

/** The invite form and the organisation's invitations with their state. */
function InvitationsSection({ model, form, csrf }: { model: MembersModel; form: FormState; csrf: string }) {
  const i18n = useT();
  const { t } = i18n;
  return (
    <>
      <section class="card mt-4" aria-labelledby="h-invite">
        <h2 id="h-invite">{t('accounts.members.invite')}</h2>
        <ErrorSummary form={form} />
        <form method="post" action={orgPath(model.slug, 'invitations')} class="stack" novalidate>
          <CsrfField token={csrf} />
          <Field form={form} name="email" type="email" label={t('accounts.members.theirEmail')} required />
          <RoleChecks
            selected={form.values.roles ? [form.values.roles] : ['reviewer']}
            idPrefix="invite-role"
            legend={t('accounts.members.inviteRoles')}
            error={form.errors.roles}
          />
          <button type="submit">{t('accounts.members.sendInvitation')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-invitations">
        <h2 id="h-invitations">{t('accounts.members.invitations')}</h2>
        <table>
          <TableHead
            columns={[
              t('accounts.members.email'),
              t('accounts.members.roles'),
              t('accounts.members.status'),
              '',
            ]}
          />
          <tbody>
            {model.invitations.map((i) => (
              <tr>
                <td>{i.email}</td>
                <td>
                  {i.roles.map((r) => (
                    <span class="tag">{roleName(i18n, r)}</span>
                  ))}
                </td>
                <td>{t(`accounts.members.state.${i.state}`)}</td>
                <td>
                  {i.state === 'pending' && (
                    <ActionButton
                      action={orgPath(model.slug, 'invitations', i.publicId, 'revoke')}
                      csrfToken={csrf}
                      label={t('accounts.members.withdraw')}
                      variant="danger"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function MemberChanges({
  model,
  member,
  csrf,
}: {
  model: MembersModel;
  member: MembersModel['members'][number];
  csrf: string;
}) {
  const { t } = useT();
  return (
    <td>
      <form method="post" action={orgPath(model.slug, 'members', member.publicId, 'roles')}>
        <CsrfField token={csrf} />
        <RoleChecks
          selected={member.roles}
          idPrefix={`role-${member.publicId}`}
          legend={t('accounts.members.roles')}
        />
        <button type="submit" class="secondary">
          {t('accounts.members.saveRoles')}
        </button>
      </form>
      {!member.isViewer && (
        <ActionButton
          action={orgPath(model.slug, 'members', member.publicId, 'remove')}
          csrfToken={csrf}
          label={t('accounts.members.remove')}
          variant="danger"
        />
      )}
    </td>
  );
}

/** The members page: everyone with their roles (changeable by those who manage), then invitations. */
export function MembersView({
  model,
  inviteForm,
  csrf,
}: {
  model: MembersModel;
  inviteForm: FormState;
  csrf: string;
}) {
  const i18n = useT();
  const { t } = i18n;
  return (
    <>
      <h1>{t('accounts.members.title', { organisation: model.name })}</h1>
      <table>
        <TableHead
          columns={[
            t('accounts.members.name'),
            t('accounts.members.email'),
            t('accounts.members.roles'),
            ...(model.canManage ? [t('accounts.members.change')] : []),
          ]}
        />
        <tbody>
          {model.members.map((m) => (
            <tr>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>
                {m.roles.map((r) => (
                  <span class="tag">{roleName(i18n, r)}</span>
                ))}
              </td>
              {model.canManage && <MemberChanges model={model} member={m} csrf={csrf} />}
            </tr>
          ))}
        </tbody>
      </table>
      {model.canInvite && <InvitationsSection model={model} form={inviteForm} csrf={csrf} />}
    </>
  );
}
