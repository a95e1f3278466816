import type { Child } from 'hono/jsx';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  Field,
  emptyForm,
  type FormState,
} from '../../../web/forms.tsx';
import { useT } from '../../../web/i18n/context.ts';
import type { Translator } from '../../../web/i18n/i18n.ts';
import { issuingPaths } from '../paths.ts';
import type { ClaimFacts, ClaimPageModel } from './claimLoader.ts';

// The claim pages as pure views of their model (claimLoader.ts). The badge's name, its issuer
// and the address are data; every other word comes from the catalogue (issuing.claim.*).

type Pending = Extract<ClaimPageModel, { kind: 'pending' }>;

/** The title of a claim page, in the reader's language. */
export function claimTitle(model: ClaimPageModel, { t }: Pick<Translator, 't'>): string {
  if (model.kind === 'pending') return t('issuing.claim.title', { name: model.claim.badgeName });
  return t(`issuing.claim.${model.kind}.title`);
}

function BadgeSummary({ claim }: { claim: ClaimFacts }) {
  const { t } = useT();
  return (
    <div>
      <img
        src={issuingPaths.badgeBakedPng(claim.credentialPublicId)}
        alt={t('issuing.badge.image', { name: claim.badgeName })}
        width="120"
        height="120"
        class="float-end"
      />
      <p class="muted">
        {t('issuing.claim.issuedBy')} <strong>{claim.issuerName}</strong> {t('issuing.claim.to')}{' '}
        <strong>{claim.recipientEmail}</strong>
      </p>
      <p>
        <a href={issuingPaths.badge(claim.credentialPublicId)}>{t('issuing.claim.seeAndVerify')}</a>
      </p>
    </div>
  );
}

function Notice({ title, children }: { title: string; children: Child }) {
  return (
    <section class="card">
      <h1>{title}</h1>
      {children}
    </section>
  );
}

/** Logging in from the claim page (back here afterwards); its own ids beside the sign-up form. */
function ClaimLoginForm({
  token,
  csrf,
  email,
  hasAccount,
}: {
  token: string;
  csrf: string;
  email: string;
  hasAccount: boolean;
}) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-login">
      <h2 id="h-login">
        {hasAccount ? t('issuing.claim.login.heading') : t('issuing.claim.login.headingOther')}
      </h2>
      <form
        method="post"
        action={`/login?next=${encodeURIComponent(issuingPaths.claim(token))}`}
        class="stack"
        novalidate
      >
        <CsrfField token={csrf} />
        {/* Own ids: the sign-up form uses the shared Field ids (f-password…). Errors show on the login page. */}
        <div class="field">
          <label for="f-login-email">{t('issuing.claim.login.email')}</label>
          <input id="f-login-email" name="email" type="email" value={email} autocomplete="email" required />
        </div>
        <div class="field">
          <label for="f-login-password">{t('issuing.claim.login.password')}</label>
          <input
            id="f-login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit">{t('issuing.claim.login.submit')}</button>
      </form>
      <p>
        <a href="/forgot-password">{t('issuing.claim.login.forgot')}</a>
      </p>
    </section>
  );
}

/** Creating an account for the address the claim link was sent to (confirmed by the link). */
function ClaimSignupForm({
  token,
  csrf,
  email,
  signup,
}: {
  token: string;
  csrf: string;
  email: string;
  signup: FormState;
}) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby="h-signup">
      <h2 id="h-signup">{t('issuing.claim.signup.heading')}</h2>
      <p class="muted">{t('issuing.claim.signup.explain', { email })}</p>
      <ErrorSummary form={signup} />
      <form method="post" action={issuingPaths.claimSignUp(token)} class="stack" novalidate>
        <CsrfField token={csrf} />
        <div class="field">
          <label for="f-claim-email">{t('issuing.claim.signup.email')}</label>
          <input id="f-claim-email" type="email" value={email} autocomplete="username" readonly />
        </div>
        <Field
          form={signup}
          name="name"
          label={t('issuing.claim.signup.name')}
          autocomplete="name"
          required
        />
        <Field
          form={signup}
          name="password"
          type="password"
          label={t('issuing.claim.signup.password')}
          hint={t('issuing.claim.signup.passwordHint')}
          autocomplete="new-password"
          required
        />
        <button type="submit">{t('issuing.claim.signup.submit')}</button>
      </form>
    </section>
  );
}

function DeclineButton({ token, csrf }: { token: string; csrf: string }) {
  const { t } = useT();
  return (
    <ActionButton
      action={issuingPaths.claimDecline(token)}
      csrfToken={csrf}
      label={t('issuing.claim.decline')}
      variant="secondary"
    />
  );
}

