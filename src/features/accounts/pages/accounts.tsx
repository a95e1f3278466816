import { Hono, type Context } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { DAY } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { signUp } from '../commands/signUp.ts';
import { confirmEmail } from '../commands/confirmEmail.ts';
import { resendConfirmation } from '../commands/resendConfirmation.ts';
import { logIn } from '../commands/logIn.ts';
import { requestPasswordReset } from '../commands/requestPasswordReset.ts';
import { resetPassword } from '../commands/resetPassword.ts';
import { routeParams } from '../../../http/params.ts';
import { deleteSession } from '../../../storage/sessions.ts';
import { SESSION_COOKIE } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { page, redirectWith, safeNext } from '../../../web/render.tsx';
import type { CommandDeps } from '../../../domain/commands.ts';
import { translateMessage } from '../messages.ts';
import { ACCOUNT_PATHS } from '../paths.ts';
import { postForm, type Done } from './formRoutes.ts';
import {
  CheckEmailView,
  EmailOnlyView,
  LinkProblemView,
  LogInView,
  ResetView,
  SignUpView,
  type EmailOnlyKind,
} from './authViews.tsx';

type C = Context<AppEnv>;
const tokenParams = z.object({ token: z.string().min(1) });

const signUpPage = (c: C, form: FormState = emptyForm, status: 200 | 409 | 422 = 200) =>
  page(
    c,
    requestTranslator(c).t('accounts.signUp.title'),
    <SignUpView csrf={c.var.csrfToken} form={form} />,
    status,
  );
const logInPage = (c: C, form: FormState = emptyForm, status = 200 as 200 | 401) =>
  page(
    c,
    requestTranslator(c).t('accounts.logIn.title'),
    <LogInView csrf={c.var.csrfToken} form={form} next={safeNext(c.req.query('next'))} />,
    status,
  );
const resetPage = (c: C, token: string, form: FormState = emptyForm, status = 200 as 200 | 422) =>
  page(
    c,
    requestTranslator(c).t('accounts.reset.title'),
    <ResetView csrf={c.var.csrfToken} form={form} token={token} />,
    status,
  );

/** Logs the person in with a fresh session cookie and goes where they were heading. */
async function logInAndGo(c: C, fields: Record<string, unknown>): Promise<Done> {
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
  return { to: safeNext(c.req.query('next')) ?? '/' };
}

/** The confirmation link: confirms the address, or says why the link cannot be used. */
async function confirmLink(c: C) {
  const t = requestTranslator(c);
  try {
    const { token } = routeParams(c, tokenParams);
    const { email } = await confirmEmail(c.var.deps, { token, actor: { ip: c.var.ip } });
    return c.var.viewer
      ? redirectWith(c, ACCOUNT_PATHS.profile, 'success', t.t('accounts.flash.confirmed', { email }))
      : redirectWith(c, ACCOUNT_PATHS.logIn, 'success', t.t('accounts.flash.confirmedLogIn', { email }));
  } catch (err) {
    if (!(err instanceof AppError && (err.code === 'token_invalid' || err.code === 'conflict'))) throw err;
    return page(
      c,
      t.t('accounts.confirm.title'),
      <LinkProblemView
        heading={t.t('accounts.confirm.heading')}
        message={translateMessage(t, err.message)}
        link={{ href: ACCOUNT_PATHS.resendConfirmation, text: t.t('accounts.confirm.newLink') }}
      />,
      400,
    );
  }
}

/** Sign up, email confirmation, log in and out, password reset. */
export function accountRoutes() {
  const r = new Hono<AppEnv>();
  r.get(ACCOUNT_PATHS.signUp, (c) => signUpPage(c));
  postForm(r, ACCOUNT_PATHS.signUp, {
    async run(c, fields, t) {
      await signUp(c.var.deps, { ...fields, actor: { ip: c.var.ip } });
      return { to: ACCOUNT_PATHS.checkEmail, say: t.t('accounts.flash.signedUp') };
    },
    again: (c, form, status) => signUpPage(c, form, status as 422),
  });
  r.get(ACCOUNT_PATHS.checkEmail, (c) =>
    page(c, requestTranslator(c).t('accounts.checkEmail.title'), <CheckEmailView />),
  );
  r.get('/confirm-email/:token', confirmLink);
  emailOnlyForm(r, 'resend', resendConfirmation, {
    to: ACCOUNT_PATHS.checkEmail,
    say: 'accounts.flash.resent',
  });

  r.get(ACCOUNT_PATHS.logIn, (c) => {
    if (c.var.viewer) return c.redirect(safeNext(c.req.query('next')) ?? '/', 303);
    return logInPage(c);
  });
  postForm(r, ACCOUNT_PATHS.logIn, {
    run: (c, fields) => logInAndGo(c, fields),
    again: (c, form, status) => logInPage(c, form, status as 401),
  });
  r.post(ACCOUNT_PATHS.logOut, async (c) => {
    if (c.var.viewer) await deleteSession(c.var.deps.db, c.var.viewer.sessionToken);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return redirectWith(c, ACCOUNT_PATHS.logIn, 'info', requestTranslator(c).t('accounts.flash.loggedOut'));
  });

  emailOnlyForm(r, 'forgot', requestPasswordReset, {
    to: ACCOUNT_PATHS.logIn,
    say: 'accounts.flash.resetSent',
  });
  r.get('/reset-password/:token', (c) => resetPage(c, routeParams(c, tokenParams).token));
  postForm(r, '/reset-password/:token', {
    async run(c, fields, t) {
      const { token } = routeParams(c, tokenParams);
      await resetPassword(c.var.deps, { ...fields, token, actor: { ip: c.var.ip } });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return { to: ACCOUNT_PATHS.logIn, say: t.t('accounts.flash.passwordReset') };
    },
    again: (c, form, status) => resetPage(c, routeParams(c, tokenParams).token, form, status as 422),
  });
  return r;
}

/** A page asking for one email address (resend a confirmation, forgot a password): it never says whether the address has an account. */
function emailOnlyForm(
  r: Hono<AppEnv>,
  kind: EmailOnlyKind,
  command: (
    deps: CommandDeps,
    input: Record<string, unknown> & { actor: { ip: string | null } },
  ) => Promise<unknown>,
  done: { to: string; say: 'accounts.flash.resent' | 'accounts.flash.resetSent' },
): void {
  const path = kind === 'forgot' ? ACCOUNT_PATHS.forgotPassword : ACCOUNT_PATHS.resendConfirmation;
  const show = (c: C, form: FormState = emptyForm, status = 200 as 200 | 422) =>
    page(
      c,
      requestTranslator(c).t(`accounts.${kind}.title`),
      <EmailOnlyView csrf={c.var.csrfToken} form={form} kind={kind} />,
      status,
    );
  r.get(path, (c) => show(c));
  postForm(r, path, {
    async run(c, fields, t) {
      await command(c.var.deps, { ...fields, actor: { ip: c.var.ip } });
      return { to: done.to, say: t.t(done.say), kind: 'info' };
    },
    again: (c, form, status) => show(c, form, status as 422),
  });
}
