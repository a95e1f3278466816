import { Hono, type Context } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { DAY } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { signUp } from '../commands/signUp.ts';
import { confirmEmail } from '../commands/confirmEmail.ts';
import { resendConfirmation } from '../commands/resendConfirmation.ts';
import { logIn } from '../commands/logIn.ts';
import { requestPasswordReset } from '../commands/requestPasswordReset.ts';
import { resetPassword } from '../commands/resetPassword.ts';
import { routeParams } from '../../../http/params.ts';
import { z } from 'zod';
import { deleteSession } from '../../../storage/sessions.ts';
import { SESSION_COOKIE } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { CsrfField, ErrorSummary, Field, emptyForm, type FormState } from '../../../web/forms.tsx';
import { formFields, handleForm, page, redirectWith, safeNext } from '../../../web/render.tsx';

type C = Context<AppEnv>;
const tokenParams = z.object({ token: z.string().min(1) });

function SignUpForm({ c, form }: { c: C; form: FormState }) {
  return (
    <section class="card">
      <h1>Create your Cairn account</h1>
      <p class="muted">
        Earn micro-credentials, review evidence, or run a badge program. One account for all of it.
      </p>
      <ErrorSummary form={form} />
      <form method="post" action="/signup" class="stack" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field form={form} name="name" label="Your name" autocomplete="name" required />
        <Field form={form} name="email" type="email" label="Email" autocomplete="email" required />
        <Field
          form={form}
          name="password"
          type="password"
          label="Password"
          hint="At least 10 characters."
          autocomplete="new-password"
          required
        />
        <button type="submit">Create account</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>
      </p>
    </section>
  );
}

function LogInForm({ c, form, next }: { c: C; form: FormState; next: string | null }) {
  return (
    <section class="card">
      <h1>Log in</h1>
      <ErrorSummary form={form} />
      <form
        method="post"
        action={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}
        class="stack"
        novalidate
      >
        <CsrfField token={c.var.csrfToken} />
        <Field form={form} name="email" type="email" label="Email" autocomplete="email" required />
        <Field
          form={form}
          name="password"
          type="password"
          label="Password"
          autocomplete="current-password"
          required
        />
        <button type="submit">Log in</button>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a> · <a href="/signup">Create an account</a> ·{' '}
        <a href="/resend-confirmation">Resend the confirmation email</a>
      </p>
    </section>
  );
}

function EmailOnlyForm({
  c,
  form,
  title,
  intro,
  action,
  button,
}: {
  c: C;
  form: FormState;
  title: string;
  intro: string;
  action: string;
  button: string;
}) {
  return (
    <section class="card">
      <h1>{title}</h1>
      <p>{intro}</p>
      <ErrorSummary form={form} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field form={form} name="email" type="email" label="Email" autocomplete="email" required />
        <button type="submit">{button}</button>
      </form>
    </section>
  );
}

function ResetForm({ c, form, token }: { c: C; form: FormState; token: string }) {
  return (
    <section class="card">
      <h1>Choose a new password</h1>
      <ErrorSummary form={form} />
      <form method="post" action={`/reset-password/${encodeURIComponent(token)}`} class="stack" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field
          form={form}
          name="password"
          type="password"
          label="New password"
          hint="At least 10 characters."
          autocomplete="new-password"
          required
        />
        <Field
          form={form}
          name="confirm"
          type="password"
          label="New password again"
          autocomplete="new-password"
          required
        />
        <button type="submit">Save password</button>
      </form>
    </section>
  );
}

const forgotCopy = {
  title: 'Reset your password',
  intro: 'We will email you a link to choose a new password.',
  action: '/forgot-password',
  button: 'Email me a link',
};
const resendCopy = {
  title: 'Resend the confirmation email',
  intro: 'Enter the address you signed up with.',
  action: '/resend-confirmation',
  button: 'Send it again',
};

