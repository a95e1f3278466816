import { Hono } from 'hono';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import { AppError } from '../../../domain/errors.ts';
import { z } from 'zod';
import { acceptInvitation } from '../commands/acceptInvitation.ts';
import { findOpenInvitation } from '../queries/invitations.ts';
import { routeParams } from '../../../http/params.ts';
import { invitationPath, orgPath } from '../paths.ts';
import { switchOrganisation } from '../commands/switchOrganisation.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { ActionButton } from '../../../web/forms.tsx';
import { page, redirectWith } from '../../../web/render.tsx';

const tokenParams = z.object({ token: z.string().min(1) });

/** The invitation: who invites, as what, and how to accept (accept now, or log in first). */
function InvitationView({
  invitation,
  here,
  loggedIn,
  csrf,
}: {
  invitation: Awaited<ReturnType<typeof findOpenInvitation>>;
  here: string;
  loggedIn: boolean;
  csrf: string;
}) {
  return (
    <section class="card">
      <h1>Join {invitation.organisation_name}</h1>
      <p>
        You are invited as{' '}
        {invitation.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join(', ')}. The
        invitation was sent to <strong>{invitation.email}</strong>.
      </p>
      {loggedIn ? (
        <ActionButton
          action={here}
          csrfToken={csrf}
          label={`Accept and join ${invitation.organisation_name}`}
        />
      ) : (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(here)}`}>
            Log in to accept
          </a>{' '}
          or <a href="/signup">create an account</a> with {invitation.email}, confirm it, then open this link
          again.
        </p>
      )}
    </section>
  );
}

/** The page an invitation email links to: log in or sign up, then accept. */
export function invitationRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/invitations/:token', async (c) => {
    const { token } = routeParams(c, tokenParams);
    let invitation;
    try {
      invitation = await findOpenInvitation(c.var.deps.db, token, c.var.deps.clock.now());
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return page(
        c,
        'Invitation',
        <section class="card">
          <h1>This invitation cannot be used</h1>
          <p>{err.message}</p>
        </section>,
        410,
      );
    }
    const here = invitationPath(token);
    return page(
      c,
      `Join ${invitation.organisation_name}`,
      <InvitationView
        invitation={invitation}
        here={here}
        loggedIn={Boolean(c.var.viewer)}
        csrf={c.var.csrfToken}
      />,
    );
  });
  r.post('/invitations/:token', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    try {
      const { token } = routeParams(c, tokenParams);
      const { slug } = await acceptInvitation(c.var.deps, {
        token,
        actor: { userId: viewer.user_id, ip: c.var.ip },
      });
      await switchOrganisation(c.var.deps, {
        slug,
        actor: { sessionId: viewer.session_id, userId: viewer.user_id },
      });
      return redirectWith(c, orgPath(slug), 'success', 'Welcome aboard: you joined the organisation.');
    } catch (err) {
      if (err instanceof AppError && (err.code === 'forbidden' || err.code === 'token_invalid')) {
        return page(
          c,
          'Invitation',
          <section class="card">
            <h1>You cannot accept this invitation yet</h1>
            <p>{err.message}</p>
            <p>
              <a href="/profile">Go to your profile</a>
            </p>
          </section>,
          err.status as 403,
        );
      }
      throw err;
    }
  });
  return r;
}