/** The claim page for a signed-in person: accept or decline, unless the address is another account's. */
function SignedInClaim({ model, token, csrf }: { model: Pending; token: string; csrf: string }) {
  const { t } = useT();
  const { claim, signedIn } = model;
  const email = claim.recipientEmail;
  return (
    <section class="card">
      <h1>{claim.badgeName}</h1>
      <BadgeSummary claim={claim} />
      {signedIn === 'otherAccount' ? (
        <p role="alert">{t('issuing.claim.otherAccount', { email })}</p>
      ) : (
        <>
          {signedIn === 'confirms' && <p>{t('issuing.claim.alsoConfirms', { email })}</p>}
          {signedIn === 'adds' && <p>{t('issuing.claim.alsoAdds', { email })}</p>}
          <p>{t('issuing.claim.acceptOrDecline')}</p>
          <p>
            <ActionButton
              action={issuingPaths.claimAccept(token)}
              csrfToken={csrf}
              label={t('issuing.claim.accept')}
            />{' '}
            <DeclineButton token={token} csrf={csrf} />
          </p>
        </>
      )}
    </section>
  );
}

/** The claim page of a pending, unexpired claim: who may take it and how. */
function PendingClaim({
  model,
  token,
  csrf,
  signup,
}: {
  model: Pending;
  token: string;
  csrf: string;
  signup: FormState;
}) {
  const { t } = useT();
  if (model.signedIn) return <SignedInClaim model={model} token={token} csrf={csrf} />;
  const { claim, hasAccount } = model;
  const email = claim.recipientEmail;
  const loginForm = <ClaimLoginForm token={token} csrf={csrf} email={email} hasAccount={hasAccount} />;
  return (
    <>
      <section class="card">
        <h1>{claim.badgeName}</h1>
        <BadgeSummary claim={claim} />
        <p>
          {hasAccount ? t('issuing.claim.hasAccount', { email }) : t('issuing.claim.noAccount')}{' '}
          {t('issuing.claim.declineWithout')}
        </p>
        <p>
          <DeclineButton token={token} csrf={csrf} />
        </p>
        {hasAccount && <ErrorSummary form={signup} />}
      </section>
      {/* No account for this address: creating one comes first (most people who get a badge by email have none). */}
      {hasAccount ? (
        loginForm
      ) : (
        <>
          <ClaimSignupForm token={token} csrf={csrf} email={email} signup={signup} />
          {loginForm}
        </>
      )}
    </>
  );
}

/** The page for a link that cannot be used to decide any more (or never could). */
function ClosedClaim({
  model,
  token,
  csrf,
}: {
  model: Exclude<ClaimPageModel, Pending>;
  token: string;
  csrf: string;
}) {
  const { t } = useT();
  if (model.kind === 'invalid')
    return (
      <Notice title={t('issuing.claim.invalid.heading')}>
        <p>
          {t('issuing.claim.invalid.explain')} <a href="/login">{t('issuing.claim.invalid.logIn')}</a>.
        </p>
      </Notice>
    );
  const { claim } = model;
  const words = {
    name: claim.badgeName,
    issuer: claim.issuerName,
    email: claim.recipientEmail,
    days: model.linkDays,
  };
  if (model.kind === 'accepted')
    return (
      <Notice title={t('issuing.claim.accepted.heading')}>
        <p>{t('issuing.claim.accepted.explain', words)}</p>
        <p>
          <a href={issuingPaths.badge(claim.credentialPublicId)}>{t('issuing.claim.accepted.see')}</a>
        </p>
      </Notice>
    );
  if (model.kind === 'declined')
    return (
      <Notice title={t('issuing.claim.declined.heading')}>
        <p>{t('issuing.claim.declined.explain', words)}</p>
      </Notice>
    );
  return (
    <Notice title={t('issuing.claim.expired.heading')}>
      <p>{t('issuing.claim.expired.explain', words)}</p>
      <p>
        <ActionButton
          action={issuingPaths.claimRenew(token)}
          csrfToken={csrf}
          label={t('issuing.claim.expired.renew')}
        />
      </p>
      <p class="muted">{t('issuing.claim.expired.hint')}</p>
    </Notice>
  );
}

/** The page a claim link opens: see the badge, log in or sign up, accept or decline; or why it cannot be used. */
export function ClaimPageView({
  model,
  token,
  csrf,
  signup = emptyForm,
}: {
  model: ClaimPageModel;
  token: string;
  csrf: string;
  signup?: FormState;
}) {
  return model.kind === 'pending' ? (
    <PendingClaim model={model} token={token} csrf={csrf} signup={signup} />
  ) : (
    <ClosedClaim model={model} token={token} csrf={csrf} />
  );
}

/** After a fresh link was sent. */
export function ClaimRenewedView({ email, days }: { email: string; days: number }) {
  const { t } = useT();
  return (
    <Notice title={t('issuing.claim.renewed.heading')}>
      <p>{t('issuing.claim.renewed.explain', { email, days })}</p>
    </Notice>
  );
}