/** Sign up, email confirmation, log in and out, password reset. */
// eslint-disable-next-line max-lines-per-function -- one route group: the account routes (sign up, confirm, log in/out, reset) listed in order; each handler is a parse-call-render step
export function accountRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/signup', (c) => page(c, 'Sign up', <SignUpForm c={c} form={emptyForm} />));
  r.post('/signup', async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await signUp(c.var.deps, { ...fields, actor: { ip: c.var.ip } });
        return redirectWith(
          c,
          '/check-email',
          'success',
          'Account created. Check your email for the confirmation link.',
        );
      },
      (form, status) => page(c, 'Sign up', <SignUpForm c={c} form={form} />, status),
    );
  });
  r.get('/check-email', (c) =>
    page(
      c,
      'Check your email',
      <section class="card">
        <h1>Check your email</h1>
        <p>
          We sent you a link to confirm your address. Open it to finish creating your account; it works for 48
          hours.
        </p>
        <p>
          Nothing arrived? Look in your spam folder, or <a href="/resend-confirmation">send it again</a>.
        </p>
      </section>,
    ),
  );
  r.get('/confirm-email/:token', async (c) => {
    try {
      const { token } = routeParams(c, tokenParams);
      const { email } = await confirmEmail(c.var.deps, { token, actor: { ip: c.var.ip } });
      const target = c.var.viewer ? '/profile' : `/login`;
      return redirectWith(
        c,
        target,
        'success',
        `Thank you: ${email} is confirmed.${c.var.viewer ? '' : ' You can log in now.'}`,
      );
    } catch (err) {
      if (err instanceof AppError && (err.code === 'token_invalid' || err.code === 'conflict')) {
        return page(
          c,
          'Link not valid',
          <section class="card">
            <h1>This confirmation link cannot be used</h1>
            <p>{err.message}</p>
            <p>
              <a href="/resend-confirmation">Send a new confirmation link</a>
            </p>
          </section>,
          400,
        );
      }
      throw err;
    }
  });
  emailOnlyForm(r, '/resend-confirmation', resendCopy, resendConfirmation, {
    to: '/check-email',
    message: 'If that address is waiting for confirmation, a new link is on its way.',
  });

  r.get('/login', (c) => {
    if (c.var.viewer) return c.redirect(safeNext(c.req.query('next')) ?? '/', 303);
    return page(c, 'Log in', <LogInForm c={c} form={emptyForm} next={safeNext(c.req.query('next'))} />);
  });
  r.post('/login', async (c) => {
    const fields = await formFields(c);
    const next = safeNext(c.req.query('next'));
    return handleForm(
      c,
      fields,
      async () => {
        const { sessionToken } = await logIn(c.var.deps, {
          ...fields,
          actor: { ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null },
        });
        const { config } = c.var.deps;
        setCookie(c, SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
          secure: config.secureCookies,
          maxAge: config.sessionDays * (DAY / 1000),
        });
        return c.redirect(next ?? '/', 303);
      },
      (form, status) => page(c, 'Log in', <LogInForm c={c} form={form} next={next} />, status),
    );
  });
  r.post('/logout', async (c) => {
    if (c.var.viewer) await deleteSession(c.var.deps.db, c.var.viewer.sessionToken);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return redirectWith(c, '/login', 'info', 'You are logged out.');
  });

  emailOnlyForm(r, '/forgot-password', forgotCopy, requestPasswordReset, {
    to: '/login',
    message:
      'If an account uses that address, a link to reset the password is on its way. It works for 2 hours.',
  });
  r.get('/reset-password/:token', (c) =>
    page(c, 'New password', <ResetForm c={c} form={emptyForm} token={routeParams(c, tokenParams).token} />),
  );
  r.post('/reset-password/:token', async (c) => {
    const fields = await formFields(c);
    const { token } = routeParams(c, tokenParams);
    return handleForm(
      c,
      fields,
      async () => {
        await resetPassword(c.var.deps, { ...fields, token, actor: { ip: c.var.ip } });
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return redirectWith(c, '/login', 'success', 'Your password is changed. Log in with the new one.');
      },
      (form, status) => page(c, 'New password', <ResetForm c={c} form={form} token={token} />, status),
    );
  });
  return r;
}

/** A page asking for one email address (resend a confirmation, forgot a password): it never says whether the address has an account. */
function emailOnlyForm(
  r: Hono<AppEnv>,
  path: string,
  copy: typeof resendCopy,
  command: (
    deps: AppEnv['Variables']['deps'],
    input: Record<string, unknown> & { actor: { ip: string | null } },
  ) => Promise<unknown>,
  done: { to: string; message: string },
): void {
  r.get(path, (c) => page(c, copy.title, <EmailOnlyForm c={c} form={emptyForm} {...copy} />));
  r.post(path, async (c) => {
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        await command(c.var.deps, { ...fields, actor: { ip: c.var.ip } });
        return redirectWith(c, done.to, 'info', done.message);
      },
      (form, status) => page(c, copy.title, <EmailOnlyForm c={c} form={form} {...copy} />, status),
    );
  });
}
