import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import { acceptInvitation } from '../commands/acceptInvitation.ts';
import { switchOrganisation } from '../commands/switchOrganisation.ts';
import { routeParams } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import type { AppEnv } from '../../../http/env.ts';
import { requestTranslator } from '../../../web/preferences.ts';
import { page, redirectWith } from '../../../web/render.tsx';
import { translateMessage } from '../messages.ts';
import { ACCOUNT_PATHS, orgPath } from '../paths.ts';
import { LinkProblemView } from './authViews.tsx';
import { InvitationView } from './invitationView.tsx';
import { loadInvitation } from './invitationLoader.ts';

type C = Context<AppEnv>;
const tokenParams = z.object({ token: z.string().min(1) });

function problemPage(c: C, heading: 'unusable' | 'notYet', message: string, status: 400 | 403 | 410) {
  const t = requestTranslator(c);
  return page(
    c,
    t.t('accounts.invitation.title'),
    <LinkProblemView
      heading={t.t(`accounts.invitation.${heading}`)}
      message={translateMessage(t, message)}
      link={
        heading === 'notYet'
          ? { href: ACCOUNT_PATHS.profile, text: t.t('accounts.invitation.toProfile') }
          : undefined
      }
    />,
    status,
  );
}

/** The page an invitation email links to: log in or sign up, then accept. */
export function invitationRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/invitations/:token', async (c) => {
    const { token } = routeParams(c, tokenParams);
    const found = await loadInvitation(c.var.deps.db, token, c.var.deps.clock.now(), Boolean(c.var.viewer));
    if ('problem' in found) return problemPage(c, 'unusable', found.problem, 410);
    const t = requestTranslator(c);
    return page(
      c,
      t.t('accounts.invitation.join', { organisation: found.model.organisation }),
      <InvitationView model={found.model} csrf={c.var.csrfToken} />,
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
      return redirectWith(c, orgPath(slug), 'success', requestTranslator(c).t('accounts.flash.joined'));
    } catch (err) {
      if (err instanceof AppError && (err.code === 'forbidden' || err.code === 'token_invalid'))
        return problemPage(c, 'notYet', err.message, err.status as 403);
      throw err;
    }
  });
  return r;
}
