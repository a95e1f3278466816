import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DAY } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import {
  CLAIM_LINK_DAYS,
  decideClaimWithToken,
  findClaimByToken,
  type ClaimDecision,
  type ClaimView,
} from '../commands/claimCredential.ts';
import { renewClaimLink } from '../commands/claimLinks.ts';
import { signUpFromClaim } from '../commands/signUpFromClaim.ts';
import { emailsOf, findUserByConfirmedEmail } from '../../../storage/users.ts';
import { SESSION_COOKIE } from '../../../http/middleware/session.ts';
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
import { issuingPaths } from '../paths.ts';

type C = Context<AppEnv>;

const here = issuingPaths.claim;

function BadgeSummary({ claim }: { claim: ClaimView }) {
  return (
    <div>
      <img
        src={issuingPaths.badgeBakedPng(claim.credentialPublicId)}
        alt={`${claim.badgeName} badge`}
        width="120"
        height="120"
        class="float-end"
      />
      <p class="muted">
        Issued by <strong>{claim.issuerName}</strong> to <strong>{claim.recipientEmail}</strong>
      </p>
      <p>
        <a href={issuingPaths.badge(claim.credentialPublicId)}>See the badge and verify it</a>
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
  return (
    <section class="card" aria-labelledby="h-login">
      <h2 id="h-login">{hasAccount ? 'Log in' : 'I already have a Cairn account'}</h2>
      <form method="post" action={`/login?next=${encodeURIComponent(here(token))}`} class="stack" novalidate>
        <CsrfField token={csrf} />
        {/* Own ids: the sign-up form uses the shared Field ids (f-password…). Errors show on the login page. */}
        <div class="field">
          <label for="f-login-email">Email</label>
          <input id="f-login-email" name="email" type="email" value={email} autocomplete="email" required />
        </div>
        <div class="field">
          <label for="f-login-password">Password</label>
          <input
            id="f-login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit">Log in</button>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
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
  return (
    <section class="card" aria-labelledby="h-signup">
      <h2 id="h-signup">Create an account</h2>
      <p class="muted">
        The account uses <strong>{email}</strong>, already confirmed by this link. You can add more addresses
        later on your profile.
      </p>
      <ErrorSummary form={signup} />
      <form method="post" action={`${here(token)}/signup`} class="stack" novalidate>
        <CsrfField token={csrf} />
        <div class="field">
          <label for="f-claim-email">Email</label>
          <input id="f-claim-email" type="email" value={email} autocomplete="username" readonly />
        </div>
        <Field form={signup} name="name" label="Your name" autocomplete="name" required />
        <Field
          form={signup}
          name="password"
          type="password"
          label="Password"
          hint="At least 10 characters."
          autocomplete="new-password"
          required
        />
        <button type="submit">Create account</button>
      </form>
    </section>
  );
}

/** The claim page for a signed-in person: accept or decline, unless the address is another account's. */
async function signedInPage(
  c: C,
  token: string,
  claim: ClaimView,
  userId: number,
  decline: Child,
  status: ContentfulStatusCode,
) {
  const csrf = c.var.csrfToken;
  const title = `Claim ${claim.badgeName}`;
  const mine = await emailsOf(c.var.deps.db, userId);
  const own = mine.some((e) => e.email === claim.recipientEmail && e.confirmed_at);
  const other = own ? undefined : await findUserByConfirmedEmail(c.var.deps.db, claim.recipientEmail);
  return page(
    c,
    title,
    <section class="card">
      <h1>{claim.badgeName}</h1>
      <BadgeSummary claim={claim} />
      {other ? (
        <p role="alert">
          This badge was sent to {claim.recipientEmail}, which belongs to another Cairn account. Log out, then
          log in to that account to accept it.
        </p>
      ) : (
        <>
          {!own && (
            <p>
              Accepting also {mine.some((e) => e.email === claim.recipientEmail) ? 'confirms' : 'adds'}{' '}
              {claim.recipientEmail} {mine.some((e) => e.email === claim.recipientEmail) ? 'on' : 'to'} your
              account as a confirmed address: opening this link proved you read its mail.
            </p>
          )}
          <p>
            Accept the badge to keep it in your account and share it, or decline it. Either way the credential
            stays valid and verifiable.
          </p>
          <p>
            <ActionButton action={`${here(token)}/accept`} csrfToken={csrf} label="Accept this badge" />{' '}
            {decline}
          </p>
        </>
      )}
    </section>,
    status,
  );
}

/** The claim page of a pending, unexpired claim: who may take it and how. */
async function pendingPage(
  c: C,
  token: string,
  claim: ClaimView,
  signup: FormState = emptyForm,
  status: ContentfulStatusCode = 200,
) {
  const viewer = c.var.viewer;
  const csrf = c.var.csrfToken;
  const title = `Claim ${claim.badgeName}`;
  const decline = (
    <ActionButton
      action={`${here(token)}/decline`}
      csrfToken={csrf}
      label="Decline this badge"
      variant="secondary"
    />
  );
  if (viewer) return signedInPage(c, token, claim, viewer.user_id, decline, status);
  // The address already has an account: logging in is the only way in.
  const hasAccount = Boolean(await findUserByConfirmedEmail(c.var.deps.db, claim.recipientEmail));
  const loginForm = (
    <ClaimLoginForm token={token} csrf={csrf} email={claim.recipientEmail} hasAccount={hasAccount} />
  );
  const signupForm = (
    <ClaimSignupForm token={token} csrf={csrf} email={claim.recipientEmail} signup={signup} />
  );
  return page(
    c,
    title,
    <>
      <section class="card">
        <h1>{claim.badgeName}</h1>
        <BadgeSummary claim={claim} />
        <p>
          {hasAccount
            ? `${claim.recipientEmail} has a Cairn account: log in to accept this badge.`
            : 'Create a free account to accept this badge (or log in, if you already have one).'}{' '}
          Not for you? You can decline it without an account.
        </p>
        <p>{decline}</p>
        {hasAccount && <ErrorSummary form={signup} />}
      </section>
      {/* No account for this address: creating one comes first (most people who get a badge by email have none). */}
      {hasAccount ? (
        loginForm
      ) : (
        <>
          {signupForm}
          {loginForm}
        </>
      )}
    </>,
    status,
  );
}

/** The page for a link that cannot be used to decide any more (or never could). */
function closedPage(c: C, token: string, claim: ClaimView | undefined) {
  if (!claim) {
    return page(
      c,
      'Link not valid',
      <Notice title="This claim link is not valid">
        <p>
          Use the newest link from your email. If you have a Cairn account, badges sent to its confirmed
          addresses can be claimed after you <a href="/login">log in</a>.
        </p>
      </Notice>,
      404,
    );
  }
  if (claim.state === 'accepted') {
    return page(
      c,
      'Already claimed',
      <Notice title="This badge was already claimed">
        <p>
          {claim.badgeName} from {claim.issuerName} was accepted; this link cannot be used again.
        </p>
        <p>
          <a href={issuingPaths.badge(claim.credentialPublicId)}>See the badge</a>
        </p>
      </Notice>,
      410,
    );
  }
  if (claim.state === 'declined') {
    return page(
      c,
      'Badge declined',
      <Notice title="This badge was declined">
        <p>
          {claim.badgeName} from {claim.issuerName} was declined; this link cannot be used again. The
          credential itself stays valid and verifiable. If declining was a mistake, ask {claim.issuerName} to
          issue it again.
        </p>
      </Notice>,
      410,
    );
  }
  return page(
    c,
    'Link expired',
    <Notice title="This claim link has expired">
      <p>
        {claim.badgeName} from {claim.issuerName} is still waiting for you. We can send a new link to{' '}
        {claim.recipientEmail}; it works for {CLAIM_LINK_DAYS} days.
      </p>
      <p>
        <ActionButton
          action={`${here(token)}/renew`}
          csrfToken={c.var.csrfToken}
          label="Send me a new link"
        />
      </p>
      <p class="muted">
        Already have an account with that address confirmed? Log in: you can accept the badge from your
        account without the link.
      </p>
    </Notice>,
    410,
  );
}

/** Accepting (signed in) or declining (anyone with the link) from the claim page. */
const decide = (decision: ClaimDecision) => async (c: C) => {
  const token = c.req.param('token') ?? '';
  const viewer = c.var.viewer;
  if (decision === 'accept' && !viewer)
    return redirectWith(c, here(token), 'info', 'Log in or create an account first, then accept the badge.');
  try {
    const claim = await decideClaimWithToken(c.var.deps, {
      token,
      decision,
      actor: viewer ? { userId: viewer.user_id, ip: c.var.ip } : { userId: null, ip: c.var.ip },
    });
    if (decision === 'accept') {
      const added = claim.addressAdded
        ? ` ${claim.recipientEmail} is now a confirmed address of your account.`
        : '';
      return redirectWith(
        c,
        issuingPaths.badge(claim.credentialPublicId),
        'success',
        `You accepted ${claim.badgeName}.${added}`,
      );
    }
    return redirectWith(c, here(token), 'info', `You declined ${claim.badgeName}.`);
  } catch (err) {
    if (err instanceof AppError && ['token_invalid', 'conflict', 'forbidden'].includes(err.code))
      return redirectWith(c, here(token), 'error', err.message);
    throw err;
  }
};

/** The page a claim email links to: see the badge, log in or sign up, accept or decline. */
export function claimRoutes() {
  const r = new Hono<AppEnv>();

  r.get('/claim/:token', async (c) => {
    const token = c.req.param('token');
    const claim = await findClaimByToken(c.var.deps.db, token, c.var.deps.clock.now());
    if (!claim || claim.state !== 'pending' || claim.expired) return closedPage(c, token, claim);
    return pendingPage(c, token, claim);
  });

  r.post('/claim/:token/accept', decide('accept'));
  r.post('/claim/:token/decline', decide('decline'));

  r.post('/claim/:token/signup', async (c) => {
    const token = c.req.param('token');
    const { deps } = c.var;
    const claim = await findClaimByToken(deps.db, token, deps.clock.now());
    if (!claim || claim.state !== 'pending' || claim.expired) return closedPage(c, token, claim);
    if (c.var.viewer) return c.redirect(here(token), 303);
    const fields = await formFields(c);
    return handleForm(
      c,
      fields,
      async () => {
        const { sessionToken } = await signUpFromClaim(deps, {
          ...fields,
          token,
          actor: { userId: null, ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null },
        });
        setCookie(c, SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
          secure: deps.config.secureCookies,
          maxAge: deps.config.sessionDays * (DAY / 1000),
        });
        return redirectWith(
          c,
          here(token),
          'success',
          'Your account is ready. Now accept or decline the badge.',
        );
      },
      (form, status) => pendingPage(c, token, claim, form, status),
    );
  });

  r.post('/claim/:token/renew', async (c) => {
    const token = c.req.param('token');
    try {
      const sent = await renewClaimLink(c.var.deps, { token, actor: { userId: null, ip: c.var.ip } });
      if (!sent) return c.redirect(here(token), 303);
      return page(
        c,
        'Check your email',
        <Notice title="A new link is on its way">
          <p>
            We sent a fresh claim link to {sent.email}. It works for {CLAIM_LINK_DAYS} days; the old links no
            longer work.
          </p>
        </Notice>,
      );
    } catch (err) {
      if (err instanceof AppError && ['token_invalid', 'conflict'].includes(err.code)) {
        return closedPage(c, token, await findClaimByToken(c.var.deps.db, token, c.var.deps.clock.now()));
      }
      throw err;
    }
  });
  return r;
}
