import { DELETE_CONFIRMATION } from '../../dataRights/index.ts';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TableHead,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { LOCALES, type MessageKey } from '../../../web/i18n/i18n.ts';
import { ACCOUNT_PATHS, profileEmailPath } from '../paths.ts';
import { NewPasswordFields } from './authViews.tsx';
import type { ProfileModel } from './profileLoader.ts';

// The profile page: pure JSX of its view model (profileLoader.ts) and the forms that failed.

export type ProfileForms = Partial<Record<'name' | 'locale' | 'email' | 'password' | 'deletion', FormState>>;

function NameSection({ name, form, csrf }: { name: string; form: FormState; csrf: string }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-name">
      <h2 id="h-name">{t('accounts.profile.name')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.profileName} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="name"
          label={t('accounts.yourName')}
          value={name}
          autocomplete="name"
          required
        />
        <button type="submit">{t('accounts.profile.saveName')}</button>
      </form>
    </section>
  );
}

function LanguageSection({
  locale,
  form,
  csrf,
}: {
  locale: ProfileModel['locale'];
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  const options: Array<[string, string]> = [
    ['', t('accounts.profile.language.browser')],
    ...LOCALES.map((l): [string, string] => [l, t(`languages.${l}`)]),
  ];
  return (
    <section class="card" aria-labelledby="h-language">
      <h2 id="h-language">{t('accounts.profile.language.heading')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.profileLocale} class="stack" novalidate>
        <CsrfField token={csrf} />
        <SelectField
          form={form}
          name="locale"
          label={t('accounts.profile.language.label')}
          options={options}
          value={locale ?? ''}
          hint={t('accounts.profile.language.hint')}
        />
        <button type="submit">{t('accounts.profile.language.save')}</button>
      </form>
    </section>
  );
}

/** The account's addresses with their actions, and the form to add one. */
function EmailsSection({
  emails,
  form,
  csrf,
}: {
  emails: ProfileModel['emails'];
  form: FormState;
  csrf: string;
}) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-emails">
      <h2 id="h-emails">{t('accounts.profile.emails.heading')}</h2>
      <p class="muted">{t('accounts.profile.emails.intro')}</p>
      <table class="stacking">
        <TableHead
          columns={[
            t('accounts.profile.emails.address'),
            t('accounts.profile.emails.status'),
            t('accounts.profile.emails.actions'),
          ]}
        />
        <tbody>
          {emails.map((e) => (
            <tr>
              <td data-label={t('accounts.profile.emails.address')}>{e.email}</td>
              <td data-label={t('accounts.profile.emails.status')}>
                {e.primary && <span class="tag">{t('accounts.profile.emails.primary')}</span>}
                <span class="tag">
                  {e.confirmed
                    ? t('accounts.profile.emails.confirmed')
                    : t('accounts.profile.emails.waiting')}
                </span>
              </td>
              <td data-label={t('accounts.profile.emails.actions')}>
                {!e.primary && e.confirmed && (
                  <ActionButton
                    action={profileEmailPath(e.id, 'primary')}
                    csrfToken={csrf}
                    label={t('accounts.profile.emails.makePrimary')}
                    variant="secondary"
                  />
                )}{' '}
                {!e.primary && (
                  <ActionButton
                    action={profileEmailPath(e.id, 'remove')}
                    csrfToken={csrf}
                    label={t('accounts.profile.emails.remove')}
                    variant="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.profileEmails} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('accounts.profile.emails.add')}
          autocomplete="email"
          required
        />
        <button type="submit">{t('accounts.profile.emails.submit')}</button>
      </form>
    </section>
  );
}

/** The change-password form. */
function PasswordSection({ form, csrf }: { form: FormState; csrf: string }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-password">
      <h2 id="h-password">{t('accounts.profile.password.heading')}</h2>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.profilePassword} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="current"
          type="password"
          label={t('accounts.profile.password.current')}
          autocomplete="current-password"
          required
        />
        <NewPasswordFields form={form} hint={t('accounts.profile.password.hint')} />
        <button type="submit">{t('accounts.profile.password.submit')}</button>
      </form>
    </section>
  );
}

function PathwaysSection({ pathways }: { pathways: ProfileModel['pathways'] }) {
  const { t } = useT();
  if (pathways.length === 0) return null;
  return (
    <section class="card" aria-labelledby="h-pathways">
      <h2 id="h-pathways">{t('accounts.profile.pathways.heading')}</h2>
      <ul>
        {pathways.map((p) => (
          <li>
            <strong>
              {t('accounts.profile.pathways.item', { pathway: p.name, organisation: p.organisation })}
            </strong>{' '}
            {p.complete
              ? t('accounts.profile.pathways.completed')
              : t('accounts.profile.pathways.progress', { done: p.done, needed: p.needed })}
            <progress
              class="ms-2"
              value={p.done}
              max={p.needed}
              aria-label={t('accounts.profile.pathways.progressLabel', { pathway: p.name })}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The person's data: download everything, or delete the account. */
function YourDataSection({ form, csrf }: { form: FormState; csrf: string }) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-your-data">
      <h2 id="h-your-data">{t('accounts.profile.data.heading')}</h2>
      <p>
        <a href={ACCOUNT_PATHS.myData}>{t('accounts.profile.data.download')}</a>
      </p>
      <p>{t('accounts.profile.data.downloadWhat')}</p>
      <h3 id="h-delete">{t('accounts.profile.data.deleteHeading')}</h3>
      <p class="muted">{t('accounts.profile.data.deleteWhat')}</p>
      <ErrorSummary form={form} />
      <form
        method="post"
        action={ACCOUNT_PATHS.deleteAccount}
        class="stack"
        novalidate
        aria-labelledby="h-delete"
      >
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="password"
          type="password"
          label={t('accounts.profile.data.password')}
          autocomplete="current-password"
          required
        />
        <Field
          form={form}
          name="confirmation"
          label={t('accounts.profile.data.confirmation', { phrase: DELETE_CONFIRMATION })}
          autocomplete="off"
          required
        />
        <button type="submit" class="danger">
          {t('accounts.profile.data.submit')}
        </button>
      </form>
    </section>
  );
}

const ACTIVITY = new Set([
  'user_signed_up',
  'user_logged_in',
  'user_email_added',
  'user_email_confirmed',
  'user_email_made_primary',
  'user_email_removed',
  'user_password_changed',
  'user_password_reset',
  'user_password_reset_requested',
  'user_profile_updated',
]);

function ActivitySection({ activity }: { activity: ProfileModel['activity'] }) {
  const i18n = useT();
  const what = (action: string) => {
    const key = action.replace(/\./g, '_');
    // Account events are named in the reader's language; others (badges, collections) by their record name.
    return ACTIVITY.has(key) ? i18n.t(`accounts.profile.activity.actions.${key}` as MessageKey) : action;
  };
  return (
    <section class="card" aria-labelledby="h-activity">
      <h2 id="h-activity">{i18n.t('accounts.profile.activity.heading')}</h2>
      {activity.length === 0 ? (
        <p>{i18n.t('accounts.profile.activity.empty')}</p>
      ) : (
        <ul>
          {activity.map((a) => {
            const values = { when: i18n.date(a.at, { withTime: true }), what: what(a.action) };
            return (
              <li>
                {a.ip
                  ? i18n.t('accounts.profile.activity.entryFrom', { ...values, ip: a.ip })
                  : i18n.t('accounts.profile.activity.entry', values)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The account's own page. */
export function ProfileView({
  model,
  forms,
  csrf,
}: {
  model: ProfileModel;
  forms: ProfileForms;
  csrf: string;
}) {
  const { t } = useT();
  return (
    <>
      <h1>{t('accounts.profile.title')}</h1>
      <NameSection name={model.name} form={forms.name ?? emptyForm} csrf={csrf} />
      <LanguageSection locale={model.locale} form={forms.locale ?? emptyForm} csrf={csrf} />
      <EmailsSection emails={model.emails} form={forms.email ?? emptyForm} csrf={csrf} />
      <PasswordSection form={forms.password ?? emptyForm} csrf={csrf} />
      <PathwaysSection pathways={model.pathways} />
      <YourDataSection form={forms.deletion ?? emptyForm} csrf={csrf} />
      <ActivitySection activity={model.activity} />
    </>
  );
}
