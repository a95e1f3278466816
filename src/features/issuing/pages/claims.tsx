import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DAY } from '../../../domain/clock.ts';
import { AppError } from '../../../domain/errors.ts';
import { routeParams } from '../../../http/params.ts';
import { CLAIM_LINK_DAYS, decideClaimWithToken, type ClaimDecision } from '../commands/claimCredential.ts';
import { renewClaimLink } from '../commands/claimLinks.ts';
import { signUpFromClaim } from '../commands/signUpFromClaim.ts';
import { SESSION_COOKIE } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import { formFields, handleForm, page, redirectWith } from '../../../web/render.tsx';
import { issuingPaths } from '../paths.ts';
import { CLAIM_PAGE_STATUS, loadClaimPage, type ClaimPageModel } from './claimLoader.ts';
import { ClaimPageView, ClaimRenewedView, claimTitle } from './claimView.tsx';

// The routes of the page a claim email links to: parse the token, call the loader or a command,
// render the view or redirect.

type C = Context<AppEnv>;

/** A claim link's secret: an opaque token (anything else is a link that is not valid). */
const claimParams = z.object({ token: z.string().min(1).max(200) });
const tokenOf = (c: C) => routeParams(c, claimParams, { what: 'claimLink' }).token;

const here = issuingPaths.claim;

function load(c: C, token: string) {
  return loadClaimPage(c.var.deps.db, {
    token,
    viewerId: c.var.viewer?.user_id ?? null,
    now: c.var.deps.clock.now(),
  });
}

/** Renders a claim page; a pending one may carry the sign-up form that failed, with its status. */
function render(c: C, token: string, model: ClaimPageModel, signup: FormState = emptyForm, status?: number) {
  return page(
    c,
    claimTitle(model, requestTranslator(c)),
    <ClaimPageView model={model} token={token} csrf={c.var.csrfToken} signup={signup} />,
    (status ?? CLAIM_PAGE_STATUS[model.kind]) as ContentfulStatusCode,
  );
}

/** Accepting (signed in) or declining (anyone with the link) from the claim page. */
const decide = (decision: ClaimDecision) => async (c: C) => {
  const token = tokenOf(c);
  const viewer = c.var.viewer;
  const { t } = requestTranslator(c);
  if (decision === 'accept' && !viewer)
    return redirectWith(c, here(token), 'info', t('issuing.claim.flash.logInFirst'));
  try {
    const claim = await decideClaimWithToken(c.var.deps, {
      token,
      decision,
      actor: viewer ? { userId: viewer.user_id, ip: c.var.ip } : { userId: null, ip: c.var.ip },
    });
    const words = { name: claim.badgeName, email: claim.recipientEmail };
    if (decision === 'accept') {
      const said = claim.addressAdded ? 'issuing.claim.flash.acceptedAdded' : 'issuing.claim.flash.accepted';
      return redirectWith(c, issuingPaths.badge(claim.credentialPublicId), 'success', t(said, words));
    }
    return redirectWith(c, here(token), 'info', t('issuing.claim.flash.declined', words));
  } catch (err) {
    if (err instanceof AppError && ['token_invalid', 'conflict', 'forbidden'].includes(err.code))
      return redirectWith(c, here(token), 'error', err.message);
    throw err;
  }
};

/** Creating an account from the link (the address confirmed by it), then back to accept or decline. */
async function signUp(c: C) {
  const token = tokenOf(c);
  const { deps } = c.var;
  const model = await load(c, token);
  if (model.kind !== 'pending') return render(c, token, model);
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
      return redirectWith(c, here(token), 'success', requestTranslator(c).t('issuing.claim.flash.signedUp'));
    },
    (form, status) => render(c, token, model, form, status),
  );
}

/** A fresh link for an expired one, sent to the same address. */
async function renew(c: C) {
  const token = tokenOf(c);
  try {
    const sent = await renewClaimLink(c.var.deps, { token, actor: { userId: null, ip: c.var.ip } });
    if (!sent) return c.redirect(here(token), 303);
    return page(
      c,
      requestTranslator(c).t('issuing.claim.renewed.title'),
      <ClaimRenewedView email={sent.email} days={CLAIM_LINK_DAYS} />,
    );
  } catch (err) {
    if (err instanceof AppError && ['token_invalid', 'conflict'].includes(err.code))
      return render(c, token, await load(c, token));
    throw err;
  }
}

/** The page a claim email links to: see the badge, log in or sign up, accept or decline. */
export function claimRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/claim/:token', async (c) => {
    const token = tokenOf(c);
    return render(c, token, await load(c, token));
  });
  r.post('/claim/:token/accept', decide('accept'));
  r.post('/claim/:token/decline', decide('decline'));
  r.post('/claim/:token/signup', signUp);
  r.post('/claim/:token/renew', renew);
  return r;
}
