import { Hono, type Context } from 'hono';
import { requireMember } from '../organisationAccess.ts';
import { inviteMember } from '../commands/inviteMember.ts';
import { listInvitations, listMembers } from '../../../storage/organisations.ts';
import { invalid } from '../../../domain/errors.ts';
import { requireViewer } from '../../../http/middleware/session.ts';
import { presentInvitation, presentMember, presentViewer } from '../../../http/present.ts';
import type { AppEnv } from '../../../http/env.ts';

/** The JSON API (session cookie + X-CSRF-Token for writes). Routes: authenticate → validate → command → present. */
export function apiRoutes() {
  const r = new Hono<AppEnv>();
  const member = (c: Context<AppEnv>, action: Parameters<typeof requireMember>[3]) =>
    requireMember(c.var.deps.db, c.req.param('slug') ?? '', requireViewer(c.var.viewer).user_id, action);

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
    const body: unknown = await c.req.json().catch(() => {
      throw invalid({ _: 'The body must be JSON.' }, 'The body must be JSON.');
    });
    const { publicId } = await inviteMember(
      c.var.deps,
      { userId: viewer.user_id, ip: c.var.ip },
      c.req.param('slug'),
      body,
    );
    return c.json({ id: publicId }, 201);
  });
  return r;
}
