import { Hono, type Context } from 'hono';
import { requireMember } from '../organisationAccess.ts';
import { inviteMember } from '../commands/inviteMember.ts';
import { listInvitations, listMembers } from '../../../storage/organisations.ts';
import { z } from 'zod';
import { jsonObjectBody } from '../../../http/jsonBody.ts';
import { routeParams, slugParam } from '../../../http/params.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { presentInvitation, presentMember, presentViewer } from '../../../http/present.ts';
import type { AppEnv } from '../../../http/env.ts';

const slugParams = z.object({ slug: slugParam });

/** The JSON API (session cookie + X-CSRF-Token for writes). Routes: authenticate → validate → command → present. */
export function apiRoutes() {
  const r = new Hono<AppEnv>();
  const member = (c: Context<AppEnv>, action: Parameters<typeof requireMember>[3]) =>
    requireMember(
      c.var.deps.db,
      routeParams(c, slugParams).slug,
      requireViewer(c.var.viewer).user_id,
      action,
    );

  r.get('/api/v1/me', (c) => c.json(presentViewer(requireViewer(c.var.viewer))));
  r.get('/api/v1/orgs/:slug/members', async (c) => {
    const { organisation } = await member(c, 'members.read');
    return c.json({ members: (await listMembers(c.var.deps.db, organisation.id)).map(presentMember) });
  });
  r.get('/api/v1/orgs/:slug/invitations', async (c) => {
    const { organisation } = await member(c, 'invitations.read');
    return c.json({
      invitations: (await listInvitations(c.var.deps.db, organisation.id)).map(presentInvitation),
    });
  });
  r.post('/api/v1/orgs/:slug/invitations', async (c) => {
    const viewer = requireViewer(c.var.viewer);
    const body = await jsonObjectBody(c);
    const { publicId } = await inviteMember(c.var.deps, {
      ...body,
      slug: routeParams(c, slugParams).slug,
      actor: { userId: viewer.user_id, ip: c.var.ip },
    });
    return c.json({ id: publicId }, 201);
  });
  return r;
}
