import { CsrfField, ErrorSummary, Field, type FormState } from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import { ACCOUNT_PATHS, logInPath, resetPasswordPath } from '../paths.ts';

// The pages before and around logging in: pure JSX of what the route hands them.

interface FormProps {
  csrf: string;
  form: FormState;
}

export function SignUpView({ csrf, form }: FormProps) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('accounts.signUp.heading')}</h1>
      <p class="muted">{t('accounts.signUp.intro')}</p>
      <ErrorSummary form={form} />
      <form method="post" action={ACCOUNT_PATHS.signUp} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field form={form} name="name" label={t('accounts.yourName')} autocomplete="name" required />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('accounts.email')}
          autocomplete="email"
          required
        />
        <Field
          form={form}
          name="password"
          type="password"
          label={t('accounts.logIn.password')}
          hint={t('accounts.passwordHint')}
          autocomplete="new-password"
          required
        />
        <button type="submit">{t('accounts.signUp.submit')}</button>
      </form>
      <p>
        {t('accounts.signUp.haveAccount')} <a href={ACCOUNT_PATHS.logIn}>{t('accounts.signUp.logIn')}</a>
      </p>
    </section>
  );
}

export function LogInView({ csrf, form, next }: FormProps & { next: string | null }) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('accounts.logIn.title')}</h1>
      <ErrorSummary form={form} />
      <form method="post" action={logInPath(next)} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('accounts.email')}
          autocomplete="email"
          required
        />
        <Field
          form={form}
          name="password"
          type="password"
          label={t('accounts.logIn.password')}
          autocomplete="current-password"
          required
        />
        <button type="submit">{t('accounts.logIn.submit')}</button>
      </form>
      <p>
        <a href={ACCOUNT_PATHS.forgotPassword}>{t('accounts.logIn.forgot')}</a>{' '}
        <a href={ACCOUNT_PATHS.signUp}>{t('accounts.logIn.signUp')}</a>{' '}
        <a href={ACCOUNT_PATHS.resendConfirmation}>{t('accounts.logIn.resend')}</a>
      </p>
    </section>
  );
}

/** The two pages asking for one address: a password reset, a new confirmation link. */
export type EmailOnlyKind = 'forgot' | 'resend';
const EMAIL_ONLY_ACTION: Record<EmailOnlyKind, string> = {
  forgot: ACCOUNT_PATHS.forgotPassword,
  resend: ACCOUNT_PATHS.resendConfirmation,
};

export function EmailOnlyView({ csrf, form, kind }: FormProps & { kind: EmailOnlyKind }) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t(`accounts.${kind}.title`)}</h1>
      <p>{t(`accounts.${kind}.intro`)}</p>
      <ErrorSummary form={form} />
      <form method="post" action={EMAIL_ONLY_ACTION[kind]} class="stack" novalidate>
        <CsrfField token={csrf} />
        <Field
          form={form}
          name="email"
          type="email"
          label={t('accounts.email')}
          autocomplete="email"
          required
        />
        <button type="submit">{t(`accounts.${kind}.submit`)}</button>
      </form>
    </section>
  );
}

export function ResetView({ csrf, form, token }: FormProps & { token: string }) {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('accounts.reset.heading')}</h1>
      <ErrorSummary form={form} />
      <form method="post" action={resetPasswordPath(token)} class="stack" novalidate>
        <CsrfField token={csrf} />
        <NewPasswordFields form={form} hint={t('accounts.passwordHint')} />
        <button type="submit">{t('accounts.reset.submit')}</button>
      </form>
    </section>
  );
}

export function CheckEmailView() {
  const { t } = useT();
  return (
    <section class="card">
      <h1>{t('accounts.checkEmail.title')}</h1>
      <p>{t('accounts.checkEmail.body')}</p>
      <p>{t('accounts.checkEmail.nothing')}</p>
      <p>
        <a href={ACCOUNT_PATHS.resendConfirmation}>{t('accounts.checkEmail.again')}</a>
      </p>
    </section>
  );
}

/** A link that cannot be used (a confirmation, an invitation), why, and where to go instead. */
export function LinkProblemView({
  heading,
  message,
  link,
}: {
  heading: string;
  message: string;
  link?: { href: string; text: string };
}) {
  return (
    <section class="card">
      <h1>{heading}</h1>
      <p>{message}</p>
      {link && (
        <p>
          <a href={link.href}>{link.text}</a>
        </p>
      )}
    </section>
  );
}

/** A new password typed twice (reset and change password share it). */
export function NewPasswordFields({ form, hint }: { form: FormState; hint: string }) {
  const { t } = useT();
  return (
    <>
      <Field
        form={form}
        name="password"
        type="password"
        label={t('accounts.newPassword')}
        hint={hint}
        autocomplete="new-password"
        required
      />
      <Field
        form={form}
        name="confirm"
        type="password"
        label={t('accounts.newPasswordAgain')}
        autocomplete="new-password"
        required
      />
    </>
  );
}
